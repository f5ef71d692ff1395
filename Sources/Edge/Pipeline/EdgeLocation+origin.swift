import HTTPSemantics
import NIOCore
import NIOHTTP1

/// What one trip to the origin gives: the viewer's answer, and what requests collapsed into it may share.
typealias OriginAnswer = (response: EdgeResponse, shared: InFlightFetches.Outcome)

extension EdgeLocation {
    /// One trip to the origin and what comes of it: the viewer's answer, and what collapsed requests may share.
    ///
    /// Unsafe methods (POST, PUT, PATCH, DELETE) pass through here without touching the cache, even when they
    /// succeed. RFC 9111 §4.4 would have a cache invalidate the target URI's stored responses, but CloudFront does
    /// not: its proxy methods go straight to the origin (aws-behaviour §1.18) and only an invalidation or expiry
    /// removes an object (§1.15), so a POST followed by a GET of the same path still hits.
    func fetchAndAnswer(_ exchange: Exchange) async -> OriginAnswer {
        let originResponse: OriginResponse
        do {
            originResponse = try await fetch(exchange, revalidating: exchange.stale)
        } catch {
            let failure = error as? OriginError
            let status: HTTPResponseStatus = failure?.kind == .timeout ? .gatewayTimeout : .badGateway
            let now = clock.now
            if let stale = exchange.stale, stale.allowsStaleIfError(at: now) {
                // An origin timeout or failure counts as a 5xx (aws-behaviour §1.6, §1.7).
                return (serveStale(stale, failure: status, exchange: exchange, now: now), .servedStale)
            }
            let page = ownPage(status: status, reason: reason(for: status), requestID: exchange.requestID, distribution: exchange.distribution)
            return (page, .notShared)
        }
        let now = clock.now
        if let stale = exchange.stale {
            if originResponse.status == .notModified {
                return refresh(stale, with: originResponse, exchange: exchange, now: now)
            }
            if originResponse.status.code >= 500, stale.allowsStaleIfError(at: now) {
                return (serveStale(stale, failure: originResponse.status, exchange: exchange, now: now), .servedStale)
            }
        }
        return await storeAndAnswer(originResponse, exchange: exchange, now: now)
    }

    /// A 304: the stored body with the 304's headers merged in and a new lifetime (aws-behaviour §1.6).
    private func refresh(
        _ stale: CachedObject,
        with notModified: OriginResponse,
        exchange: Exchange,
        now: Double
    ) -> OriginAnswer {
        let freshness = Freshness.decide(
            status: stale.status.code,
            headers: Self.merged(stale.headers, notModified.headers),
            policy: exchange.behavior.cachePolicy,
            errorRule: errorRule(stale.status, exchange.distribution),
            now: Int(now)
        )
        guard let freshness else {
            return (deliver(stale, result: .refreshHit, exchange: exchange, now: now), .notShared)
        }
        let refreshed = stale.refreshed(with: notModified.headers, at: now, freshness: freshness)
        cache.store(refreshed)
        return (deliver(refreshed, result: .refreshHit, exchange: exchange, now: now), Self.shareable(refreshed))
    }

    /// The expired copy in place of a failing origin, kept from the origin for the error-caching interval: CloudFront
    /// retries it at that pace rather than on every request (aws-behaviour §1.7). Past a `stale-if-error` window the
    /// hold ends with the window.
    private func serveStale(_ stale: CachedObject, failure status: HTTPResponseStatus, exchange: Exchange, now: Double) -> EdgeResponse {
        var until = now + Double(errorRule(status, exchange.distribution) ?? Freshness.defaultErrorCachingMinTTL)
        if let window = stale.staleIfError { until = min(until, stale.expiresAt + Double(window)) }
        let held = stale.holdingStale(until: until)
        cache.store(held)
        return deliver(held, result: .hit, exchange: exchange, now: now)
    }

