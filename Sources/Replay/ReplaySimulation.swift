import Eviction

/// One replay of a trace through one policy at one capacity: every POP has its own cache, the optional
/// regional cache sees the POPs' misses, the origin everything left.
struct ReplaySimulation: Sendable {
    let trace: Trace
    let plan: ReplayPlan
    let policy: EvictionPolicyKind
    let capacity: EvictionCapacity
    let regionalCapacity: EvictionCapacity?
    let options: EvictionPolicyOptions

    /// How often the hot loop reports progress, in requests.
    static let progressStride = 1 << 16

    /// Runs the replay; `progress` receives request counts as they complete.
    func run(progress: (Int) -> Void) -> (edge: [CacheStatistics], regional: CacheStatistics?, origin: OriginStatistics) {
        let options = options
        return switch policy {
        case .lru: execute(progress) { capacity, _ in LRUPolicy(capacity: capacity) }
        case .fifo: execute(progress) { capacity, _ in FIFOPolicy(capacity: capacity) }
        case .clock: execute(progress) { capacity, _ in ClockPolicy(capacity: capacity, counterBits: options.clockCounterBits) }
        case .sieve: execute(progress) { capacity, _ in SievePolicy(capacity: capacity) }
        case .s3fifo: execute(progress) { capacity, _ in S3FIFOPolicy(capacity: capacity, configuration: options.s3fifo) }
        case .wtinylfu: execute(progress) { capacity, _ in WTinyLFUPolicy(capacity: capacity, configuration: options.wTinyLFU) }
        case .arc: execute(progress) { capacity, _ in ARCPolicy(capacity: capacity) }
        case .lfu: execute(progress) { capacity, _ in LFUPolicy(capacity: capacity) }
        case .belady: execute(progress) { capacity, future in BeladyPolicy(capacity: capacity, future: future) }
        }
    }

    /// The replay over a concrete policy type, so the per-request calls are direct, not through an existential.
    private func execute<Policy: EvictionPolicy>(
        _ progress: (Int) -> Void,
        make: (EvictionCapacity, ContiguousArray<UInt64>) -> Policy
    ) -> (edge: [CacheStatistics], regional: CacheStatistics?, origin: OriginStatistics) {
        let popCount = plan.popNames.count
        var caches = ContiguousArray<Policy>()
        for pop in 0..<popCount {
            caches.append(make(capacity, policy.needsFuture ? edgeFuture(pop: pop) : []))
        }
        var statistics = ContiguousArray(repeating: CacheStatistics(), count: popCount)
        var origin = OriginStatistics()
        var forwarded = ContiguousArray<Int>()
        let hasRegional = regionalCapacity != nil
        let keys = trace.keys
        let sizes = trace.sizes
        let cacheable = trace.cacheable
        let pops = plan.pops
        let warmupEnd = plan.warmupEnd
        let limit = capacity.limit
        var sinceReport = 0
        for request in 0..<keys.count {
            let size = sizes[request]
            let pop = pops.isEmpty ? 0 : Int(pops[request])
            let measured = request >= warmupEnd
            sinceReport &+= 1
            if sinceReport == Self.progressStride {
                progress(sinceReport)
                sinceReport = 0
            }
            if !cacheable.isEmpty && !cacheable[request] {
                // Proxy methods and uncacheable responses go from the POP straight to the origin.
                if measured {
                    statistics[pop].recordUncacheable(size: size, tooLarge: false)
                    origin.requests &+= 1
                    origin.bytes &+= size
                }
                continue
            }
            let reachesNextTier: Bool
            if capacity.weight(ofSize: size) > limit {
                if measured { statistics[pop].recordUncacheable(size: size, tooLarge: true) }
                reachesNextTier = true
            } else {
                let hit = caches[pop].access(keys[request], size: size)
                if measured { statistics[pop].record(hit: hit, size: size) }
                reachesNextTier = !hit
            }
            if reachesNextTier {
                if hasRegional {
                    forwarded.append(request)
                } else if measured {
                    origin.requests &+= 1
                    origin.bytes &+= size
                }
            }
        }
        progress(sinceReport)
        var regional: CacheStatistics?
        if let regionalCapacity {
            var regionalCache = make(regionalCapacity, policy.needsFuture ? regionalFuture(forwarded, regionalCapacity) : [])
            var tier = CacheStatistics()
            for request in forwarded {
                let size = sizes[request]
                let measured = request >= warmupEnd
                var hit = false
                if regionalCapacity.weight(ofSize: size) > regionalCapacity.limit {
                    if measured { tier.recordUncacheable(size: size, tooLarge: true) }
                } else {
                    hit = regionalCache.access(keys[request], size: size)
                    if measured { tier.record(hit: hit, size: size) }
                }
                if measured && !hit {
                    origin.requests &+= 1
                    origin.bytes &+= size
                }
            }
            regional = tier
        }
        let viewers = statistics.reduce(CacheStatistics(), +)
        if viewers.requests > 0 { origin.offload = 1 - Double(origin.requests) / Double(viewers.requests) }
        if viewers.bytesServed > 0 { origin.byteOffload = 1 - Double(origin.bytes) / Double(viewers.bytesServed) }
        return (Array(statistics), regional, origin)
    }

    /// The keys one POP's cache will be asked for, in order: Belady's future.
    private func edgeFuture(pop: Int) -> ContiguousArray<UInt64> {
        var future = ContiguousArray<UInt64>()
        for request in 0..<trace.count {
            if !plan.pops.isEmpty && Int(plan.pops[request]) != pop { continue }
            if !trace.cacheable.isEmpty && !trace.cacheable[request] { continue }
            if capacity.weight(ofSize: trace.sizes[request]) > capacity.limit { continue }
            future.append(trace.keys[request])
        }
        return future
    }

    /// The keys the regional cache will be asked for: the POPs' misses that fit it.
    private func regionalFuture(_ forwarded: ContiguousArray<Int>, _ regionalCapacity: EvictionCapacity) -> ContiguousArray<UInt64> {
        var future = ContiguousArray<UInt64>()
        future.reserveCapacity(forwarded.count)
        for request in forwarded where regionalCapacity.weight(ofSize: trace.sizes[request]) <= regionalCapacity.limit {
            future.append(trace.keys[request])
        }
        return future
    }
}
