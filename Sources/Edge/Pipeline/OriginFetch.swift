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
        guard let key = exchange.key, Self.collapses(exchange.behavior) else {
            return await fetchAndAnswer(exchange).response
        }
        switch fetches.join(key) {
        case .leader(let flight):
            return await lead(exchange, key: key, flight: flight)
        case .waiter(let flight):
            return await follow(exchange, flight: flight)
        }
    }

    /// Collapsing is off when cookies reach the origin, in the key or through the origin request policy
    /// (aws-behaviour §1.12); CachingDisabled never gets here, having no key.
    static func collapses(_ behavior: CacheBehavior) -> Bool {
        let forwarded = behavior.originRequestPolicy?.cookies ?? CachePolicy.KeyValues.none
        return behavior.cachePolicy.cookies == .none && forwarded == .none
    }

    /// The first miss on a key: fetches, stores, and hands the result to the requests that waited.
    func lead(_ exchange: Exchange, key: CacheKey, flight: InFlightFetches.Flight) async -> EdgeResponse {
        var outcome = InFlightFetches.Outcome.notShared
        // Every way out lands the flight, cancellation included, so no waiter is left behind.
        defer { fetches.finish(flight, key: key, outcome: outcome) }
        let now = clock.now
        // A flight that ended between this request's lookup and its joining may have stored the object already.
        if let object = cache.peek(key, headers: exchange.request.headers), object.isFresh(at: now), object !== exchange.stale, !object.isError {
            outcome = .stored(object)
            return deliver(object, result: .hit, exchange: exchange, now: now)
        }
        let answer = await fetchAndAnswer(exchange)
        outcome = answer.shared
        return answer.response
    }

    /// A request collapsed into another's fetch: served from its result as a hit (the log says Hit, §1.12), or sent
    /// to the origin itself when the result cannot be shared with it.
    func follow(_ exchange: Exchange, flight: InFlightFetches.Flight) async -> EdgeResponse {
        let outcome = await flight.outcome()
        let now = clock.now
        switch outcome {
        case .stored(let object) where object.selection.matches(exchange.request.headers):
            if object.isError { return await errorResponse(for: object, exchange: exchange) }
            return deliver(object, result: .hit, exchange: exchange, now: now)
        case .servedStale:
            if let stale = exchange.stale { return deliver(stale, result: .hit, exchange: exchange, now: now) }
        case .stored, .notShared:
            break
        }
        return await fetchAndAnswer(exchange).response
    }
}
