/// What every run of a sweep shares: the POP of each request, the warm-up boundary, the trace summary.
struct ReplayPlan: Sendable {
    let popNames: [String]
    /// Each request's POP; empty when there is a single POP.
    let pops: ContiguousArray<UInt16>
    /// Requests before this index warm the caches and are not measured.
    let warmupEnd: Int
    let summary: TraceSummary

    init(trace: Trace, configuration: ReplayConfiguration) {
        let requests = trace.count
        warmupEnd = min(requests, Int(Double(requests) * configuration.warmupFraction))
        if let popCount = configuration.popCount {
            popNames = (1...popCount).map { "POP\($0)" }
            pops = popCount == 1 ? [] : Self.split(requests: requests, over: popCount, seed: configuration.seed)
        } else if trace.popNames.count > 1 {
            popNames = trace.popNames
            pops = trace.pops
        } else {
            popNames = [trace.popNames.first ?? "POP1"]
            pops = []
        }
        summary = Self.summarize(trace, warmupEnd: warmupEnd)
    }

    /// Assigns each request to a POP by a seeded hash of its position: clients, not objects, pick POPs,
    /// so every POP sees every popular object.
    private static func split(requests: Int, over popCount: Int, seed: UInt64) -> ContiguousArray<UInt16> {
        var pops = ContiguousArray<UInt16>()
        pops.reserveCapacity(requests)
        for request in 0..<requests {
            var mixed = seed &+ UInt64(request) &* 0x9E37_79B9_7F4A_7C15
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            mixed ^= mixed >> 31
            pops.append(UInt16(truncatingIfNeeded: mixed % UInt64(popCount)))
        }
        return pops
    }

    private static func summarize(_ trace: Trace, warmupEnd: Int) -> TraceSummary {
        var seen = Set<UInt64>()
        seen.reserveCapacity(min(trace.count, 1 << 22))
        var workingSetBytes = 0
        var compulsoryMisses = 0
        var logged: LoggedSummary? = trace.loggedResults.isEmpty ? nil : LoggedSummary()
        for request in 0..<trace.count {
            if request >= warmupEnd && !trace.loggedResults.isEmpty { logged?.record(trace.loggedResults[request]) }
            if !trace.cacheable.isEmpty && !trace.cacheable[request] { continue }
            if seen.insert(trace.keys[request]).inserted {
                workingSetBytes += trace.sizes[request]
                if request >= warmupEnd { compulsoryMisses += 1 }
            }
        }
        return TraceSummary(
            source: trace.source,
            requests: trace.count,
            warmupRequests: warmupEnd,
            measuredRequests: trace.count - warmupEnd,
            distinctObjects: seen.count,
            workingSetBytes: workingSetBytes,
            compulsoryMisses: compulsoryMisses,
            logged: logged
        )
    }
}
