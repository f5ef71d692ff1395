import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1

/// API Gateway for `/api`: routes, CORS, API keys, JWT authorizers, throttling and integrations, in the order
/// route match → CORS (preflight answered here) → API key → JWT → throttle → stage cache → integration.
///
/// Built once from a ``Configuration`` when the stack loads; ``handle(_:)`` is then safe to call concurrently.
/// The gateway knows no listener: the server adapts requests arriving through a distribution's `/api/*`
/// behaviour or on a custom domain into ``APIRequest``s.
public final class Gateway: Sendable {
    let apis: [String: CompiledAPI]
    let domainNames: DomainNameTable
    let throttler: Throttler
    let accountThrottle: Configuration.ThrottleSettings
    let payloadLimit: Int
    /// API key value → the key.
    let apiKeys: [String: Configuration.APIKey]
    /// API stage → key name → the usage plan that admits the key there.
    let plans: [Configuration.APIStage: [String: Configuration.UsagePlan]]
    let clock: Clock
    let random: RandomSource
    let logger: Logger

    /// Builds the gateway, or throws ``ConfigurationError`` listing every error ``Configuration/validate()`` finds,
    /// or ``GatewayStateError`` when the quota counters under the state directory cannot be read.
    ///
    /// - Parameters:
    ///   - tableBackend: what `table` integrations read and write; the server passes the Store behind the ReadCache.
    ///   - httpClient: for `http` integrations and JWKS fetches; it must follow no redirects and decompress
    ///     nothing, as ``proxyClientConfiguration`` says, so that upstream responses pass through unchanged.
    ///   - clock: the time for token buckets, quotas, token expiry and the stage cache.
    ///   - random: the canary's dice.
    public init(
        configuration: Configuration,
        tableBackend: any TableBackend = InMemoryTableBackend(),
        httpClient: HTTPClient = Gateway.sharedHTTPClient,
        clock: Clock = .system,
        random: RandomSource = .system,
        logger: Logger = Logger(label: "edgesim.gateway")
    ) throws {
        let errors = configuration.validate().filter { $0.severity == .error }
        guard errors.isEmpty else { throw ConfigurationError(issues: errors) }
        var apis: [String: CompiledAPI] = [:]
        for api in configuration.apis {
            apis[api.name] = CompiledAPI(
                api,
                payloadLimit: configuration.payloadLimit,
                tableBackend: tableBackend,
                httpClient: httpClient,
                logger: logger
            )
        }
        self.apis = apis
        domainNames = DomainNameTable(configuration.domainNames)
        throttler = try Throttler(stateDirectory: configuration.stateDirectory, logger: logger)
        accountThrottle = configuration.accountThrottle
        payloadLimit = configuration.payloadLimit
        apiKeys = Dictionary(configuration.apiKeys.map { ($0.value, $0) }, uniquingKeysWith: { first, _ in first })
        var plans: [Configuration.APIStage: [String: Configuration.UsagePlan]] = [:]
        for plan in configuration.usagePlans {
            for apiStage in plan.apiStages {
                for key in plan.apiKeys { plans[apiStage, default: [:]][key] = plan }
            }
        }
        self.plans = plans
        self.clock = clock
        self.random = random
        self.logger = logger
    }

    /// The API stage a custom domain serves for `path`, through its base path mappings, and the path the API
    /// routes on; nil when the domain is unknown or no mapping covers the path.
    public func mapping(host: String, path: String) -> APIMapping? {
        domainNames.resolve(host: host, path: path)
    }

    /// Answers a request: always a response, never a throw; the client's mistakes get API Gateway's own errors.
    public func handle(_ request: APIRequest) async -> APIResponse {
        let now = clock.now()
        let ids = RequestID(epochSeconds: now)
        switch resolve(request) {
        case .failure(let refusal):
            var response = refusal.error.response(protocolType: refusal.protocolType)
            Self.stampIdentity(&response.headers, ids: ids, protocolType: refusal.protocolType)
            return response
        case .success(let target):
            var response = await process(request, target: target, ids: ids, now: now)
            Self.stampIdentity(&response.headers, ids: ids, protocolType: target.api.protocolType)
            return response
        }
    }

    /// Adds the request identifiers API Gateway puts on every response (aws-behaviour §3.1).
    static func stampIdentity(_ headers: inout HTTPHeaders, ids: RequestID, protocolType: Configuration.ProtocolType) {
        switch protocolType {
        case .http:
            headers.replaceOrAdd(name: "apigw-requestid", value: ids.gatewayID)
        case .rest:
            headers.replaceOrAdd(name: "x-amzn-RequestId", value: ids.requestUUID)
            headers.replaceOrAdd(name: "x-amz-apigw-id", value: ids.gatewayID)
            headers.replaceOrAdd(name: "X-Amzn-Trace-Id", value: ids.traceID)
        }
    }
}
