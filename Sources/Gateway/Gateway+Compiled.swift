import AsyncHTTPClient
import Logging

/// An API compiled at start: parsed route keys, integrations built, stages with their caches.
struct CompiledAPI: Sendable {
    let name: String
    let apiID: String
    let protocolType: Gateway.Configuration.ProtocolType
    let routeTable: RouteTable
    let routes: [CompiledRoute]
    let cors: CORSPolicy?
    let stages: [String: CompiledStage]
    let gatewayResponses: [Gateway.Configuration.GatewayResponseType: Gateway.Configuration.GatewayResponseOverride]
}

struct CompiledRoute: Sendable {
    let key: RouteKey
    /// `GET /shows/{id}`, as events, route settings and throttling name it.
    let routeKey: String
    let configuration: Gateway.Configuration.Route
    let integration: any IntegrationHandler
    let authorizer: JWTAuthorizer?
}

struct CompiledStage: Sendable {
    let configuration: Gateway.Configuration.Stage
    let cache: StageCache?
    /// The canary's own cache, when it does not share the stage's.
    let canaryCache: StageCache?
    /// Stage variables with the canary's overrides applied.
    let canaryVariables: [String: String]

    /// Throttle limits for a route: its own settings over the stage defaults; nil when neither sets any.
    func throttle(routeKey: String) -> Gateway.Configuration.ThrottleSettings? {
        let route = configuration.routeSettings[routeKey]
        let defaults = configuration.defaultRouteSettings
        let rate = route?.throttlingRateLimit ?? defaults.throttlingRateLimit
        let burst = route?.throttlingBurstLimit ?? defaults.throttlingBurstLimit
        guard rate != nil || burst != nil else { return nil }
        let account = Gateway.Configuration.ThrottleSettings.account
        return .init(rateLimit: rate ?? account.rateLimit, burstLimit: burst ?? account.burstLimit)
    }

    /// The TTL a route's responses are cached for, or nil when the route is not cached.
    func cacheTTL(routeKey: String, method: String) -> Int? {
        guard cache != nil else { return nil }
        let route = configuration.routeSettings[routeKey]
        let enabled = route?.cachingEnabled ?? configuration.defaultRouteSettings.cachingEnabled ?? (method == "GET")
        let ttl = route?.cacheTtlInSeconds ?? configuration.defaultRouteSettings.cacheTtlInSeconds ?? configuration.cacheTtlInSeconds
        return enabled && ttl > 0 ? min(ttl, 3600) : nil
    }
}

extension CompiledAPI {
    /// Compiles a valid API; call only after ``Gateway/Configuration/validate()`` found no errors.
    init(
        _ api: Gateway.Configuration.API,
        payloadLimit: Int,
        tableBackend: any TableBackend,
        httpClient: HTTPClient,
        logger: Logger
    ) {
        var authorizers: [String: JWTAuthorizer] = [:]
        for authorizer in api.authorizers {
            authorizers[authorizer.name] = JWTAuthorizer(
                name: authorizer.name,
                configuration: authorizer.jwtConfiguration,
                identitySource: authorizer.identitySource.first ?? "$request.header.Authorization",
                keySource: JWKSSource(configuration: authorizer.jwtConfiguration, httpClient: httpClient, logger: logger)
            )
        }
        let maximumTimeout = Gateway.Configuration.maximumIntegrationTimeout(api.protocolType)
        var keys: [RouteKey] = []
        var routes: [CompiledRoute] = []
        for route in api.routes {
            guard case .success(let key) = RouteKey.parse(route.routeKey) else { continue }
            let integration: any IntegrationHandler
            switch route.integration {
            case .mock(let mock):
                integration = MockIntegration(mock)
            case .http(let proxy):
                integration = HTTPIntegration(
                    configuration: proxy,
                    timeoutInMillis: proxy.timeoutInMillis ?? maximumTimeout,
                    httpClient: httpClient,
                    payloadLimit: payloadLimit,
                    logger: logger
                )
            case .command(let command):
                integration = CommandIntegration(
                    configuration: command,
                    timeoutInMillis: command.timeoutInMillis ?? maximumTimeout,
                    logger: logger
                )
            case .table(let table):
                let names = key.parameterNames
                let parameter = table.pathParameter ?? (names.count == 1 ? names[0] : nil)
                integration = TableIntegration(configuration: table, backend: tableBackend, itemParameter: parameter, logger: logger)
            }
            keys.append(key)
            routes.append(
                CompiledRoute(
                    key: key,
                    routeKey: key.isDefault ? "$default" : Self.routeKeyText(key),
                    configuration: route,
                    integration: integration,
                    authorizer: route.authorizerName.flatMap { authorizers[$0] }
                )
            )
        }
        var stages: [String: CompiledStage] = [:]
        for stage in api.stages {
            let capacity = Int(max(0, stage.cacheClusterSize) * 1_000_000_000)
            let cache = stage.cacheClusterEnabled ? StageCache(capacityBytes: capacity) : nil
            var canaryCache: StageCache?
            var canaryVariables = stage.stageVariables
            if let canary = stage.canarySettings {
                canaryVariables.merge(canary.stageVariableOverrides) { _, override in override }
                if stage.cacheClusterEnabled && !canary.useStageCache { canaryCache = StageCache(capacityBytes: capacity) }
            }
            stages[stage.stageName] = CompiledStage(
                configuration: stage,
                cache: cache,
                canaryCache: canaryCache,
                canaryVariables: canaryVariables
            )
        }
        self.init(
            name: api.name,
            apiID: StableID.make(api.name, length: 10),
            protocolType: api.protocolType,
            routeTable: RouteTable(protocolType: api.protocolType, keys: keys),
            routes: routes,
            cors: api.cors.map(CORSPolicy.init),
            stages: stages,
            gatewayResponses: api.gatewayResponses
        )
    }

    static func routeKeyText(_ key: RouteKey) -> String {
        let method: String
        switch key.method {
        case .named(let name): method = name
        case .any, nil: method = "ANY"
        }
        return method + " " + key.resourcePath
    }
}
