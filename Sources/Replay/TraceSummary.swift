/// What a replay read.
public struct TraceSummary: Sendable, Encodable {
    public var source: String
    public var requests: Int
    /// Requests in the warm-up, left out of every statistic.
    public var warmupRequests: Int
    /// Requests measured after the warm-up.
    public var measuredRequests: Int
    /// Distinct cacheable objects in the whole trace: the working set capacities are shares of.
    public var distinctObjects: Int
    /// Their total size (each object counted once, at its first size).
    public var workingSetBytes: Int
    /// Distinct objects first requested after the warm-up: misses no cache can avoid.
    public var compulsoryMisses: Int
    /// The outcomes the trace itself logged (CloudFront logs), over the measured requests.
    public var logged: LoggedSummary?
}

/// Counts of the outcomes a log recorded (`x-edge-result-type`).
public struct LoggedSummary: Sendable, Encodable {
    public var hits = 0
    public var refreshHits = 0
    public var misses = 0
    public var errors = 0
    public var redirects = 0
    public var other = 0

    /// `hits / (hits + refreshHits + misses)`: CloudFront's chart excludes RefreshHit from hits.
    public var hitRatio: Double? {
        let cacheable = hits + refreshHits + misses
        return cacheable > 0 ? Double(hits) / Double(cacheable) : nil
    }

    mutating func record(_ result: LoggedResult) {
        switch result {
        case .hit: hits += 1
        case .refreshHit: refreshHits += 1
        case .miss: misses += 1
        case .error: errors += 1
        case .redirect: redirects += 1
        case .other: other += 1
        }
    }

    private enum CodingKeys: String, CodingKey {
        case hits, refreshHits, misses, errors, redirects, other, hitRatio
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(hits, forKey: .hits)
        try container.encode(refreshHits, forKey: .refreshHits)
        try container.encode(misses, forKey: .misses)
        try container.encode(errors, forKey: .errors)
        try container.encode(redirects, forKey: .redirects)
        try container.encode(other, forKey: .other)
        try container.encodeIfPresent(hitRatio, forKey: .hitRatio)
    }
}
