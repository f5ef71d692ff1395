import Foundation
import Testing

@testable import Telemetry

@Suite("Edge statistics: counters and ratios")
struct EdgeStatisticsTests {
    /// 6 Hit, 2 RefreshHit, 2 Miss, 1 uncacheable POST, 1 origin 404, 1 Redirect, 1 LimitExceeded.
    static func mixedTraffic() -> [RequestEvent] {
        Array(repeating: Events.make(.hit, bytes: 1_000), count: 6)
            + Array(repeating: Events.make(.refreshHit, bytes: 1_000), count: 2)
            + Array(repeating: Events.make(.miss, bytes: 2_000), count: 2)
            + [
                Events.make(.miss, bytes: 500, method: "POST"),
                Events.make(.error, bytes: 300, status: 404, servedFrom: .origin),
                Events.make(.redirect, bytes: 167, status: 301),
                Events.make(.limitExceeded, bytes: 200, status: 503),
            ]
    }

    @Test func classifiesEveryRequestOnce() {
        let statistics = EdgeStatistics(configuration: .init(stripeCount: 1))
        for event in Self.mixedTraffic() { statistics.record(event) }
        let traffic = statistics.snapshot(now: Events.newYear).totals.traffic
        #expect(traffic.requests == 14)
        #expect(traffic.hits == 6)
        #expect(traffic.refreshHits == 2)
        #expect(traffic.misses == 2)
        #expect(traffic.uncacheable == 1)  // the POST, although its result is Miss
        #expect(traffic.errors == 2)  // Error and LimitExceeded
        #expect(traffic.redirects == 1)
        #expect(traffic.hits + traffic.refreshHits + traffic.misses + traffic.uncacheable + traffic.errors + traffic.redirects == traffic.requests)
        // 6×1000 + 2×1000 + 2×2000 + 500 + 300 + 167 + 200 = 13,167
        #expect(traffic.bytesServed == 13_167)
        // Hit and RefreshHit bytes: 6×1000 + 2×1000 = 8,000
        #expect(traffic.bytesFromHits == 8_000)
        #expect(traffic.bytesFromMisses == 4_000)
        #expect(traffic.bytesUncacheable == 500)
        // Origin: 2 refresh hits (304s), 2 misses, the POST, the origin's 404 = 6 requests;
        // bytes 4,000 + 500 + 300 = 4,800 (a 304's size is not known).
        #expect(traffic.originRequests == 6)
        #expect(traffic.originBytes == 4_800)
    }

    @Test func ratiosFollowHitrateSectionSix() throws {
        let statistics = EdgeStatistics(configuration: .init(stripeCount: 1))
        for event in Self.mixedTraffic() { statistics.record(event) }
        let traffic = statistics.snapshot(now: Events.newYear).totals.traffic
        // CacheHitRate: hits / (hits + refreshHits + misses) = 6 / (6 + 2 + 2) = 0.6
        #expect(traffic.hitRatio == 0.6)
        // served from cache: hits / requests = 6 / 14
        #expect(traffic.servedFromCacheRatio == 6.0 / 14.0)
        // byte hit ratio: 8,000 / (8,000 + 4,000) = 2/3
        #expect(traffic.byteHitRatio == 8_000.0 / 12_000.0)
        // origin offload: 1 − 6/14 = 8/14
        #expect(try #require(traffic.originOffload) == 1 - 6.0 / 14.0)
        // byte origin offload: 1 − 4,800 / 13,167
        #expect(try #require(traffic.byteOriginOffload) == 1 - 4_800.0 / 13_167.0)
    }

    @Test func ratiosAreAbsentWithoutADenominator() {
        var only = TrafficCounts()
        #expect(only.hitRatio == nil)
        #expect(only.servedFromCacheRatio == nil)
        #expect(only.byteHitRatio == nil)
        #expect(only.originOffload == nil)
        // A redirect is a request but not a cacheable one: the hit ratio stays undefined, offload is 1.
        only.add(Events.make(.redirect, bytes: 167))
        #expect(only.hitRatio == nil)
        #expect(only.servedFromCacheRatio == 0)
        #expect(only.originOffload == 1)
    }

    @Test func cachingDisabledCountsAsUncacheable() {
        let statistics = EdgeStatistics(configuration: .init(stripeCount: 1))
        // A GET on a CachingDisabled behaviour: CloudFront logs Miss, the behaviour never caches.
        statistics.record(Events.make(.miss, bytes: 700, isCacheable: false))
        statistics.record(Events.make(.hit, bytes: 300))
        let traffic = statistics.snapshot(now: Events.newYear).totals.traffic
        #expect(traffic.uncacheable == 1)
        #expect(traffic.misses == 0)
        // 1 / (1 + 0 + 0)
        #expect(traffic.hitRatio == 1)
        // 300 / (300 + 0): uncacheable bytes are outside the byte hit ratio
        #expect(traffic.byteHitRatio == 1)
        // 1 − 1/2: the pass reached the origin
        #expect(traffic.originOffload == 0.5)
    }

