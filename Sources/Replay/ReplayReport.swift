import Eviction

/// The outcome of a sweep: what was replayed and one ``ReplayRun`` per policy × capacity.
/// Render it with ``text()``, ``json()`` or ``html()``.
public struct ReplayReport: Sendable, Encodable {
    public var trace: TraceSummary
    /// Whether capacities count objects (every size taken as 1).
    public var countsObjects: Bool
    /// The POPs traffic was split over.
    public var pops: [String]
    /// The regional tier's size as given, when there is one.
    public var regionalCapacity: String?
    /// Runs in policy-major order, capacities ascending within a policy.
    public var runs: [ReplayRun]
}

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

/// One policy at one capacity.
public struct ReplayRun: Sendable, Encodable {
    public var policy: EvictionPolicyKind
    /// The policy's name as reports print it (`S3-FIFO`).
    public var policyName: String
    /// The capacity as given (`1%`, `100 MB`).
    public var capacityLabel: String
    /// The capacity each POP's cache had, in ``capacityUnit``.
    public var capacity: Int
    /// `objects` or `bytes`.
    public var capacityUnit: String
    /// All POPs together.
    public var edge: CacheStatistics
    /// Each POP, in ``ReplayReport/pops`` order; empty with a single POP.
    public var popStatistics: [CacheStatistics]
    /// The regional tier (its own requests are the POPs' misses), when there is one.
    public var regional: CacheStatistics?
    /// Requests and bytes that reached the origin.
    public var origin: OriginStatistics
    /// Wall-clock time of the run, for throughput; not part of the JSON so reports stay reproducible.
    public var elapsedSeconds: Double

    /// Replayed requests per second.
    public var requestsPerSecond: Double { elapsedSeconds > 0 ? Double(edge.requests) / elapsedSeconds : 0 }

    private enum CodingKeys: String, CodingKey {
        case policy, policyName, capacityLabel, capacity, capacityUnit, edge
        case popStatistics = "pops"
        case regional, origin
    }
}

/// What the origin served, and how much the caches kept from it.
public struct OriginStatistics: Sendable, Hashable, Encodable {
    public var requests = 0
    public var bytes = 0
    /// `1 − originRequests / viewerRequests`.
    public var offload: Double?
    /// `1 − originBytes / bytesServed`.
    public var byteOffload: Double?
}
