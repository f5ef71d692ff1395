import Foundation
import Testing

@testable import Telemetry

@Suite("Recording from many threads")
struct ConcurrencyTests {
    /// Runs `body(thread)` on `threads` OS threads at once and waits for all of them.
    static func onThreads(_ threads: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let group = DispatchGroup()
        for thread in 0..<threads {
            group.enter()
            Thread {
                body(thread)
                group.leave()
            }.start()
        }
        group.wait()
    }

    @Test(arguments: [nil, 1, 2] as [Int?])
    func totalsAreExact(stripes: Int?) throws {
        let statistics = EdgeStatistics(configuration: .init(stripeCount: stripes))
        let threads = 8
        let perThread = 5_000
        Self.onThreads(threads) { thread in
            for request in 0..<perThread {
                // Every thread: 3 of 5 hits, 1 miss, 1 error; two POPs; three objects.
                let result: RequestEvent.ResultType = request % 5 < 3 ? .hit : request % 5 == 3 ? .miss : .error
                let pop = request % 2 == 0 ? "IAD89-P1" : "LHR61-P2"
                statistics.record(
                    Events.make(
                        result,
                        bytes: 10,
                        uri: "/object-\(request % 3)",
                        pop: pop,
                        time: Events.newYear + Double(request % 7),
                        duration: 0.002
                    )
                )
            }
        }
        let snapshot = statistics.snapshot(now: Events.newYear + 10)
        let total = threads * perThread
        let traffic = snapshot.totals.traffic
        #expect(traffic.requests == total)
        #expect(traffic.hits == total * 3 / 5)
        #expect(traffic.misses == total / 5)
        #expect(traffic.errors == total / 5)
        #expect(traffic.bytesServed == total * 10)
        #expect(snapshot.series.map(\.traffic.requests) == [total / 2, total / 2])
        #expect(snapshot.totals.latency.count == total)
        // Every event lands in exactly one second of its series' history.
        #expect(snapshot.timeSeries.flatMap(\.points).reduce(0) { $0 + $1.requests } == total)
        // Three objects fit every stripe's summary, so their counts are exact.
        #expect(snapshot.hotObjects.map(\.requests).reduce(0, +) == total)
        #expect(snapshot.hotObjects.allSatisfy { $0.overestimate == 0 })
        let prometheus = statistics.prometheusText()
        #expect(
            prometheus.contains(
                "edgesim_requests_total{distribution=\"E1\",behavior=\"*\",pop=\"IAD89-P1\",tier=\"edge\",result=\"Hit\"} \(total * 3 / 10)"
            )
        )
    }

    @Test func snapshotsWhileRecordingStayConsistent() {
        let statistics = EdgeStatistics(configuration: .init(stripeCount: 2))
        Self.onThreads(5) { thread in
            if thread == 0 {
                for _ in 0..<200 {
                    let traffic = statistics.snapshot(now: Events.newYear).totals.traffic
                    // Each event is counted whole: its class and its bytes together.
                    #expect(traffic.hits + traffic.misses == traffic.requests)
                    #expect(traffic.bytesServed == traffic.requests * 10)
                }
            } else {
                for request in 0..<10_000 { statistics.record(Events.make(request % 2 == 0 ? .hit : .miss, bytes: 10)) }
            }
        }
        #expect(statistics.snapshot().totals.traffic.requests == 40_000)
    }
}