    /// Stores what may be stored, then answers: the object, or the custom error page for an error.
    private func storeAndAnswer(
        _ response: OriginResponse,
        exchange: Exchange,
        now: Double
    ) async -> OriginAnswer {
        let status = response.status
        let isError = status.code >= 400
        let vary = VaryRule(originHeaders: response.headers, behavior: exchange.behavior)
        if let key = exchange.key, Self.hasTrustworthyLength(response),
            let freshness = Freshness.decide(
                status: status.code,
                headers: response.headers,
                policy: exchange.behavior.cachePolicy,
                errorRule: errorRule(status, exchange.distribution),
                now: Int(now)
            )
        {
            let object = storedObject(from: response, exchange: exchange, key: key, freshness: freshness, now: now)
            cache.store(object)
            let shared = Self.shareable(object)
            if isError { return (await errorResponse(for: object, exchange: exchange), shared) }
            return (deliver(object, result: .miss, exchange: exchange, now: now), shared)
        }
        if isError, exchange.distribution.customErrorResponse(for: Int(status.code))?.responsePagePath != nil {
            let transient = CachedObject(
                key: exchange.key
                    ?? cacheKey(for: exchange.request, behavior: exchange.behavior, distribution: exchange.distribution, path: exchange.originPath),
                status: status,
                headers: Self.viewerHeaders(from: response.headers, bodyLength: response.body.readableBytes, vary: vary),
                body: response.body,
                storedAt: now,
                freshness: .uncached,
                isError: true
            )
            return (await errorResponse(for: transient, exchange: exchange), .notShared)
        }
        var passed = response
        if vary.rewritesHeader { Self.setVary(&passed.headers, vary) }
        return (deliver(passed, result: isError ? .error : .miss, exchange: exchange, now: now), .notShared)
    }

    /// What collapsed requests may take from a stored object: nothing when it is stale at once (TTL 0: MinTTL 0 with
    /// `no-cache`, `max-age=0`, `s-maxage=0`) or matches no request (`Vary: *`), the objects CloudFront does not
    /// collapse (aws-behaviour §1.12).
    static func shareable(_ object: CachedObject) -> InFlightFetches.Outcome {
        object.ttl > 0 && !object.selection.isWildcard ? .stored(object) : .notShared
    }

    /// A response whose body disagrees with its `Content-Length` is served but not cached (aws-behaviour §1.17).
    static func hasTrustworthyLength(_ response: OriginResponse) -> Bool {
        guard let declared = response.headers.first(name: "content-length") else { return true }
        return Int(declared) == response.body.readableBytes
    }

    static func viewerHeaders(from origin: HTTPHeaders, bodyLength: Int, vary: VaryRule) -> HTTPHeaders {
        var headers = viewerHeaders(from: origin, bodyLength: bodyLength)
        if vary.rewritesHeader { setVary(&headers, vary) }
        return headers
    }

    private static func setVary(_ headers: inout HTTPHeaders, _ vary: VaryRule) {
        headers.remove(name: "vary")
        if let value = vary.viewerValue { headers.add(name: "Vary", value: value) }
    }

    /// Builds what CloudFront sends to the origin (aws-behaviour §1.16) and sends it.
    func fetch(_ exchange: Exchange, revalidating stale: CachedObject?, path: Substring? = nil) async throws -> OriginResponse {
        let behavior = exchange.behavior
        guard let origin = origins[exchange.distribution.originKey(behavior.targetOriginId)] else {
            throw OriginError(.connect, "no origin named \(behavior.targetOriginId)")
        }
        let request = exchange.request
        let cached = behavior.caches(request.method.rawValue)
        var headers = OriginHeaders.make(for: request, behavior: behavior, via: via, requestID: exchange.requestID, passThrough: !cached)
        if let stale {
            if let etag = stale.etag { headers.replaceOrAdd(name: "If-None-Match", value: etag) }
            if let lastModified = stale.lastModified { headers.replaceOrAdd(name: "If-Modified-Since", value: lastModified) }
        }
        // A cached HEAD fetches the whole object so later GETs can be answered from it.
        let method: HTTPMethod = cached && request.method == .HEAD ? .GET : request.method
        let query = OriginHeaders.forwardedQuery(request.query, behavior: behavior)
        let originRequest = OriginRequest(
            method: method,
            path: String(path ?? exchange.originPath),
            query: query,
            headers: headers,
            body: cached ? nil : request.body,
            viewerHost: String(request.host),
            viewerIsHTTPS: request.isHTTPS
        )
        return try await origin.fetch(originRequest)
    }

    func errorRule(_ status: HTTPResponseStatus, _ distribution: Distribution) -> Int? {
        distribution.customErrorResponse(for: Int(status.code))?.errorCachingMinTTL
    }

    private func reason(for status: HTTPResponseStatus) -> String {
        status == .gatewayTimeout
            ? "CloudFront attempted to establish a connection with the origin, but either the attempt failed or the origin closed the connection."
            : "CloudFront wasn't able to connect to the origin."
    }

    private static func merged(_ stored: HTTPHeaders, _ update: HTTPHeaders) -> HTTPHeaders {
        var headers = stored
        for (name, value) in update { headers.replaceOrAdd(name: name, value: value) }
        return headers
    }
}
