/// Everything ``EdgeStatistics`` knows at one moment: the `/_edgesim/stats` document and what `edgesim stats` prints.
///
/// JSON field names are lowerCamelCase, like the stack file's and `edgesim replay --json`'s. Times are epoch
/// seconds (UTC), durations are seconds, byte counts are `sc-bytes` sums, ratios are fractions from 0 to 1 and
/// `null` when their denominator is 0. Fields are only ever added, never renamed. The document:
///
/// ```
/// generatedAt, startedAt, windowSeconds
/// totals            {traffic, latency, latencyByResult}
/// series[]          {distribution, behavior, pop, tier, traffic, latency, latencyByResult}
/// timeSeries[]      {distribution, behavior, pop, tier, points[]}
///                   points[]: {second, requests, hits, refreshHits, misses, bytesFromHits, bytesFromMisses,
///                              hitRatio, byteHitRatio}
/// hotObjects[]      {distribution, path, requests, hits, overestimate}
/// invalidations[]   {id, distribution, paths[], createTime, status}
/// ```
/// `traffic` is a ``TrafficCounts`` (counts, then `hitRatio`, `servedFromCacheRatio`, `byteHitRatio`,
/// `originOffload`, `byteOriginOffload`); `latency` a ``LatencyPercentiles`` (`count`, `p50Seconds`,
/// `p90Seconds`, `p99Seconds`, `meanSeconds`); `latencyByResult` maps `x-edge-result-type` values that occurred
/// (`Hit`, `Miss`, ...) to percentiles.
public struct StatisticsSnapshot: Sendable, Codable {
    /// When the snapshot was taken.
    public var generatedAt: Double
    /// When counting began (the statistics were created).
    public var startedAt: Double
    /// How many seconds ``timeSeries`` covers.
    public var windowSeconds: Int
    /// All traffic.
    public var totals: TrafficSummary
    /// One entry per distribution, behaviour, POP and tier that saw traffic, sorted by those four.
    public var series: [SeriesStatistics]
    /// Per-second counts over the last ``windowSeconds``, per series, in ``series`` order.
    public var timeSeries: [SeriesTimeline]
    /// The most requested objects, most requested first.
    public var hotObjects: [HotObject]
    /// The newest invalidations first.
    public var invalidations: [InvalidationRecord]

    public init(
        generatedAt: Double,
        startedAt: Double,
        windowSeconds: Int,
        totals: TrafficSummary,
        series: [SeriesStatistics],
        timeSeries: [SeriesTimeline],
        hotObjects: [HotObject],
        invalidations: [InvalidationRecord]
    ) {
        self.generatedAt = generatedAt
        self.startedAt = startedAt
        self.windowSeconds = windowSeconds
        self.totals = totals
        self.series = series
        self.timeSeries = timeSeries
        self.hotObjects = hotObjects
        self.invalidations = invalidations
    }
}

/// Counts, ratios and response times of a slice of traffic.
public struct TrafficSummary: Sendable, Codable {
    public var traffic: TrafficCounts
    public var latency: LatencyPercentiles
    /// Keyed by `x-edge-result-type` (`Hit`, `RefreshHit`, `Miss`, ...); only results that occurred.
    public var latencyByResult: [String: LatencyPercentiles]

    public init(traffic: TrafficCounts, latency: LatencyPercentiles, latencyByResult: [String: LatencyPercentiles]) {
        self.traffic = traffic
        self.latency = latency
        self.latencyByResult = latencyByResult
    }
}

/// One distribution's behaviour at one POP and tier.
public struct SeriesStatistics: Sendable, Codable {
    /// The distribution id (`-` for requests whose Host matched no distribution).
    public var distribution: String
    /// The behaviour's path pattern (`*` for the default behaviour, `-` without a distribution).
    public var behavior: String
    public var pop: String
    /// `edge` or `regional`.
    public var tier: String
    public var traffic: TrafficCounts
    public var latency: LatencyPercentiles
    public var latencyByResult: [String: LatencyPercentiles]

    public init(
        distribution: String,
        behavior: String,
        pop: String,
        tier: String,
        traffic: TrafficCounts,
        latency: LatencyPercentiles,
        latencyByResult: [String: LatencyPercentiles]
    ) {
        self.distribution = distribution
        self.behavior = behavior
        self.pop = pop
        self.tier = tier
        self.traffic = traffic
        self.latency = latency
        self.latencyByResult = latencyByResult
    }
}

