import HTTPSemantics
import NIOHTTP1

/// How long the edge keeps an origin response (aws-behaviour §1.5 and §1.7). Viewer `Cache-Control` plays no part.
struct Freshness: Equatable {
    /// Seconds the object is fresh; 0 means stored but revalidated on every request.
    var ttl: Int
    var staleWhileRevalidate: Int
    var staleIfError: Int

    /// Statuses cached like a 200 (redirects included: CloudFront never follows them, §1.7).
    static let cacheableSuccess: Set<UInt> = [200, 203, 204, 206, 300, 301, 302, 303, 307, 308, 410]
    /// Errors always cached for the error-caching TTL.
    static let alwaysCachedErrors: Set<UInt> = [404, 414, 500, 501, 502, 503, 504]
    /// Errors cached only when the origin sent max-age or s-maxage.
    static let errorsCachedWithMaxAge: Set<UInt> = [400, 403, 405, 412, 415]

    /// The decision for one origin response; nil means "do not store".
    /// `errorRule` is the error-caching TTL of a custom error response for this status, if the distribution has one:
    /// with it, every mappable error is cached for that long (§1.7 "the error (or custom error page) is cached").
    static func decide(status: UInt, headers: HTTPHeaders, policy: CachePolicy, errorRule: Int?, now: Int) -> Freshness? {
        guard policy.cachingEnabled else { return nil }
        let control = CacheControl(headers["cache-control"])
        let age = headers.first(name: "age").flatMap { Int($0) } ?? 0
        let headerTTL = Self.headerTTL(control, headers: headers, now: now)
        let stale = (control.staleWhileRevalidate ?? 0, control.staleIfError ?? 0)

        if cacheableSuccess.contains(status) {
            if control.noStore || control.isPrivate || control.noCache {
                // MinTTL 0 respects the directive; otherwise the object is kept for MinTTL.
                if policy.minTTL == 0 { return control.noCache && !control.noStore && !control.isPrivate ? Freshness(ttl: 0, stale) : nil }
                return Freshness(ttl: policy.minTTL, stale)
            }
            let ttl = headerTTL.map { clamp($0, policy) } ?? max(policy.defaultTTL, policy.minTTL)
            return Freshness(ttl: max(0, ttl - age), stale)
        }
        guard status != 416 else { return nil }
        let fromHeaders = (control.sMaxAge ?? control.maxAge).map { min($0, policy.maxTTL) }
        if alwaysCachedErrors.contains(status) || errorRule != nil || (errorsCachedWithMaxAge.contains(status) && fromHeaders != nil) {
            let capped = headerTTL.map { min($0, policy.maxTTL) } ?? 0
            return Freshness(ttl: max(errorRule ?? Self.defaultErrorCachingMinTTL, capped), (0, 0))
        }
        return nil
    }

    /// CloudFront's ErrorCachingMinTTL when no custom error response says otherwise.
    static let defaultErrorCachingMinTTL = 10

    /// For an object the edge holds only while answering one request.
    static let uncached = Freshness(ttl: 0, (0, 0))

    private init(ttl: Int, _ stale: (Int, Int)) {
        self.ttl = ttl
        self.staleWhileRevalidate = stale.0
        self.staleIfError = stale.1
    }

    /// s-maxage, then max-age, then Expires (§1.5 precedence).
    private static func headerTTL(_ control: CacheControl, headers: HTTPHeaders, now: Int) -> Int? {
        if let sMaxAge = control.sMaxAge { return sMaxAge }
        if let maxAge = control.maxAge { return maxAge }
        if let expires = headers.first(name: "expires") {
            // An invalid Expires means "already expired" (RFC 9111 §5.3).
            return max(0, (HTTPDate.parse(expires) ?? now) - now)
        }
        return nil
    }

    private static func clamp(_ ttl: Int, _ policy: CachePolicy) -> Int {
        min(max(ttl, policy.minTTL), policy.maxTTL)
    }
}