    @Test func keepsSeriesApartAndSumsThem() throws {
        let statistics = EdgeStatistics(configuration: .init(stripeCount: 1))
        statistics.record(Events.make(.hit, bytes: 100, behavior: "*", pop: "IAD89-P1"))
        statistics.record(Events.make(.miss, bytes: 100, behavior: "*", pop: "IAD89-P1"))
        statistics.record(Events.make(.hit, bytes: 100, behavior: "*", pop: "LHR61-P2"))
        statistics.record(Events.make(.miss, bytes: 50, uri: "/api/shows", behavior: "/api/*", pop: "IAD89-P1", isCacheable: false))
        statistics.record(Events.make(.hit, bytes: 100, behavior: "*", pop: "IAD89-P1", tier: .regional))
        statistics.record(Events.make(.error, bytes: 900, distribution: nil, status: 403))
        let snapshot = statistics.snapshot(now: Events.newYear)
        let keys = snapshot.series.map { "\($0.distribution) \($0.behavior) \($0.pop) \($0.tier)" }
        // Sorted by distribution, behaviour, POP, tier; "-" is the Host no distribution took.
        #expect(keys == ["- - IAD89-P1 edge", "E1 * IAD89-P1 edge", "E1 * IAD89-P1 regional", "E1 * LHR61-P2 edge", "E1 /api/* IAD89-P1 edge"])
        let iad = try #require(snapshot.series.first { $0.pop == "IAD89-P1" && $0.behavior == "*" && $0.tier == "edge" })
        #expect(iad.traffic.requests == 2)
        #expect(iad.traffic.hitRatio == 0.5)
        #expect(snapshot.series.first { $0.behavior == "/api/*" }?.traffic.uncacheable == 1)
        #expect(snapshot.totals.traffic.requests == 6)
        #expect(snapshot.totals.traffic == snapshot.series.map(\.traffic).reduce(TrafficCounts(), +))
    }

    @Test func latencyPercentilesPerResultType() throws {
        let statistics = EdgeStatistics(configuration: .init(stripeCount: 1))
        for millis in 1...100 { statistics.record(Events.make(.hit, duration: Double(millis) / 1_000)) }
        for _ in 0..<4 { statistics.record(Events.make(.miss, duration: 0.000_010)) }
        let snapshot = statistics.snapshot(now: Events.newYear)
        let hit = try #require(snapshot.totals.latencyByResult["Hit"])
        #expect(hit.count == 100)
        // Rank 50 is 50 ms = 50,000 µs, in the bucket [49,152, 53,248) (2^15 cut in 8): its middle is 51,200 µs.
        #expect(hit.p50Seconds == 0.0512)
        // Rank 90 is 90,000 µs, in [81,920, 90,112): middle 86,016 µs.
        #expect(hit.p90Seconds == 0.086016)
        // Rank 99 is 99,000 µs, in [98,304, 106,496): middle 102,400 µs.
        #expect(hit.p99Seconds == 0.1024)
        // Mean of 1…100 ms = 50.5 ms, exact from the microsecond sum.
        #expect(try #require(hit.meanSeconds) == 0.0505)
        // 10 µs lies below 16 µs, where buckets are exact.
        let miss = try #require(snapshot.totals.latencyByResult["Miss"])
        #expect(miss.count == 4)
        #expect(miss.p50Seconds == 0.000_010)
        #expect(snapshot.totals.latencyByResult["RefreshHit"] == nil)
        // All results together: 104 values, rank 52 is 48 ms (the four 10 µs misses come first);
        // 48,000 µs lies in [45,056, 49,152), middle 47,104 µs.
        #expect(snapshot.totals.latency.count == 104)
        #expect(snapshot.totals.latency.p50Seconds == 0.047104)
    }

    @Test func recentInvalidationsNewestFirstAndBounded() {
        let statistics = EdgeStatistics(configuration: .init(invalidationsKept: 2, stripeCount: 1))
        statistics.recordInvalidation(InvalidationRecord(id: "I1", distribution: "E1", paths: ["/index.html"], createTime: 10, status: "InProgress"))
        statistics.recordInvalidation(InvalidationRecord(id: "I2", distribution: "E1", paths: ["/assets/*"], createTime: 20))
        statistics.recordInvalidation(InvalidationRecord(id: "I1", distribution: "E1", paths: ["/index.html"], createTime: 10, status: "Completed"))
        #expect(statistics.snapshot().invalidations.map(\.id) == ["I2", "I1"])
        #expect(statistics.snapshot().invalidations.last?.status == "Completed")
        statistics.recordInvalidation(InvalidationRecord(id: "I3", distribution: "E2", paths: ["/*"], createTime: 30))
        #expect(statistics.snapshot().invalidations.map(\.id) == ["I3", "I2"])
    }
}
