import Testing

@testable import Telemetry

@Suite("Latency histogram")
struct LatencyHistogramTests {
    @Test(arguments: [
        // (µs, bucket): exact below 16; from 16 on, 8 buckets per power of two.
        (0, 0), (15, 15), (16, 16), (17, 16), (18, 17), (31, 23), (32, 24), (1_000, 63), (Int(Int32.max), 231),
    ])
    func bucketOfAValue(micros: Int, bucket: Int) {
        #expect(LatencyHistogram.bucket(micros: micros) == bucket)
    }

    @Test func bucketsTileTheRangeWithoutGaps() {
        // Each bucket starts where the previous one ended, and every value maps into the bucket whose range holds it.
        var next = 0
        for bucket in 0..<LatencyHistogram.bucketCount {
            let (lower, width) = LatencyHistogram.range(ofBucket: bucket)
            #expect(lower == next)
            #expect(LatencyHistogram.bucket(micros: lower) == bucket)
            #expect(LatencyHistogram.bucket(micros: lower + width - 1) == bucket)
            // Relative width at most 1/8 of the lower bound above the exact range: the reported middle is within 1/16.
            if lower >= 16 { #expect(width * 8 <= lower) }
            next = lower + width
        }
        #expect(next == 1 << 31)
    }

    @Test func prometheusBucketsAreInclusiveUpperBounds() {
        var histogram = LatencyHistogram()
        histogram.record(micros: 100)  // le="0.0001" (≤ 100 µs)
        histogram.record(micros: 101)  // le="0.00025"
        histogram.record(micros: 10_000_000)  // le="10"
        histogram.record(micros: 10_000_001)  // only +Inf
        let cumulative = histogram.cumulativePrometheusCounts
        #expect(cumulative.count == 17)
        #expect(cumulative[0] == 1)
        #expect(cumulative[1] == 2)
        #expect(cumulative[14] == 2)  // le="5"
        #expect(cumulative[15] == 3)  // le="10"
        #expect(cumulative[16] == 4)  // +Inf
        #expect(histogram.sumMicros == 100 + 101 + 10_000_000 + 10_000_001)
    }

    @Test func secondsAreRoundedToMicrosecondsAndClamped() {
        var histogram = LatencyHistogram()
        histogram.record(seconds: 0.000_001_4)  // 1.4 µs → 1
        histogram.record(seconds: -3)  // → 0
        histogram.record(seconds: .infinity)  // → the cap
        #expect(histogram.count == 3)
        #expect(histogram.sumMicros == 1 + 0 + Int(Int32.max))
        #expect(histogram.quantile(0.1) == 0)
        #expect(histogram.quantile(0.5) == 0.000_001)
    }

    @Test func mergingAddsCounts() {
        var left = LatencyHistogram()
        var right = LatencyHistogram()
        left.record(micros: 5)
        right.record(micros: 5)
        right.record(micros: 1_000)
        var empty = LatencyHistogram()
        empty += right
        left += right
        #expect(left.count == 3)
        #expect(left.counts[5] == 2)
        #expect(left.counts[63] == 1)
        #expect(empty == right)
        #expect(LatencyHistogram().quantile(0.5) == nil)
    }
}
