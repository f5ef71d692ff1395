/// A snapshot of a ``ReadCache``'s counters, taken by ``ReadCache/metrics``.
///
/// Every ``ReadCache/value(for:ttl:load:)`` call counts exactly one hit or one miss; loads count the source reads,
/// so under concurrency `loads` stays below `misses` (waiters share one load).
public struct ReadCacheMetrics: Sendable, Hashable {
    /// Reads answered from the cache.
    public var hits: Int
    /// Reads not answered from the cache.
    public var misses: Int
    /// Source reads started (one per key however many callers waited for it).
    public var loads: Int
    /// Source reads that threw; their callers got the error and nothing was cached.
    public var loadFailures: Int
    /// Entries the backend dropped for room; nil when the backend cannot know (Redis evicts on its own).
    public var evictions: Int?
    /// Keys invalidated by ``ReadCache/invalidate(key:)`` or a write without write-through.
    public var invalidations: Int
    /// Values stored by write-through.
    public var writes: Int
    /// Backend calls that failed (Redis unreachable, say). A failed lookup falls back to the source, as the
    /// strategy guide says a lazy-loading cache survives a node failure.
    public var backendFailures: Int
    /// How long source reads took.
    public var loadLatency: LatencySummary

    /// Hits over reads; 0 before the first read.
    public var hitRatio: Double {
        let reads = hits + misses
        return reads == 0 ? 0 : Double(hits) / Double(reads)
    }

    public init(
        hits: Int = 0,
        misses: Int = 0,
        loads: Int = 0,
        loadFailures: Int = 0,
        evictions: Int? = nil,
        invalidations: Int = 0,
        writes: Int = 0,
        backendFailures: Int = 0,
        loadLatency: LatencySummary = .init()
    ) {
        self.hits = hits
        self.misses = misses
        self.loads = loads
        self.loadFailures = loadFailures
        self.evictions = evictions
        self.invalidations = invalidations
        self.writes = writes
        self.backendFailures = backendFailures
        self.loadLatency = loadLatency
    }

    /// Percentiles of a latency distribution (within 6.25 %).
    public struct LatencySummary: Sendable, Hashable {
        /// How many durations were recorded.
        public var count: Int
        public var p50: Duration
        public var p90: Duration
        public var p99: Duration
        public var maximum: Duration
        public var mean: Duration

        public init(
            count: Int = 0,
            p50: Duration = .zero,
            p90: Duration = .zero,
            p99: Duration = .zero,
            maximum: Duration = .zero,
            mean: Duration = .zero
        ) {
            self.count = count
            self.p50 = p50
            self.p90 = p90
            self.p99 = p99
            self.maximum = maximum
            self.mean = mean
        }
    }
}

extension ReadCacheMetrics.LatencySummary {
    init(_ histogram: LatencyHistogram) {
        func duration(_ nanoseconds: UInt64) -> Duration { .nanoseconds(Int64(clamping: nanoseconds)) }
        self.init(
            count: histogram.count,
            p50: duration(histogram.value(atQuantile: 0.5)),
            p90: duration(histogram.value(atQuantile: 0.9)),
            p99: duration(histogram.value(atQuantile: 0.99)),
            maximum: duration(histogram.maximum),
            mean: duration(histogram.count == 0 ? 0 : histogram.sum / UInt64(histogram.count))
        )
    }
}
