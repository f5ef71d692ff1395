/// A log-linear histogram of durations in nanoseconds: exact below 16 ns, then 16 buckets per power of two,
/// so any percentile it reports is within 6.25 % of the true value. Fixed size, allocated once; recording
/// is a few integer operations.
struct LatencyHistogram: Sendable {
    private static let subBucketBits = 4
    private static let subBuckets = 1 << subBucketBits
    private static let bucketCount = subBuckets + (64 - subBucketBits) * subBuckets

    private var counts = [Int](repeating: 0, count: bucketCount)
    private(set) var count = 0
    private(set) var sum: UInt64 = 0
    private(set) var maximum: UInt64 = 0

    mutating func record(nanoseconds value: UInt64) {
        counts[Self.index(of: value)] += 1
        count += 1
        sum &+= value
        maximum = max(maximum, value)
    }

    /// The value at quantile `q` (0...1): the midpoint of the bucket holding the `ceil(q × count)`-th smallest
    /// recording, never above the largest recorded; 0 when nothing was recorded.
    func value(atQuantile q: Double) -> UInt64 {
        guard count > 0 else { return 0 }
        let rank = max(1, Int((min(max(q, 0), 1) * Double(count)).rounded(.up)))
        var seen = 0
        for (index, bucketCount) in counts.enumerated() where bucketCount > 0 {
            seen += bucketCount
            if seen >= rank { return min(Self.midpoint(of: index), maximum) }
        }
        return maximum
    }

    static func index(of value: UInt64) -> Int {
        guard value >= UInt64(subBuckets) else { return Int(value) }
        let exponent = 63 - value.leadingZeroBitCount
        let shift = exponent - subBucketBits
        let sub = Int((value >> UInt64(shift)) & UInt64(subBuckets - 1))
        return subBuckets + shift * subBuckets + sub
    }

    /// The bucket's lowest value plus half its width.
    static func midpoint(of index: Int) -> UInt64 {
        guard index >= subBuckets else { return UInt64(index) }
        let shift = (index - subBuckets) / subBuckets
        let sub = UInt64((index - subBuckets) % subBuckets)
        let low = (UInt64(subBuckets) + sub) << UInt64(shift)
        return low + ((UInt64(1) << UInt64(shift)) >> 1)
    }
}
