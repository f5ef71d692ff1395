import Testing

@testable import ReadCache

struct LatencyHistogramTests {
    @Test
    func percentilesAreWithinTheBucketError() {
        var histogram = LatencyHistogram()
        for value in 1...10_000 { histogram.record(nanoseconds: UInt64(value) * 1000) }
        for (quantile, exact) in [(0.5, 5_000_000.0), (0.9, 9_000_000.0), (0.99, 9_900_000.0)] {
            let reported = Double(histogram.value(atQuantile: quantile))
            #expect(abs(reported - exact) / exact <= 0.0625, "q\(quantile): \(reported)")
        }
        #expect(histogram.maximum == 10_000_000)
        #expect(histogram.count == 10_000)
        #expect(histogram.value(atQuantile: 1) == 10_000_000)
    }

    @Test
    func smallValuesAreExactAndBucketsCoverEveryValue() {
        var histogram = LatencyHistogram()
        histogram.record(nanoseconds: 7)
        #expect(histogram.value(atQuantile: 0.5) == 7)
        #expect(LatencyHistogram().value(atQuantile: 0.5) == 0)
        var previous = -1
        for value in [0, 15, 16, 17, 31, 32, 1 << 20, (1 << 20) + 1, Int.max] {
            let index = LatencyHistogram.index(of: UInt64(value))
            #expect(index >= previous)
            previous = index
        }
        var top = LatencyHistogram()
        top.record(nanoseconds: .max)
        #expect(top.value(atQuantile: 0.5) >= UInt64.max / 16 * 15)
    }

    @Test
    func theSummaryReportsDurations() {
        var histogram = LatencyHistogram()
        histogram.record(nanoseconds: 2_000_000)
        histogram.record(nanoseconds: 4_000_000)
        let summary = ReadCacheMetrics.LatencySummary(histogram)
        #expect(summary.count == 2)
        #expect(summary.maximum == .milliseconds(4))
        #expect(summary.mean == .milliseconds(3))
        #expect(summary.p50 >= .microseconds(1875) && summary.p50 <= .microseconds(2125))
    }
}

struct ReadCacheKeyTests {
    @Test
    func keysAreTableColonPartitionKeyColonSortKey() {
        #expect(ReadCacheKey.item(table: "shows", partitionKey: "42") == "shows:42")
        #expect(ReadCacheKey.item(table: "shows", partitionKey: "42", sortKey: "s1") == "shows:42:s1")
    }

    @Test
    func colonsInsidePartsCannotMakeTwoItemsShareAKey() {
        let joined = ReadCacheKey.item(table: "t", partitionKey: "a:b")
        let split = ReadCacheKey.item(table: "t", partitionKey: "a", sortKey: "b")
        #expect(joined == "t:a%3Ab")
        #expect(split == "t:a:b")
        #expect(ReadCacheKey.item(table: "t", partitionKey: "a%3Ab") == "t:a%253Ab")
    }
}

struct ReadCacheConfigurationTests {
    @Test
    func defaultsFollowTheStrategyGuide() {
        let configuration = ReadCache.Configuration()
        #expect(configuration.ttl == .seconds(300))
        #expect(configuration.ttlJitter == 0)
        #expect(configuration.writeThrough == false)
        #expect(configuration.notFoundTTL == nil)
    }

    @Test(arguments: [(0.0, 100.0), (0.5, 90.0), (1.0, 80.0)])
    func jitterTakesAtMostItsShareOffTheTTL(_ draw: Double, _ expectedSeconds: Double) {
        let configuration = ReadCache.Configuration(ttlJitter: 0.2)
        let ttl = configuration.effectiveTTL(.seconds(100), random: .init { draw })
        #expect(ttl == .seconds(expectedSeconds))
    }

    @Test
    func jitterOutsideZeroToOneIsClamped() {
        #expect(ReadCache.Configuration(ttlJitter: 5).effectiveTTL(.seconds(10), random: .init { 0.5 }) == .seconds(5))
        #expect(ReadCache.Configuration(ttlJitter: -1).effectiveTTL(.seconds(10), random: .init { 0.5 }) == .seconds(10))
    }
}
