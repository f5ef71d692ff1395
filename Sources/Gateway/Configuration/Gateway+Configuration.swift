/// What a stack file says about API Gateway: the APIs, usage plans, API keys and custom domain names.
///
/// Field names are AWS's, in lowerCamelCase, so settings carry over from CloudFormation by eye.
/// The stack-file reader fills these; everything has a default so that a minimal stack stays minimal.
extension Gateway {
    public struct Configuration: Sendable {
        /// The APIs, each with its routes and stages.
        public var apis: [API]
        /// Usage plans: per-key throttling and quotas over API stages.
        public var usagePlans: [UsagePlan]
        /// API keys, sent by clients in `x-api-key`.
        public var apiKeys: [APIKey]
        /// Custom domain names (`api.edgesim.test`) and their base path mappings.
        public var domainNames: [DomainName]
        /// The account-level throttle, applied after every other limit (aws-behaviour §3.5: 10,000 RPS, burst 5,000).
        public var accountThrottle: ThrottleSettings
        /// The largest request body accepted; larger requests get 413 (aws-behaviour §3.8: 10 MB).
        public var payloadLimit: Int
        /// Where usage-plan quota counters are kept across restarts; nil keeps them in memory only.
        public var stateDirectory: String?

        public init(
            apis: [API] = [],
            usagePlans: [UsagePlan] = [],
            apiKeys: [APIKey] = [],
            domainNames: [DomainName] = [],
            accountThrottle: ThrottleSettings = .account,
            payloadLimit: Int = 10 * 1024 * 1024,
            stateDirectory: String? = nil
        ) {
            self.apis = apis
            self.usagePlans = usagePlans
            self.apiKeys = apiKeys
            self.domainNames = domainNames
            self.accountThrottle = accountThrottle
            self.payloadLimit = payloadLimit
            self.stateDirectory = stateDirectory
        }
    }
}

extension Gateway.Configuration {
    /// The flavour of an API, which decides error shapes, CORS handling and routing misses (aws-behaviour §3.2-§3.4).
    public enum ProtocolType: String, Sendable, CaseIterable {
        /// API Gateway v2 HTTP API: 404 `Not Found` for unknown routes, CORS answered by the gateway.
        case http = "HTTP"
        /// API Gateway v1 REST API: 403 `Missing Authentication Token`, `x-amzn-ErrorType`, CORS only where defined.
        case rest = "REST"
    }

    /// An API: routes, stages, CORS, authorizers.
    public struct API: Sendable {
        public var name: String
        public var protocolType: ProtocolType
        public var routes: [Route]
        /// HTTP API CORS, answered by the gateway; for a REST API, the OPTIONS methods the console's "Enable CORS" adds.
        public var cors: CORS?
        public var stages: [Stage]
        public var authorizers: [Authorizer]
        /// REST gateway responses overriding the defaults (`DEFAULT_4XX`, `UNAUTHORIZED`, ...), typically to add CORS headers.
        public var gatewayResponses: [GatewayResponseType: GatewayResponseOverride]

        public init(
            name: String,
            protocolType: ProtocolType = .http,
            routes: [Route] = [],
            cors: CORS? = nil,
            stages: [Stage] = [Stage(stageName: "$default")],
            authorizers: [Authorizer] = [],
            gatewayResponses: [GatewayResponseType: GatewayResponseOverride] = [:]
        ) {
            self.name = name
            self.protocolType = protocolType
            self.routes = routes
            self.cors = cors
            self.stages = stages
            self.authorizers = authorizers
            self.gatewayResponses = gatewayResponses
        }
    }

    /// A route: a route key, what answers it, and who may call it.
    public struct Route: Sendable {
        /// `GET /shows/{id}`, `ANY /{proxy+}`, `POST /tickets` or `$default`.
        public var routeKey: String
        public var integration: Integration
        /// The name of a JWT authorizer of the API; nil for `NONE`.
        public var authorizerName: String?
        /// Scopes of which the token's `scope`/`scp` must hold at least one.
        public var authorizationScopes: [String]
        /// Whether callers must send an API key of a usage plan covering this stage.
        public var apiKeyRequired: Bool
        /// Request parameters that vary the stage cache key: `method.request.querystring.type`,
        /// `method.request.header.Accept`. Path parameters always vary it.
        public var cacheKeyParameters: [String]

        public init(
            routeKey: String,
            integration: Integration,
            authorizerName: String? = nil,
            authorizationScopes: [String] = [],
            apiKeyRequired: Bool = false,
            cacheKeyParameters: [String] = []
        ) {
            self.routeKey = routeKey
            self.integration = integration
            self.authorizerName = authorizerName
            self.authorizationScopes = authorizationScopes
            self.apiKeyRequired = apiKeyRequired
            self.cacheKeyParameters = cacheKeyParameters
        }
    }
}
