extension Gateway.Configuration {
    /// CORS as an HTTP API configures it (`AWS::ApiGatewayV2::Api Cors`, aws-behaviour §3.4).
    public struct CORS: Sendable, Equatable {
        /// Origins allowed to read responses: exact origins (`https://app.edgesim.test`) or `*`.
        public var allowOrigins: [String]
        /// Methods announced in preflight responses.
        public var allowMethods: [String]
        /// Request headers announced in preflight responses.
        public var allowHeaders: [String]
        /// Response headers a browser lets scripts read.
        public var exposeHeaders: [String]
        /// Seconds a browser may cache a preflight response (-1 to 86400); nil sends no `Access-Control-Max-Age`.
        public var maxAge: Int?
        /// Whether credentialed requests may read responses. Refused with `*` origins.
        public var allowCredentials: Bool
        /// Status of the gateway's own preflight answer. UNCONFIRMED (aws-behaviour §3.4, §8.2): observed 204 and 200.
        public var preflightStatus: Int
        /// Whether a response that reflects one origin says `Vary: Origin`. UNCONFIRMED for HTTP APIs; the Fetch
        /// standard recommends it and S3 sends it, so it is on by default.
        public var varyOnOrigin: Bool

        public init(
            allowOrigins: [String] = [],
            allowMethods: [String] = [],
            allowHeaders: [String] = [],
            exposeHeaders: [String] = [],
            maxAge: Int? = nil,
            allowCredentials: Bool = false,
            preflightStatus: Int = 204,
            varyOnOrigin: Bool = true
        ) {
            self.allowOrigins = allowOrigins
            self.allowMethods = allowMethods
            self.allowHeaders = allowHeaders
            self.exposeHeaders = exposeHeaders
            self.maxAge = maxAge
            self.allowCredentials = allowCredentials
            self.preflightStatus = preflightStatus
            self.varyOnOrigin = varyOnOrigin
        }
    }
}
