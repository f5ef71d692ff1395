import Benchmark
import Eviction
import Replay

/// Each policy's replay rate on hitrate.md's reference trace (1,000,000 Zipf(0.8) requests over 100,000
/// objects, seed 42), capacity in objects at 1% and 10% of the 96,568 distinct objects, as the reference
/// table counts. One iteration replays the whole trace into a fresh policy; `throughput` is requests per
/// second and the malloc counters show that steady-state accesses do not allocate.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        warmupIterations: 1,
        scalingFactor: .mega,
        maxDuration: .seconds(10),
        maxIterations: 10
    )

    let trace = SyntheticWorkload.zipf(ZipfWorkload(alpha: 0.8)).makeTrace(source: "zipf_a0.8")
    let keys = trace.keys
    let sizes = trace.sizes

    for kind in EvictionPolicyKind.allCases {
        for (label, objects) in [("1%", 965), ("10%", 9_656)] {
            Benchmark("\(kind.displayName) replay \(label)") { benchmark in
                let hits = replay(kind, capacity: .objects(objects), keys: keys, sizes: sizes, benchmark: benchmark)
                blackHole(hits)
            }
        }
    }
}

/// Builds the concrete policy, so the measured loop calls it directly rather than through an existential.
private func replay(
    _ kind: EvictionPolicyKind,
    capacity: EvictionCapacity,
    keys: ContiguousArray<UInt64>,
    sizes: ContiguousArray<Int>,
    benchmark: Benchmark
) -> Int {
    switch kind {
    case .lru: measure(LRUPolicy(capacity: capacity), keys, sizes, benchmark)
    case .fifo: measure(FIFOPolicy(capacity: capacity), keys, sizes, benchmark)
    case .clock: measure(ClockPolicy(capacity: capacity), keys, sizes, benchmark)
    case .sieve: measure(SievePolicy(capacity: capacity), keys, sizes, benchmark)
    case .s3fifo: measure(S3FIFOPolicy(capacity: capacity, configuration: .libCacheSim), keys, sizes, benchmark)
    case .wtinylfu: measure(WTinyLFUPolicy(capacity: capacity), keys, sizes, benchmark)
    case .arc: measure(ARCPolicy(capacity: capacity), keys, sizes, benchmark)
    case .lfu: measure(LFUPolicy(capacity: capacity), keys, sizes, benchmark)
    case .belady: measure(BeladyPolicy(capacity: capacity, future: keys), keys, sizes, benchmark)
    }
}

private func measure<Policy: EvictionPolicy>(
    _ policy: Policy,
    _ keys: ContiguousArray<UInt64>,
    _ sizes: ContiguousArray<Int>,
    _ benchmark: Benchmark
) -> Int {
    var policy = policy
    var hits = 0
    benchmark.startMeasurement()
    for request in benchmark.scaledIterations where policy.access(keys[request], size: sizes[request]) {
        hits += 1
    }
    benchmark.stopMeasurement()
    return hits
}
