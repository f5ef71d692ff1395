/// Request and byte counts for a slice of traffic, with the ratios of hitrate.md §6.
///
/// Each request falls in exactly one class, tested in this order: a `Redirect` result is a redirect; `Error`,
/// `LimitExceeded` and `CapacityExceeded` are errors; a request the behaviour cannot cache (``RequestEvent/isCacheable``
/// false: POST, PUT, CachingDisabled) is uncacheable; the rest are hits, refresh hits and misses by result.
/// So `requests = hits + refreshHits + misses + uncacheable + errors + redirects`.
public struct TrafficCounts: Sendable, Hashable {
    /// Every request, whatever its method, status or result (CloudFront's `RequestCount`).
    public var requests = 0
    /// Cacheable requests answered from the cache without asking the origin (`Hit`).
    public var hits = 0
    /// Cacheable requests found expired in the cache and revalidated with the origin (`RefreshHit`).
    public var refreshHits = 0
    /// Cacheable requests the cache could not answer (`Miss`).
    public var misses = 0
    /// `Error`, `LimitExceeded` and `CapacityExceeded` results (CloudFront's `ErrorCount`).
    public var errors = 0
    /// Requests the behaviour never caches (hitrate.md §6 "pass/bypass").
    public var uncacheable = 0
    /// HTTP-to-HTTPS redirects the edge answered itself.
    public var redirects = 0
    /// `sc-bytes` over all requests (CloudFront's `TotalBytes`).
    public var bytesServed = 0
    /// `sc-bytes` of `Hit` and `RefreshHit` responses: bytes that came out of the cache. A refresh hit's body
    /// is the cached one, which is why CloudFront's `BytesFromMisses` leaves refreshes out and Cloudflare counts
    /// revalidated bytes as cached.
    public var bytesFromHits = 0
    /// `sc-bytes` of cacheable `Miss` responses (CloudFront's `BytesFromMisses`).
    public var bytesFromMisses = 0
    /// `sc-bytes` of uncacheable requests.
    public var bytesUncacheable = 0
    /// Requests that reached the origin: every response whose bytes came from it, and every refresh hit
    /// (a conditional request answered 304).
    public var originRequests = 0
    /// `sc-bytes` of responses whose bytes came from the origin: the origin egress. A refresh hit's 304 is
    /// not counted, its size being unknown to the edge's log.
    public var originBytes = 0

    public init() {}

    /// Counts one request.
    @inline(__always)
    mutating func add(_ event: RequestEvent) {
        let bytes = event.bytesSent
        requests &+= 1
        bytesServed &+= bytes
        if event.servedFrom == .origin {
            originRequests &+= 1
            originBytes &+= bytes
        } else if event.result == .refreshHit {
            originRequests &+= 1
        }
        switch Outcome(event) {
        case .redirect: redirects &+= 1
        case .error: errors &+= 1
        case .uncacheable:
            uncacheable &+= 1
            bytesUncacheable &+= bytes
        case .hit:
            hits &+= 1
            bytesFromHits &+= bytes
        case .refreshHit:
            refreshHits &+= 1
            bytesFromHits &+= bytes
        case .miss:
            misses &+= 1
            bytesFromMisses &+= bytes
        }
    }

    /// The class a request is counted in.
    enum Outcome {
        case hit, refreshHit, miss, uncacheable, error, redirect

        @inline(__always)
        init(_ event: RequestEvent) {
            switch event.result {
            case .redirect: self = .redirect
            case .error, .limitExceeded, .capacityExceeded: self = .error
            case .hit: self = event.isCacheable ? .hit : .uncacheable
            case .refreshHit: self = event.isCacheable ? .refreshHit : .uncacheable
            case .miss: self = event.isCacheable ? .miss : .uncacheable
            }
        }
    }

    public static func + (lhs: TrafficCounts, rhs: TrafficCounts) -> TrafficCounts {
        var sum = lhs
        sum += rhs
        return sum
    }

    public static func += (lhs: inout TrafficCounts, rhs: TrafficCounts) {
        lhs.requests &+= rhs.requests
        lhs.hits &+= rhs.hits
        lhs.refreshHits &+= rhs.refreshHits
        lhs.misses &+= rhs.misses
        lhs.errors &+= rhs.errors
        lhs.uncacheable &+= rhs.uncacheable
        lhs.redirects &+= rhs.redirects
        lhs.bytesServed &+= rhs.bytesServed
        lhs.bytesFromHits &+= rhs.bytesFromHits
        lhs.bytesFromMisses &+= rhs.bytesFromMisses
        lhs.bytesUncacheable &+= rhs.bytesUncacheable
        lhs.originRequests &+= rhs.originRequests
        lhs.originBytes &+= rhs.originBytes
    }

