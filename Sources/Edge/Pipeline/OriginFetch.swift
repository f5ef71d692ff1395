import HTTPSemantics
import NIOCore
import NIOHTTP1

/// A request that needs the origin: a miss, an expired object, or a method the edge passes through.
public struct OriginFetch: Sendable {
    let location: EdgeLocation
    let exchange: Exchange

    public func run() async -> EdgeResponse {
        await location.complete(exchange)
    }
}

extension EdgeLocation {
    func complete(_ exchange: Exchange) async -> EdgeResponse {
        if let storedError = exchange.storedError {
            return await errorResponse(for: storedError, exchange: exchange)
        }
        let originResponse: OriginResponse
        do {
            originResponse = try await fetch(exchange, revalidating: exchange.stale)
        } catch {
            if let stale = exchange.stale {
                // An expired copy outlives an unreachable origin (aws-behaviour §1.6, §1.7).
                return deliver(stale, result: .hit, exchange: exchange, now: clock.now)
            }
            let failure = error as? OriginError
            let status: HTTPResponseStatus = failure?.kind == .timeout ? .gatewayTimeout : .badGateway
            return ownPage(status: status, reason: reason(for: status), requestID: exchange.requestID, distribution: exchange.distribution)
        }
        let now = clock.now
        if let stale = exchange.stale {
            if originResponse.status == .notModified {
                let freshness = Freshness.decide(
                    status: stale.status.code,
                    headers: Self.merged(stale.headers, originResponse.headers),
                    policy: exchange.behavior.cachePolicy,
                    errorRule: errorRule(stale.status, exchange.distribution),
                    now: Int(now)
                )
                if let freshness {
                    let refreshed = stale.refreshed(with: originResponse.headers, at: now, freshness: freshness)
                    cache.store(refreshed)
                    return deliver(refreshed, result: .refreshHit, exchange: exchange, now: now)
                }
                return deliver(stale, result: .refreshHit, exchange: exchange, now: now)
            }
            if originResponse.status.code >= 500, !stale.isError {
                return deliver(stale, result: .hit, exchange: exchange, now: now)
            }
        }
        return await store(originResponse, exchange: exchange, now: now)
    }

    /// Stores what may be stored, then answers: the object, or the custom error page for an error.
    private func store(_ response: OriginResponse, exchange: Exchange, now: Double) async -> EdgeResponse {
        let status = response.status
        let isError = status.code >= 400
        if let key = exchange.key,
            let freshness = Freshness.decide(
                status: status.code,
                headers: response.headers,
                policy: exchange.behavior.cachePolicy,
                errorRule: errorRule(status, exchange.distribution),
                now: Int(now)
            )
        {
            let headers = Self.viewerHeaders(from: response.headers, bodyLength: response.body.readableBytes)
            let object = CachedObject(
                key: key,
                status: status,
                headers: headers,
                body: response.body,
                storedAt: now,
                freshness: freshness,
                isError: isError
            )
            cache.store(object)
            if isError { return await errorResponse(for: object, exchange: exchange) }
            return deliver(object, result: .miss, exchange: exchange, now: now)
        }
        if isError, exchange.distribution.customErrorResponse(for: Int(status.code))?.responsePagePath != nil {
            let headers = Self.viewerHeaders(from: response.headers, bodyLength: response.body.readableBytes)
            let transient = CachedObject(
                key: exchange.key
                    ?? cacheKey(for: exchange.request, behavior: exchange.behavior, distribution: exchange.distribution, path: exchange.originPath),
                status: status,
                headers: headers,
                body: response.body,
                storedAt: now,
                freshness: .uncached,
                isError: true
            )
            return await errorResponse(for: transient, exchange: exchange)
        }
        return deliver(response, result: isError ? .error : .miss, exchange: exchange, now: now)
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
