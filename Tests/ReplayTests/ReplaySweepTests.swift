import Eviction
import Foundation
import Testing

@testable import Replay

@Suite("Replay sweep")
struct ReplaySweepTests {
    /// A trace of `keys` with size 100 each (object 10,000 weighs 5,000), every fifth request a POST.
    static func trace(_ keys: [UInt64], uncacheableEvery: Int? = nil) -> Trace {
        var trace = Trace(source: "test")
        for (index, key) in keys.enumerated() {
            let cacheable = uncacheableEvery.map { (index + 1) % $0 != 0 } ?? true
            trace.append(key: key, size: key == 10_000 ? 5_000 : 100, cacheable: cacheable)
        }
        return trace
    }

    static func randomKeys(count: Int, universe: UInt64, seed: UInt64) -> [UInt64] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let uniform = Double(state >> 11) / Double(1 << 53)
            return UInt64(uniform * uniform * Double(universe))
        }
    }

    @Test func accountsForEveryRequest() async throws {
        let trace = Self.trace(Self.randomKeys(count: 5_000, universe: 300, seed: 1) + [10_000, 10_000], uncacheableEvery: 5)
        let configuration = ReplayConfiguration(policies: [.lru, .s3fifo], capacities: [.bytes(2_000), .fraction(0.5)])
        let report = try await ReplaySweep(configuration: configuration).run(trace)
        #expect(report.runs.count == 4)
        for run in report.runs {
            let edge = run.edge
            #expect(edge.requests == trace.count)
            #expect(edge.hits + edge.misses + edge.uncacheable == edge.requests)
            #expect(edge.uncacheable == trace.cacheable.filter { !$0 }.count + (run.capacity < 5_000 ? 2 : 0))
            #expect(edge.bytesFromHits + edge.bytesFromMisses + edge.bytesUncacheable == edge.bytesServed)
            #expect(run.origin.requests == edge.misses + edge.uncacheable)
            #expect(run.origin.offload == 1 - Double(run.origin.requests) / Double(edge.requests))
            #expect(edge.hitRatio.map { abs($0 + edge.missRatio! - 1) < 1e-12 } == true)
        }
        #expect(report.runs[0].edge.uncacheableTooLarge == 2)
    }

    @Test func warmupIsLeftOut() async throws {
        let trace = Self.trace([1, 2, 1, 2, 1, 2, 3, 1])
        let configuration = ReplayConfiguration(policies: [.lru], capacities: [.count(2)], countsObjects: true, warmupFraction: 0.5)
        let report = try await ReplaySweep(configuration: configuration).run(trace)
        #expect(report.trace.warmupRequests == 4)
        #expect(report.trace.measuredRequests == 4)
        #expect(report.trace.compulsoryMisses == 1)
        let edge = report.runs[0].edge
        // Measured: 1 (hit), 2 (hit), 3 (miss, evicts 1), 1 (miss).
        #expect(edge.requests == 4)
        #expect(edge.hits == 2)
        #expect(edge.misses == 2)
    }

    @Test func popsHaveTheirOwnCaches() async throws {
        let keys = Self.randomKeys(count: 20_000, universe: 500, seed: 2)
        let trace = Self.trace(keys)
        let configuration = ReplayConfiguration(policies: [.sieve], capacities: [.fraction(1)], countsObjects: true, popCount: 3, seed: 7)
        let report = try await ReplaySweep(configuration: configuration).run(trace)
        let run = report.runs[0]
        #expect(report.pops == ["POP1", "POP2", "POP3"])
        #expect(run.popStatistics.count == 3)
        #expect(run.popStatistics.reduce(CacheStatistics(), +) == run.edge)
        #expect(run.popStatistics.allSatisfy { abs(Double($0.requests) / 20_000 - 1.0 / 3) < 0.02 })
        // With room for everything, each POP misses once per object it sees: a POP never hits another's cache.
        let plan = ReplayPlan(trace: trace, configuration: configuration)
        let firstSightings = Set(zip(keys, plan.pops).map { "\($0.0)@\($0.1)" }).count
        #expect(run.edge.misses == firstSightings)
    }

    @Test func usesTheTracesPOPs() async throws {
        var trace = Trace(source: "pops")
        for (key, pop) in [(1, "IAD"), (1, "LHR"), (1, "IAD"), (1, "LHR")] { trace.append(key: UInt64(key), size: 10, pop: pop) }
        let report = try await ReplaySweep(configuration: ReplayConfiguration(policies: [.lru], capacities: [.count(10)])).run(trace)
        #expect(report.pops == ["IAD", "LHR"])
        #expect(report.runs[0].popStatistics.map(\.misses) == [1, 1])
        #expect(report.runs[0].popStatistics.map(\.hits) == [1, 1])
    }

    @Test func regionalTierSeesOnlyEdgeMisses() async throws {
        let trace = Self.trace(Self.randomKeys(count: 20_000, universe: 2_000, seed: 3) + [10_000], uncacheableEvery: 10)
        let configuration = ReplayConfiguration(
            policies: [.lru, .belady],
            capacities: [.count(1_000)],
            popCount: 4,
            regionalCapacity: .fraction(1)
        )
        let report = try await ReplaySweep(configuration: configuration).run(trace)
        for run in report.runs {
            let regional = try #require(run.regional)
            #expect(regional.requests == run.edge.misses + run.edge.uncacheableTooLarge)
            // The regional cache holds everything, so it misses each object once: the compulsory misses.
            #expect(regional.misses + regional.uncacheable == report.trace.compulsoryMisses)
            let proxied = run.edge.uncacheable - run.edge.uncacheableTooLarge
            #expect(run.origin.requests == regional.misses + regional.uncacheable + proxied)
        }
    }

    @Test func beladyIsALowerBoundPerPOP() async throws {
        let trace = Self.trace(Self.randomKeys(count: 30_000, universe: 3_000, seed: 4))
        let configuration = ReplayConfiguration(capacities: [.fraction(0.02), .fraction(0.2)], countsObjects: true, popCount: 2)
        let report = try await ReplaySweep(configuration: configuration).run(trace)
        for capacity in [report.runs[0].capacity, report.runs[1].capacity] {
            let runs = report.runs.filter { $0.capacity == capacity }
            let optimum = try #require(runs.first { $0.policy == .belady }).edge.misses
            #expect(runs.allSatisfy { $0.edge.misses >= optimum })
        }
    }

    @Test func reportsProgress() async throws {
        final class Log: @unchecked Sendable {
            let lock = NSLock()
            var entries: [ReplayProgress] = []
        }
        let log = Log()
        let trace = Self.trace(Self.randomKeys(count: 200_000, universe: 1_000, seed: 5))
        let configuration = ReplayConfiguration(policies: [.lru, .fifo], capacities: [.fraction(0.1)], concurrentRuns: 2)
        _ = try await ReplaySweep(configuration: configuration).run(trace) { progress in
            log.lock.withLock { log.entries.append(progress) }
        }
        let last = try #require(log.entries.last)
        #expect(log.entries.count > 2)
        #expect(last.completedRuns == 2 && last.totalRuns == 2)
        #expect(last.fraction == 1)
        #expect(last.bar(width: 10).hasPrefix("[██████████] 100%"))
    }

    @Test func rejectsBadSettings() async {
        let trace = Self.trace([1, 2])
        for configuration in [
            ReplayConfiguration(warmupFraction: 1), ReplayConfiguration(popCount: 0), ReplayConfiguration(policies: []),
            ReplayConfiguration(capacities: [.bytes(10)], countsObjects: true),
        ] {
            await #expect(throws: ReplayError.self) { _ = try await ReplaySweep(configuration: configuration).run(trace) }
        }
        await #expect(throws: ReplayError.emptyTrace("empty")) {
            _ = try await ReplaySweep(configuration: ReplayConfiguration()).run(Trace(source: "empty"))
        }
    }
}
