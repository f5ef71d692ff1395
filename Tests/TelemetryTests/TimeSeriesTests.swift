import Testing

@testable import Telemetry

@Suite("Per-second time series")
struct TimeSeriesTests {
    @Test func secondsCarryTheirRatios() throws {
        let statistics = EdgeStatistics(configuration: .init(windowSeconds: 600, stripeCount: 1))
        let start = Events.newYear
        // Second 0: a hit of 300 B and a miss of 100 B. Second 2: two hits and a POST (uncacheable).
        statistics.record(Events.make(.hit, bytes: 300, time: start + 0.2))
        statistics.record(Events.make(.miss, bytes: 100, time: start + 0.5))
        statistics.record(Events.make(.hit, bytes: 50, time: start + 2.1))
        statistics.record(Events.make(.hit, bytes: 50, time: start + 2.3))
        statistics.record(Events.make(.miss, bytes: 999, method: "POST", time: start + 2.4))
        let timeline = try #require(statistics.snapshot(now: start + 3).timeSeries.first)
        #expect(timeline.points.map(\.second) == [Int(start), Int(start) + 2])
        // 1 / (1 + 0 + 1) and 300 / (300 + 100)
        #expect(timeline.points[0].hitRatio == 0.5)
        #expect(timeline.points[0].byteHitRatio == 0.75)
        // The POST counts as a request but not in the ratios: 2 / 2.
        #expect(timeline.points[1].requests == 3)
        #expect(timeline.points[1].hitRatio == 1)
    }

    @Test func aSecondSnapshottedTwiceKeepsAdding() throws {
        let statistics = EdgeStatistics(configuration: .init(stripeCount: 1))
        statistics.record(Events.make(.hit, time: Events.newYear))
        _ = statistics.snapshot(now: Events.newYear)
        statistics.record(Events.make(.miss, time: Events.newYear + 0.5))
        let point = try #require(statistics.snapshot(now: Events.newYear).timeSeries.first?.points.first)
        #expect(point.requests == 2)
        #expect(point.hits == 1)
        #expect(point.misses == 1)
    }

    @Test func onlyTheWindowIsKept() throws {
        let statistics = EdgeStatistics(configuration: .init(windowSeconds: 10, stripeCount: 1))
        let start = Events.newYear
        statistics.record(Events.make(.miss, time: start))
        statistics.record(Events.make(.hit, time: start + 5))
        // Ten seconds later the first second's slot is reused.
        statistics.record(Events.make(.hit, time: start + 10))
        let seconds = try #require(statistics.snapshot(now: start + 10).timeSeries.first).points.map { $0.second - Int(start) }
        #expect(seconds == [5, 10])
        // At start + 20 only the 10th second is still inside (start + 10, start + 20].
        #expect(try #require(statistics.snapshot(now: start + 20).timeSeries.first).points.isEmpty)
        #expect(try #require(statistics.snapshot(now: start + 19).timeSeries.first).points.map { $0.second - Int(start) } == [10])
    }

    @Test func seriesHaveTheirOwnHistory() {
        let statistics = EdgeStatistics(configuration: .init(stripeCount: 1))
        statistics.record(Events.make(.hit, pop: "IAD89-P1", time: Events.newYear))
        statistics.record(Events.make(.miss, pop: "LHR61-P2", time: Events.newYear))
        let timelines = statistics.snapshot(now: Events.newYear).timeSeries
        #expect(timelines.map(\.pop) == ["IAD89-P1", "LHR61-P2"])
        #expect(timelines.map { $0.points.first?.hitRatio } == [1, 0])
    }
}
