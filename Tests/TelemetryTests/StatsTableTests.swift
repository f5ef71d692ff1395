import Testing

@testable import Telemetry

@Suite("edgesim stats table")
struct StatsTableTests {
    @Test func rendersAlignedRowsAndTheTotal() {
        let statistics = EdgeStatistics(configuration: .init(stripeCount: 1))
        // E1 * IAD89-P1: 3 hits of 100 B at 0.5 ms, 1 miss of 700 B at 20 ms.
        for _ in 0..<3 { statistics.record(Events.make(.hit, bytes: 100, duration: 0.000_5)) }
        statistics.record(Events.make(.miss, bytes: 700, duration: 0.02))
        // E1 /api/* IAD89-P1: one uncacheable POST at 1.5 s.
        statistics.record(Events.make(.miss, bytes: 50, method: "POST", behavior: "/api/*", duration: 1.5))
        let table = StatsTable.render(statistics.snapshot(now: Events.newYear))
        // Hit ratio 3/4; byte hit ratio 300/1000. p50 of the first row: rank 2 of {500 µs ×3, 20 ms} → 500 µs lies
        // in [480, 512) (2^8 cut in 8), middle 496 µs → 0.50ms; p99: rank 4 → 20,000 µs in [18,432, 20,480),
        // middle 19,456 µs → 19.5ms.
        // /api/*: no cacheable request, so no ratios; 1.5 s lies in [1,441,792, 1,572,864) → 1,507,328 µs.
        // Total p50: rank 3 of 5 → 496 µs; p99: rank 5 → 1.507 s.
        let expected = """
            DISTRIBUTION  BEHAVIOR  POP       TIER  REQUESTS  HIT RATIO  BYTE HIT RATIO     P50     P99
            E1            *         IAD89-P1  edge         4      75.0%           30.0%  0.50ms  19.5ms
            E1            /api/*    IAD89-P1  edge         1          -               -   1.51s   1.51s
            total                                          5      75.0%           30.0%  0.50ms   1.51s

            """
        #expect(table == expected)
    }

    @Test func anEmptySnapshotStillHasItsHeaderAndTotal() {
        let table = StatsTable.render(EdgeStatistics(configuration: .init(stripeCount: 1)).snapshot(now: 0))
        #expect(table.split(separator: "\n").count == 2)
        #expect(table.hasPrefix("DISTRIBUTION"))
        #expect(table.contains("total"))
    }

    @Test(arguments: [
        (0.000_504, "0.50ms"), (0.009_996, "10.00ms"), (0.0125, "12.5ms"), (0.34, "340ms"), (1.234_5, "1.23s"),
    ])
    func durations(seconds: Double, text: String) {
        #expect(StatsTable.duration(seconds) == text)
    }

    @Test func percentages() {
        #expect(StatsTable.percent(2.0 / 3.0) == "66.7%")
        #expect(StatsTable.percent(1) == "100.0%")
        #expect(StatsTable.percent(0.000_4) == "0.0%")
        #expect(StatsTable.percent(nil) == "-")
    }
}
