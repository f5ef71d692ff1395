/// Response times in a log-linear histogram over whole microseconds, plus the fixed buckets `/metrics` exposes.
///
/// Below 16 µs each microsecond has its own bucket; above, every power of two is cut into 8 equal buckets, so a
/// percentile is the middle of its bucket and lies within 1/16 (6.25 %) of every value that bucket holds. Values
/// are capped at 2³¹ − 1 µs (about 36 minutes). Recording is a few integer operations; the arrays are allocated
/// on the first record, so result types that never occur cost nothing.
struct LatencyHistogram: Sendable, Hashable {
    static let subBuckets = 8
    static let linearLimit = 16
    static let maximumMicros = Int(Int32.max)
    /// 16 exact buckets, then 8 per power of two from 2⁴ to 2³⁰.
    static let bucketCount = linearLimit + (30 - 4 + 1) * subBuckets

    /// The Prometheus `le` bounds, in microseconds (100 µs to 10 s), before `+Inf`.
    static let prometheusBoundsMicros = [
        100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000,
        5_000_000, 10_000_000,
    ]
    /// The same bounds as Prometheus prints them.
    static let prometheusBoundLabels = [
        "0.0001", "0.00025", "0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1",
        "2.5", "5", "10",
    ]

    private(set) var count = 0
    private(set) var sumMicros = 0
    private(set) var counts: ContiguousArray<Int> = []
    /// Per Prometheus bucket (not cumulative); the last one is `+Inf`.
    private(set) var prometheusCounts: ContiguousArray<Int> = []

    init() {}

    /// Records one duration, rounded to the microsecond (negative durations count as 0).
    @inline(__always)
    mutating func record(seconds: Double) {
        let scaled = (seconds * 1_000_000).rounded()
        let micros = scaled.isFinite ? Int(min(max(scaled, 0), Double(Self.maximumMicros))) : Self.maximumMicros
        record(micros: micros)
    }

    mutating func record(micros: Int) {
        if counts.isEmpty {
            counts = ContiguousArray(repeating: 0, count: Self.bucketCount)
            prometheusCounts = ContiguousArray(repeating: 0, count: Self.prometheusBoundsMicros.count + 1)
        }
        let value = min(max(micros, 0), Self.maximumMicros)
        count &+= 1
        sumMicros &+= value
        counts[Self.bucket(micros: value)] &+= 1
        var slot = 0
        let bounds = Self.prometheusBoundsMicros
        while slot < bounds.count && value > bounds[slot] { slot += 1 }
        prometheusCounts[slot] &+= 1
    }

    /// The bucket of a value in `0...maximumMicros`.
    @inline(__always)
    static func bucket(micros value: Int) -> Int {
        if value < linearLimit { return value }
        let exponent = Int.bitWidth - 1 - value.leadingZeroBitCount
        let sub = (value >> (exponent - 3)) & (subBuckets - 1)
        return linearLimit + (exponent - 4) * subBuckets + sub
    }

    /// The smallest value of a bucket and its width, in microseconds.
    static func range(ofBucket bucket: Int) -> (lower: Int, width: Int) {
        if bucket < linearLimit { return (bucket, 1) }
        let exponent = (bucket - linearLimit) / subBuckets + 4
        let sub = (bucket - linearLimit) % subBuckets
        return ((subBuckets + sub) << (exponent - 3), 1 << (exponent - 3))
    }

    /// The value reported for a bucket: its middle (exact below 16 µs).
    static func representativeMicros(ofBucket bucket: Int) -> Int {
        let (lower, width) = range(ofBucket: bucket)
        return lower + width / 2
    }

    /// The `quantile` (0...1) in seconds: the bucket holding the ⌈quantile × count⌉-th smallest value;
    /// `nil` when nothing was recorded.
    func quantile(_ quantile: Double) -> Double? {
        guard count > 0 else { return nil }
        let rank = max(1, Int((quantile * Double(count)).rounded(.up)))
        var seen = 0
        for (bucket, inBucket) in counts.enumerated() where inBucket > 0 {
            seen += inBucket
            if seen >= rank { return Double(Self.representativeMicros(ofBucket: bucket)) / 1_000_000 }
        }
        return nil
    }

    /// Mean of the recorded values in seconds (exact, from the microsecond sum).
    var meanSeconds: Double? { count > 0 ? Double(sumMicros) / Double(count) / 1_000_000 : nil }

    /// Cumulative counts for each `le` bound, then `+Inf` (equal to ``count``).
    var cumulativePrometheusCounts: [Int] {
        guard !prometheusCounts.isEmpty else { return Array(repeating: 0, count: Self.prometheusBoundsMicros.count + 1) }
        var running = 0
        return prometheusCounts.map { value in
            running += value
            return running
        }
    }

    static func += (lhs: inout LatencyHistogram, rhs: LatencyHistogram) {
        guard rhs.count > 0 else { return }
        if lhs.counts.isEmpty {
            lhs = rhs
            return
        }
        lhs.count &+= rhs.count
        lhs.sumMicros &+= rhs.sumMicros
        for bucket in 0..<Self.bucketCount { lhs.counts[bucket] &+= rhs.counts[bucket] }
        for slot in 0..<lhs.prometheusCounts.count { lhs.prometheusCounts[slot] &+= rhs.prometheusCounts[slot] }
    }

    /// p50, p90 and p99 with the count and mean.
    var percentiles: LatencyPercentiles {
        LatencyPercentiles(count: count, p50Seconds: quantile(0.5), p90Seconds: quantile(0.9), p99Seconds: quantile(0.99), meanSeconds: meanSeconds)
    }
}

/// Response-time percentiles of a slice of traffic, in seconds; `nil` without requests.
public struct LatencyPercentiles: Sendable, Hashable, Codable {
    public var count: Int
    public var p50Seconds: Double?
    public var p90Seconds: Double?
    public var p99Seconds: Double?
    public var meanSeconds: Double?

    public init(count: Int, p50Seconds: Double?, p90Seconds: Double?, p99Seconds: Double?, meanSeconds: Double?) {
        self.count = count
        self.p50Seconds = p50Seconds
        self.p90Seconds = p90Seconds
        self.p99Seconds = p99Seconds
        self.meanSeconds = meanSeconds
    }

    private enum CodingKeys: String, CodingKey {
        case count, p50Seconds, p90Seconds, p99Seconds, meanSeconds
    }

    /// Absent percentiles are written as `null`, so every field is always present.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(count, forKey: .count)
        try container.encode(p50Seconds, forKey: .p50Seconds)
        try container.encode(p90Seconds, forKey: .p90Seconds)
        try container.encode(p99Seconds, forKey: .p99Seconds)
        try container.encode(meanSeconds, forKey: .meanSeconds)
    }
}
