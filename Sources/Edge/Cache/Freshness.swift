import HTTPSemantics
import NIOHTTP1

/// How long the edge keeps an origin response (aws-behaviour §1.5 and §1.7). Viewer `Cache-Control` plays no part.
struct Freshness: Equatable {
    /// Seconds the object is fresh from the moment the edge stores it; 0 means stored but revalidated on every
    /// request. An upstream `Age` has already been taken off (RFC 9111 §4.2.3).
    var ttl: Int
    /// `stale-while-revalidate` seconds after expiry (0 when absent).
    var staleWhileRevalidate: Int
    /// `stale-if-error` seconds after expiry; nil when the origin sent none, which leaves CloudFront's own rule
    /// of serving an expired copy through origin errors (aws-behaviour §1.7).
    var staleIfError: Int?
    /// The `Age` the origin (itself a cache) reported; the edge adds its own residence time to it.
    var age: Int

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
        let age = headers.first(name: "age").flatMap { Int($0) }.map { max(0, $0) } ?? 0
        let stale = (whileRevalidate: control.staleWhileRevalidate ?? 0, ifError: control.staleIfError)

        if cacheableSuccess.contains(status) {
            if control.noStore || control.isPrivate || control.noCache {
                // MinTTL 0 respects the directive; otherwise the object is kept for MinTTL.
                if policy.minTTL == 0 {
                    return control.noCache && !control.noStore && !control.isPrivate ? Freshness(ttl: 0, stale, age: age) : nil
                }
                return Freshness(ttl: policy.minTTL, stale, age: age)
            }
            guard let lifetime = headerLifetime(control, headers: headers, now: now) else {
                return Freshness(ttl: max(policy.defaultTTL, policy.minTTL), stale, age: age)
            }
            let ttl = clamp(lifetime.seconds, policy)
            // A lifetime from max-age counts from the response's generation, so the time it already spent in
            // upstream caches is used up; an Expires date is absolute and already accounts for it.
            return Freshness(ttl: lifetime.isAbsolute ? ttl : max(0, ttl - age), stale, age: age)
        }
        guard status != 416 else { return nil }
        let fromHeaders = (control.sMaxAge ?? control.maxAge).map { min($0, policy.maxTTL) }
        if alwaysCachedErrors.contains(status) || errorRule != nil || (errorsCachedWithMaxAge.contains(status) && fromHeaders != nil) {
            let capped = headerLifetime(control, headers: headers, now: now).map { min($0.seconds, policy.maxTTL) } ?? 0
            return Freshness(ttl: max(errorRule ?? Self.defaultErrorCachingMinTTL, capped), age: age)
        }
        return nil
    }

    /// CloudFront's ErrorCachingMinTTL when no custom error response says otherwise.
    static let defaultErrorCachingMinTTL = 10

    /// For an object the edge holds only while answering one request.
    static let uncached = Freshness(ttl: 0)

    init(ttl: Int, staleWhileRevalidate: Int = 0, staleIfError: Int? = nil, age: Int = 0) {
        self.ttl = ttl
        self.staleWhileRevalidate = staleWhileRevalidate
        self.staleIfError = staleIfError
        self.age = age
    }

    private init(ttl: Int, _ stale: (whileRevalidate: Int, ifError: Int?), age: Int) {
        self.init(ttl: ttl, staleWhileRevalidate: stale.whileRevalidate, staleIfError: stale.ifError, age: age)
    }

    /// s-maxage, then max-age, then Expires (§1.5 precedence).
    private static func headerLifetime(_ control: CacheControl, headers: HTTPHeaders, now: Int) -> (seconds: Int, isAbsolute: Bool)? {
        if let sMaxAge = control.sMaxAge { return (sMaxAge, false) }
        if let maxAge = control.maxAge { return (maxAge, false) }
        if let expires = headers.first(name: "expires") {
            // An invalid Expires means "already expired" (RFC 9111 §5.3).
            return (max(0, (HTTPDate.parse(expires) ?? now) - now), true)
        }
        return nil
    }

    private static func clamp(_ ttl: Int, _ policy: CachePolicy) -> Int {
        min(max(ttl, policy.minTTL), policy.maxTTL)
    }
}
