import NIOCore
import NIOHTTP1

/// The request pipeline once the API and stage are known.
extension Gateway {
    func process(_ request: APIRequest, target: Target, ids: RequestID, now: Double) async -> APIResponse {
        let api = target.api
        let origin = request.headers.first(name: "origin")
        guard request.body.readableBytes <= payloadLimit else {
            return gatewayResponse(.requestTooLarge, api: api, origin: origin)
        }
        let segments = PercentDecoding.segments(of: target.path)
        let method = request.method.rawValue
        let match = api.routeTable.match(method: method, segments: segments)

        // CORS: an HTTP API answers preflights itself, before any route, key or authorizer.
        if api.protocolType == .http, let cors = api.cors, let origin, CORSPolicy.isPreflight(method: request.method, headers: request.headers) {
            return APIResponse(status: cors.preflightStatus, headers: cors.preflightHeaders(origin: origin))
        }
        if api.protocolType == .rest, let cors = api.cors, request.method == .OPTIONS,
            match.map({ api.routes[$0.routeIndex].key.method == .any }) ?? true,
            let methods = api.routeTable.methodsOnResource(segments: segments)
        {
            return APIResponse(status: .ok, headers: cors.restOptionsHeaders(methods: methods))
        }
        guard let match else {
            return gatewayResponse(api.protocolType == .http ? .notFound : .missingAuthenticationToken, api: api, origin: origin)
        }
        let route = api.routes[match.routeIndex]
        let query = PercentDecoding.queryParameters(request.rawQuery)

        var usagePlan: (plan: Configuration.UsagePlan, keyName: String)?
        if route.configuration.apiKeyRequired {
            let apiStage = Configuration.APIStage(apiName: api.name, stage: target.stage.configuration.stageName)
            guard let value = request.headers.first(name: "x-api-key"), let key = apiKeys[value], key.enabled,
                let plan = plans[apiStage]?[key.name]
            else {
                return gatewayResponse(.invalidAPIKey, api: api, origin: origin)
            }
            usagePlan = (plan, key.name)
        }

        var identity: JWTAuthorizer.Identity?
        if let authorizer = route.authorizer {
            switch await authorizer.authorize(
                headers: request.headers,
                query: query,
                requiredScopes: route.configuration.authorizationScopes,
                now: now
            ) {
            case .success(let authorized): identity = authorized
            case .failure(let error): return gatewayResponse(error, api: api, origin: origin)
            }
        }

        switch throttler.admit(
            limits: limits(api: api, stage: target.stage, route: route, usagePlan: usagePlan),
            quota: quotaCharge(usagePlan),
            now: now
        ) {
        case .admitted: break
        case .throttled: return gatewayResponse(.throttled, api: api, origin: origin)
        case .quotaExceeded: return gatewayResponse(.quotaExceeded, api: api, origin: origin)
        }

        let stage = target.stage
        var stageVariables = stage.configuration.stageVariables
        var cache = stage.cache
        if let canary = stage.configuration.canarySettings, random.next() * 100 < canary.percentTraffic {
            stageVariables = stage.canaryVariables
            if !canary.useStageCache { cache = stage.canaryCache }
        }

        var cacheKey: String?
        if let cache, stage.cacheTTL(routeKey: route.routeKey, method: method) != nil {
            let key = Self.cacheKey(
                method: method,
                path: target.path,
                parameters: route.configuration.cacheKeyParameters,
                query: query,
                headers: request.headers
            )
            if Self.asksForFreshResponse(request.headers) && !stage.configuration.requireAuthorizationForCacheControl {
                cache.invalidate(key)
            } else if var cached = cache.lookup(key, now: now) {
                decorate(&cached, api: api, route: route, origin: origin)
                return cached
            }
            cacheKey = key
        }

        let context = IntegrationContext(
            request: request,
            path: target.path,
            query: query,
            routeKey: route.routeKey,
            resourcePath: route.key.isDefault ? "$default" : route.key.resourcePath,
            pathParameters: match.pathParameters,
            apiID: api.apiID,
            stage: stage.configuration.stageName,
            stageVariables: stageVariables,
            requestID: ids.requestID(for: api.protocolType),
            identity: identity,
            protocolType: api.protocolType,
            receivedAt: now
        )
        switch await route.integration.respond(to: context) {
        case .failure(let error):
            return gatewayResponse(error, api: api, origin: origin)
        case .success(var response):
            if let cache, let cacheKey, let ttl = stage.cacheTTL(routeKey: route.routeKey, method: method) {
                cache.store(cacheKey, response: response, ttl: ttl, now: now)
            }
            decorate(&response, api: api, route: route, origin: origin)
            return response
        }
    }

    /// Limits in the order of aws-behaviour §3.5: the key's usage plan, the stage's route limit, the account.
    private func limits(
        api: CompiledAPI,
        stage: CompiledStage,
        route: CompiledRoute,
        usagePlan: (plan: Configuration.UsagePlan, keyName: String)?
    ) -> [Throttler.Limit] {
        var limits: [Throttler.Limit] = []
        if let usagePlan, let throttle = usagePlan.plan.throttle {
            limits.append(.init(bucket: .apiKey(usagePlan: usagePlan.plan.name, apiKey: usagePlan.keyName), settings: throttle))
        }
        if let throttle = stage.throttle(routeKey: route.routeKey) {
            limits.append(.init(bucket: .route(api: api.name, stage: stage.configuration.stageName, routeKey: route.routeKey), settings: throttle))
        }
        limits.append(.init(bucket: .account, settings: accountThrottle))
        return limits
    }

    private func quotaCharge(_ usagePlan: (plan: Configuration.UsagePlan, keyName: String)?) -> Throttler.QuotaCharge? {
        guard let usagePlan, let quota = usagePlan.plan.quota else { return nil }
        return .init(usagePlan: usagePlan.plan.name, apiKey: usagePlan.keyName, quota: quota)
    }
}
