extension Gateway.Configuration {
    /// A JWT authorizer (HTTP API `JwtConfiguration`, aws-behaviour §3.7).
    public struct Authorizer: Sendable {
        public var name: String
        /// Where the token is: `$request.header.Authorization` (the default) or `$request.querystring.token`.
        public var identitySource: [String]
        public var jwtConfiguration: JWTConfiguration

        public init(
            name: String,
            identitySource: [String] = ["$request.header.Authorization"],
            jwtConfiguration: JWTConfiguration
        ) {
            self.name = name
            self.identitySource = identitySource
            self.jwtConfiguration = jwtConfiguration
        }
    }

    /// The token an authorizer accepts.
    public struct JWTConfiguration: Sendable, Equatable {
        /// Must equal the token's `iss`.
        public var issuer: String
        /// The token's `aud` (or `client_id` when it has no `aud`) must be one of these.
        public var audience: [String]
        /// Where the signing keys are: a file path, a `file://` URL or an `http(s)://` URL. Nil discovers it as AWS
        /// does, from `jwks_uri` in `<issuer>/.well-known/openid-configuration`.
        public var jwksUri: String?
        /// How long fetched keys are kept before they are fetched again (an unknown `kid` refetches sooner).
        public var jwksCacheSeconds: Int
        /// How long a JWKS fetch may take (aws-behaviour §3.7: 1,500 ms).
        public var jwksTimeoutInMillis: Int
        /// The status for a valid token lacking the route's scopes. UNCONFIRMED (aws-behaviour §3.7, §8.7): 403.
        public var insufficientScopeStatus: Int

        public init(
            issuer: String,
            audience: [String],
            jwksUri: String? = nil,
            jwksCacheSeconds: Int = 3600,
            jwksTimeoutInMillis: Int = 1500,
            insufficientScopeStatus: Int = 403
        ) {
            self.issuer = issuer
            self.audience = audience
            self.jwksUri = jwksUri
            self.jwksCacheSeconds = jwksCacheSeconds
            self.jwksTimeoutInMillis = jwksTimeoutInMillis
            self.insufficientScopeStatus = insufficientScopeStatus
        }
    }
}