    static func ratio(_ part: Int, _ whole: Int) -> Double? {
        whole > 0 ? Double(part) / Double(whole) : nil
    }

    /// CloudFront's cache hit rate: `hits / (hits + refreshHits + misses)`; `nil` without cacheable requests.
    ///
    /// CloudWatch's `CacheHitRate` is "the percentage of all cacheable requests for which CloudFront served the
    /// content from its cache. HTTP POST and PUT requests, and errors, are not considered cacheable requests"
    /// (hitrate.md §6). Uncacheable requests, errors and redirects are therefore outside the denominator. A
    /// refresh hit is a cacheable request but not a hit: CloudFront's hit chart leaves `RefreshHit` out, since
    /// the origin was asked; `edgesim replay` (`LoggedSummary.hitRatio`) counts it the same way.
    public var hitRatio: Double? { Self.ratio(hits, hits + refreshHits + misses) }

    /// `hits / requests`: the share of all requests served from the cache, Cloudflare's "served by Cloudflare".
    public var servedFromCacheRatio: Double? { Self.ratio(hits, requests) }

    /// `bytesFromHits / (bytesFromHits + bytesFromMisses)`: the byte hit ratio over cacheable traffic.
    public var byteHitRatio: Double? { Self.ratio(bytesFromHits, bytesFromHits + bytesFromMisses) }

    /// `1 − originRequests / requests`: the share of viewer requests the origin never saw.
    public var originOffload: Double? { requests > 0 ? 1 - Double(originRequests) / Double(requests) : nil }

    /// `1 − originBytes / bytesServed`: the share of bytes served that the origin did not send.
    public var byteOriginOffload: Double? { bytesServed > 0 ? 1 - Double(originBytes) / Double(bytesServed) : nil }
}

extension TrafficCounts: Codable {
    private enum CodingKeys: String, CodingKey {
        case requests, hits, refreshHits, misses, errors, uncacheable, redirects
        case bytesServed, bytesFromHits, bytesFromMisses, bytesUncacheable, originRequests, originBytes
        case hitRatio, servedFromCacheRatio, byteHitRatio, originOffload, byteOriginOffload
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        requests = try container.decode(Int.self, forKey: .requests)
        hits = try container.decode(Int.self, forKey: .hits)
        refreshHits = try container.decode(Int.self, forKey: .refreshHits)
        misses = try container.decode(Int.self, forKey: .misses)
        errors = try container.decode(Int.self, forKey: .errors)
        uncacheable = try container.decode(Int.self, forKey: .uncacheable)
        redirects = try container.decode(Int.self, forKey: .redirects)
        bytesServed = try container.decode(Int.self, forKey: .bytesServed)
        bytesFromHits = try container.decode(Int.self, forKey: .bytesFromHits)
        bytesFromMisses = try container.decode(Int.self, forKey: .bytesFromMisses)
        bytesUncacheable = try container.decode(Int.self, forKey: .bytesUncacheable)
        originRequests = try container.decode(Int.self, forKey: .originRequests)
        originBytes = try container.decode(Int.self, forKey: .originBytes)
    }

    /// The counts, then the ratios (`null` when their denominator is 0); decoding recomputes the ratios.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(requests, forKey: .requests)
        try container.encode(hits, forKey: .hits)
        try container.encode(refreshHits, forKey: .refreshHits)
        try container.encode(misses, forKey: .misses)
        try container.encode(errors, forKey: .errors)
        try container.encode(uncacheable, forKey: .uncacheable)
        try container.encode(redirects, forKey: .redirects)
        try container.encode(bytesServed, forKey: .bytesServed)
        try container.encode(bytesFromHits, forKey: .bytesFromHits)
        try container.encode(bytesFromMisses, forKey: .bytesFromMisses)
        try container.encode(bytesUncacheable, forKey: .bytesUncacheable)
        try container.encode(originRequests, forKey: .originRequests)
        try container.encode(originBytes, forKey: .originBytes)
        try container.encode(hitRatio, forKey: .hitRatio)
        try container.encode(servedFromCacheRatio, forKey: .servedFromCacheRatio)
        try container.encode(byteHitRatio, forKey: .byteHitRatio)
        try container.encode(originOffload, forKey: .originOffload)
        try container.encode(byteOriginOffload, forKey: .byteOriginOffload)
    }
}