/// The per-second history of one series.
public struct SeriesTimeline: Sendable, Codable {
    public var distribution: String
    public var behavior: String
    public var pop: String
    public var tier: String
    /// Seconds with traffic, oldest first.
    public var points: [TimelinePoint]

    public init(distribution: String, behavior: String, pop: String, tier: String, points: [TimelinePoint]) {
        self.distribution = distribution
        self.behavior = behavior
        self.pop = pop
        self.tier = tier
        self.points = points
    }
}

/// One second of one series, with its ratios defined as in ``TrafficCounts``.
public struct TimelinePoint: Sendable, Hashable, Codable {
    /// Epoch second the responses ended in.
    public var second: Int
    public var requests: Int
    public var hits: Int
    public var refreshHits: Int
    public var misses: Int
    public var bytesFromHits: Int
    public var bytesFromMisses: Int

    public init(second: Int, requests: Int, hits: Int, refreshHits: Int, misses: Int, bytesFromHits: Int, bytesFromMisses: Int) {
        self.second = second
        self.requests = requests
        self.hits = hits
        self.refreshHits = refreshHits
        self.misses = misses
        self.bytesFromHits = bytesFromHits
        self.bytesFromMisses = bytesFromMisses
    }

    /// `hits / (hits + refreshHits + misses)`, CloudFront's cache hit rate for that second.
    public var hitRatio: Double? { TrafficCounts.ratio(hits, hits + refreshHits + misses) }
    /// `bytesFromHits / (bytesFromHits + bytesFromMisses)`.
    public var byteHitRatio: Double? { TrafficCounts.ratio(bytesFromHits, bytesFromHits + bytesFromMisses) }

    private enum CodingKeys: String, CodingKey {
        case second, requests, hits, refreshHits, misses, bytesFromHits, bytesFromMisses, hitRatio, byteHitRatio
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        second = try container.decode(Int.self, forKey: .second)
        requests = try container.decode(Int.self, forKey: .requests)
        hits = try container.decode(Int.self, forKey: .hits)
        refreshHits = try container.decode(Int.self, forKey: .refreshHits)
        misses = try container.decode(Int.self, forKey: .misses)
        bytesFromHits = try container.decode(Int.self, forKey: .bytesFromHits)
        bytesFromMisses = try container.decode(Int.self, forKey: .bytesFromMisses)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(second, forKey: .second)
        try container.encode(requests, forKey: .requests)
        try container.encode(hits, forKey: .hits)
        try container.encode(refreshHits, forKey: .refreshHits)
        try container.encode(misses, forKey: .misses)
        try container.encode(bytesFromHits, forKey: .bytesFromHits)
        try container.encode(bytesFromMisses, forKey: .bytesFromMisses)
        try container.encode(hitRatio, forKey: .hitRatio)
        try container.encode(byteHitRatio, forKey: .byteHitRatio)
    }
}

/// One of the most requested objects (space-saving counts: ``requests`` may exceed the truth by at most
/// ``overestimate``).
public struct HotObject: Sendable, Hashable, Codable {
    public var distribution: String
    /// `cs-uri-stem`: the path without the query.
    public var path: String
    public var requests: Int
    /// `Hit` results counted while the object was tracked.
    public var hits: Int
    public var overestimate: Int

    public init(distribution: String, path: String, requests: Int, hits: Int, overestimate: Int) {
        self.distribution = distribution
        self.path = path
        self.requests = requests
        self.hits = hits
        self.overestimate = overestimate
    }
}

/// A CloudFront invalidation, as the dashboard lists it.
public struct InvalidationRecord: Sendable, Hashable, Codable {
    /// The invalidation id (`I2J0I21PCUYOIK`).
    public var id: String
    /// The distribution id.
    public var distribution: String
    /// The paths as given (`/index.html`, `/assets/*`).
    public var paths: [String]
    /// Epoch seconds when it was created.
    public var createTime: Double
    /// `InProgress` or `Completed`, as CloudFront reports it.
    public var status: String

    public init(id: String, distribution: String, paths: [String], createTime: Double, status: String = "Completed") {
        self.id = id
        self.distribution = distribution
        self.paths = paths
        self.createTime = createTime
        self.status = status
    }
}
