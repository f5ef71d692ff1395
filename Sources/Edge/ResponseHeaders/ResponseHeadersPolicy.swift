/// The headers CloudFront adds to or removes from the responses of the behaviours that use the policy (CloudFront's
/// `ResponseHeadersPolicyConfig`): CORS, security headers, custom headers, removed headers and `Server-Timing`.
/// It applies to responses from the cache and from the origin alike; values are rendered once, when the policy is
/// made, so applying it builds no strings beyond the request-dependent ones.
public struct ResponseHeadersPolicy: Sendable, Equatable {
    /// One header the policy adds, with whether it replaces the origin's own (`Override`).
    public struct CustomHeader: Sendable, Equatable {
        public var name: String
        public var value: String
        /// True: the policy's value replaces the origin's. False: an origin response that has the header keeps it.
        public var override: Bool

        public init(name: String, value: String, override: Bool) {
            self.name = name
            self.value = value
            self.override = override
        }
    }

    /// `Access-Control-*` headers for CORS requests (requests with `Origin`). The method and header lists and the
    /// max age go only to preflights (OPTIONS with `Access-Control-Request-Method`).
    public struct CORS: Sendable, Equatable {
        /// `*`, exact origins (`https://app.example.com`) or origins with a leftmost wildcard label
        /// (`https://*.example.com`).
        public var allowOrigins: [String]
        public var allowHeaders: [String]
        /// Method names, or `ALL` for all seven.
        public var allowMethods: [String]
        public var allowCredentials: Bool
        public var exposeHeaders: [String]
        public var maxAgeSeconds: Int?
        public var originOverride: Bool

        public init(
            allowOrigins: [String],
            allowHeaders: [String] = [],
            allowMethods: [String] = [],
            allowCredentials: Bool = false,
            exposeHeaders: [String] = [],
            maxAgeSeconds: Int? = nil,
            originOverride: Bool = false
        ) {
            self.allowOrigins = allowOrigins
            self.allowHeaders = allowHeaders
            self.allowMethods = allowMethods
            self.allowCredentials = allowCredentials
            self.exposeHeaders = exposeHeaders
            self.maxAgeSeconds = maxAgeSeconds
            self.originOverride = originOverride
        }

        /// The methods `ALL` stands for, in the order CloudFront's documentation lists them.
        public static let allMethods = ["GET", "DELETE", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]
    }

    /// `Server-Timing` with CloudFront's `cdn-*` metrics (aws-behaviour §1.1).
    public struct ServerTiming: Sendable, Equatable {
        /// Percent of responses that get the header, 0 to 100 with up to four decimals. A request with
        /// `Pragma: server-timing` gets it whatever the rate.
        public var samplingRate: Double

        public init(samplingRate: Double) {
            self.samplingRate = samplingRate
        }
    }

    public let name: String
    /// A UUID for managed policies; empty for custom ones (the API view derives one from the name).
    public let id: String
    public let comment: String
    public let cors: CORS?
    public let securityHeaders: SecurityHeaders
    public let customHeaders: [CustomHeader]
    /// Header names taken off the origin's response before anything is added (those CloudFront refuses to remove
    /// are left alone).
    public let removeHeaders: [String]
    public let serverTiming: ServerTiming?

    /// Security and custom headers together, rendered, in the order they are added.
    let addedHeaders: [CustomHeader]
    /// `removeHeaders`, lower-cased, without the ones CloudFront keeps.
    let removedNames: [String]
    let renderedCORS: RenderedCORS?

    public init(
        name: String,
        id: String = "",
        comment: String = "",
        cors: CORS? = nil,
        securityHeaders: SecurityHeaders = SecurityHeaders(),
        customHeaders: [CustomHeader] = [],
        removeHeaders: [String] = [],
        serverTiming: ServerTiming? = nil
    ) {
        self.name = name
        self.id = id
        self.comment = comment
        self.cors = cors
        self.securityHeaders = securityHeaders
        self.customHeaders = customHeaders
        self.removeHeaders = removeHeaders
        self.serverTiming = serverTiming
        self.addedHeaders = securityHeaders.rendered + customHeaders
        self.removedNames = removeHeaders.map { $0.lowercased() }.filter { !Self.isUnremovable($0) }
        self.renderedCORS = cors.map(RenderedCORS.init)
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.name == rhs.name && lhs.id == rhs.id && lhs.comment == rhs.comment && lhs.cors == rhs.cors
            && lhs.securityHeaders == rhs.securityHeaders && lhs.customHeaders == rhs.customHeaders
            && lhs.removeHeaders == rhs.removeHeaders && lhs.serverTiming == rhs.serverTiming
    }

    /// Headers a policy may not remove; CloudFront refuses a policy that lists one.
    public static func isUnremovable(_ name: String) -> Bool {
        let lower = name.lowercased()
        return unremovableHeaders.contains(lower) || lower.hasPrefix("x-amz-cf-") || lower.hasPrefix("x-edge-")
    }

    /// CloudFront's list of headers a response headers policy cannot remove (besides `X-Amz-Cf-*` and `X-Edge-*`).
    static let unremovableHeaders: Set<String> = [
        "connection", "content-encoding", "content-length", "expect", "host", "keep-alive", "proxy-authenticate",
        "proxy-authorization", "proxy-connection", "trailer", "transfer-encoding", "upgrade", "via", "warning",
        "x-accel-buffering", "x-accel-charset", "x-accel-limit-rate", "x-accel-redirect", "x-amzn-auth", "x-amzn-cf-billing",
        "x-amzn-cf-id", "x-amzn-cf-xff", "x-amzn-errortype", "x-amzn-fle-profile", "x-amzn-header-count", "x-amzn-header-order",
        "x-amzn-lambda-integration-tag", "x-amzn-requestid", "x-cache", "x-forwarded-proto", "x-real-ip",
    ]
}

/// A CORS configuration with its header values joined once.
struct RenderedCORS: Sendable {
    let allowsAnyOrigin: Bool
    let origins: [String]
    let allowHeaders: String?
    let allowMethods: String?
    let exposeHeaders: String?
    let maxAge: String?
    let allowCredentials: Bool
    let originOverride: Bool

    init(_ cors: ResponseHeadersPolicy.CORS) {
        allowsAnyOrigin = cors.allowOrigins.contains("*")
        origins = cors.allowOrigins.map { $0.lowercased() }
        allowHeaders = cors.allowHeaders.isEmpty ? nil : cors.allowHeaders.joined(separator: ", ")
        let methods = cors.allowMethods.contains { $0.uppercased() == "ALL" } ? ResponseHeadersPolicy.CORS.allMethods : cors.allowMethods
        allowMethods = methods.isEmpty ? nil : methods.joined(separator: ", ")
        exposeHeaders = cors.exposeHeaders.isEmpty ? nil : cors.exposeHeaders.joined(separator: ", ")
        maxAge = cors.maxAgeSeconds.map(String.init)
        allowCredentials = cors.allowCredentials
        originOverride = cors.originOverride
    }
}
