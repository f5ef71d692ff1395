import NIOCore
import NIOHTTP1

/// Custom error responses (aws-behaviour §1.8): per distribution, the page fetched through the behaviour that
/// matches its path and through the cache, answered with the configured status. The log still says Error (§1.7).
extension EdgeLocation {
    /// The answer for an origin error, with the distribution's custom error page when one is configured.
    func errorResponse(for error: CachedObject, exchange: Exchange) async -> EdgeResponse {
        let now = clock.now
        guard let rule = exchange.distribution.customErrorResponse(for: Int(error.status.code)), let pagePath = rule.responsePagePath else {
            return deliver(error, result: .error, exchange: exchange, now: now)
        }
        let (pageExchange, cached) = pageLookup(pagePath, exchange: exchange)
        if let cached, cached.isFresh(at: now) {
            return page(cached, rule: rule, exchange: exchange, now: now)
        }
        do {
            let response = try await fetch(pageExchange, revalidating: nil, path: Substring(pagePath))
            let freshness = Freshness.decide(
                status: response.status.code,
                headers: response.headers,
                policy: pageExchange.behavior.cachePolicy,
                errorRule: exchange.distribution.customErrorResponse(for: Int(response.status.code))?.errorCachingMinTTL,
                now: Int(now)
            )
            let object: CachedObject
            if let freshness, let key = pageExchange.key, Self.hasTrustworthyLength(response) {
                object = storedObject(from: response, exchange: pageExchange, key: key, freshness: freshness, now: now)
                cache.store(object)
            } else {
                object = CachedObject(
                    key: pageExchange.key ?? error.key,
                    status: response.status,
                    headers: Self.viewerHeaders(from: response.headers, bodyLength: response.body.readableBytes),
                    body: response.body,
                    storedAt: now,
                    freshness: .uncached,
                    isError: response.status.code >= 400
                )
            }
            return page(object, rule: rule, exchange: exchange, now: now)
        } catch {
            return ownPage(
                status: .badGateway,
                reason: "CloudFront wasn't able to connect to the origin.",
                requestID: exchange.requestID,
                distribution: exchange.distribution
            )
        }
    }

    /// The synchronous path for a cached error whose page is cached and fresh too.
    func cachedErrorPage(for error: CachedObject, exchange: Exchange, now: Double) -> EdgeResponse? {
        guard let rule = exchange.distribution.customErrorResponse(for: Int(error.status.code)), let pagePath = rule.responsePagePath else {
            return nil
        }
        guard let cached = pageLookup(pagePath, exchange: exchange).cached, cached.isFresh(at: now) else { return nil }
        return page(cached, rule: rule, exchange: exchange, now: now)
    }

    /// The page's own exchange: a GET of its path through the behaviour that matches it.
    private func pageLookup(_ pagePath: String, exchange: Exchange) -> (Exchange, cached: CachedObject?) {
        let distribution = exchange.distribution
        let behaviorRoute = exchange.route.behavior(forPath: Substring(pagePath))
        let behavior = behaviorRoute.behavior
        var request = exchange.request
        request.method = .GET
        request.target = pagePath
        request.body = nil
        var pageExchange = Exchange(
            request: request,
            route: exchange.route,
            behaviorRoute: behaviorRoute,
            originPath: Substring(pagePath),
            requestID: exchange.requestID
        )
        guard behavior.caches("GET") else { return (pageExchange, nil) }
        let key = cacheKey(for: request, behavior: behavior, distribution: distribution, path: Substring(pagePath))
        pageExchange.key = key
        return (pageExchange, cache.lookup(key, headers: request.headers))
    }

    /// The page with the rule's status. A page missing at its origin answers with the origin's status (§1.8).
    private func page(_ object: CachedObject, rule: CustomErrorResponse, exchange: Exchange, now: Double) -> EdgeResponse {
        let status: HTTPResponseStatus =
            object.status == .ok ? rule.responseCode.map { HTTPResponseStatus(statusCode: $0) } ?? object.status : object.status
        var viewerExchange = exchange
        // Conditional and range headers were meant for the original object, not the page.
        viewerExchange.request.headers.remove(name: "range")
        var response = deliver(object, result: .error, exchange: viewerExchange, now: now, status: status)
        response.detailedResult = EdgeResult.error.rawValue
        return response
    }
}
