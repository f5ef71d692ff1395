/// One cache tier's counts over the measured requests, with the ratios of hitrate.md §6.
///
/// `hits` and `misses` count cacheable requests only, so ``hitRatio`` is CloudFront's CacheHitRate
/// (and Fastly's Hit Ratio). Uncacheable requests (not GET/HEAD, marked uncacheable, or heavier than the
/// whole cache) are counted apart and go to the next tier or the origin.
public struct CacheStatistics: Sendable, Hashable {
    /// Every request that reached this tier.
    public var requests = 0
    /// Requests the tier could not cache; includes ``uncacheableTooLarge``.
    public var uncacheable = 0
    /// Requests for objects heavier than the whole cache (never admitted).
    public var uncacheableTooLarge = 0
    public var hits = 0
    /// Cacheable requests not served from the cache; a ghost hit is a miss.
    public var misses = 0
    /// The sum of object sizes over all requests.
    public var bytesServed = 0
    public var bytesFromHits = 0
    public var bytesFromMisses = 0
    public var bytesUncacheable = 0

    public init() {}

    @inline(__always)
    mutating func record(hit: Bool, size: Int) {
        requests &+= 1
        bytesServed &+= size
        if hit {
            hits &+= 1
            bytesFromHits &+= size
        } else {
            misses &+= 1
            bytesFromMisses &+= size
        }
    }

    @inline(__always)
    mutating func recordUncacheable(size: Int, tooLarge: Bool) {
        requests &+= 1
        uncacheable &+= 1
        if tooLarge { uncacheableTooLarge &+= 1 }
        bytesServed &+= size
        bytesUncacheable &+= size
    }

    static func + (lhs: CacheStatistics, rhs: CacheStatistics) -> CacheStatistics {
        var sum = lhs
        sum.requests += rhs.requests
        sum.uncacheable += rhs.uncacheable
        sum.uncacheableTooLarge += rhs.uncacheableTooLarge
        sum.hits += rhs.hits
        sum.misses += rhs.misses
        sum.bytesServed += rhs.bytesServed
        sum.bytesFromHits += rhs.bytesFromHits
        sum.bytesFromMisses += rhs.bytesFromMisses
        sum.bytesUncacheable += rhs.bytesUncacheable
        return sum
    }

    private static func ratio(_ part: Int, _ whole: Int) -> Double? {
        whole > 0 ? Double(part) / Double(whole) : nil
    }

    /// `hits / (hits + misses)`; `nil` without cacheable requests.
    public var hitRatio: Double? { Self.ratio(hits, hits + misses) }
    /// `misses / (hits + misses)`, as the research literature and libCacheSim report it.
    public var missRatio: Double? { Self.ratio(misses, hits + misses) }
    /// `hits / requests`: Cloudflare's "served by Cloudflare" share.
    public var servedFromCacheRatio: Double? { Self.ratio(hits, requests) }
    /// `bytesFromHits / (bytesFromHits + bytesFromMisses)`.
    public var byteHitRatio: Double? { Self.ratio(bytesFromHits, bytesFromHits + bytesFromMisses) }
    /// `bytesFromMisses / (bytesFromHits + bytesFromMisses)`.
    public var byteMissRatio: Double? { Self.ratio(bytesFromMisses, bytesFromHits + bytesFromMisses) }
    /// `bytesFromHits / bytesServed`: the byte hit ratio over all bytes, uncacheable ones included.
    public var servedFromCacheByteRatio: Double? { Self.ratio(bytesFromHits, bytesServed) }
}

extension CacheStatistics: Encodable {
    private enum CodingKeys: String, CodingKey {
        case requests, uncacheable, uncacheableTooLarge, hits, misses, bytesServed, bytesFromHits, bytesFromMisses
        case bytesUncacheable, hitRatio, missRatio, servedFromCacheRatio, byteHitRatio, byteMissRatio, servedFromCacheByteRatio
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(requests, forKey: .requests)
        try container.encode(uncacheable, forKey: .uncacheable)
        try container.encode(uncacheableTooLarge, forKey: .uncacheableTooLarge)
        try container.encode(hits, forKey: .hits)
        try container.encode(misses, forKey: .misses)
        try container.encode(bytesServed, forKey: .bytesServed)
        try container.encode(bytesFromHits, forKey: .bytesFromHits)
        try container.encode(bytesFromMisses, forKey: .bytesFromMisses)
        try container.encode(bytesUncacheable, forKey: .bytesUncacheable)
        try container.encodeIfPresent(hitRatio, forKey: .hitRatio)
        try container.encodeIfPresent(missRatio, forKey: .missRatio)
        try container.encodeIfPresent(servedFromCacheRatio, forKey: .servedFromCacheRatio)
        try container.encodeIfPresent(byteHitRatio, forKey: .byteHitRatio)
        try container.encodeIfPresent(byteMissRatio, forKey: .byteMissRatio)
        try container.encodeIfPresent(servedFromCacheByteRatio, forKey: .servedFromCacheByteRatio)
    }
}
