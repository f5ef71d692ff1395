import Eviction

/// What a replay sweeps and how it models the CDN.
public struct ReplayConfiguration: Sendable {
    /// The policies to compare.
    public var policies: [EvictionPolicyKind]
    /// The cache sizes to try, each per POP.
    public var capacities: [CapacitySpec]
    /// Count capacity in objects, every size taken as 1 (as the reference table does); byte statistics still use sizes.
    public var countsObjects: Bool
    /// How many POPs share the traffic. `nil` uses the POPs the trace names (one if none); a number splits
    /// requests over that many POPs by a seeded hash of the request, ignoring the trace's POPs.
    public var popCount: Int?
    /// The regional edge cache behind the POPs, which sees only their misses; `nil` for none.
    public var regionalCapacity: CapacitySpec?
    /// The share of the first requests that warm the caches and are left out of the statistics, 0 to < 1.
    public var warmupFraction: Double
    /// Policy tunables.
    public var options: EvictionPolicyOptions
    /// Seeds the split of requests over POPs.
    public var seed: UInt64
    /// How many runs go at once (each run is single-threaded).
    public var concurrentRuns: Int

    /// Every policy, in the order the reference table lists them.
    public static let defaultPolicies: [EvictionPolicyKind] = [.fifo, .lru, .clock, .sieve, .s3fifo, .arc, .wtinylfu, .lfu, .belady]

    public init(
        policies: [EvictionPolicyKind] = ReplayConfiguration.defaultPolicies,
        capacities: [CapacitySpec] = [.fraction(0.01), .fraction(0.1)],
        countsObjects: Bool = false,
        popCount: Int? = nil,
        regionalCapacity: CapacitySpec? = nil,
        warmupFraction: Double = 0,
        options: EvictionPolicyOptions = .init(),
        seed: UInt64 = 0,
        concurrentRuns: Int = 1
    ) {
        self.policies = policies
        self.capacities = capacities
        self.countsObjects = countsObjects
        self.popCount = popCount
        self.regionalCapacity = regionalCapacity
        self.warmupFraction = warmupFraction
        self.options = options
        self.seed = seed
        self.concurrentRuns = concurrentRuns
    }

    /// Fails with the setting's name when a value is out of range.
    func validate() throws(ReplayError) {
        guard !policies.isEmpty else { throw .invalidSetting("policy", "name at least one policy") }
        guard !capacities.isEmpty else { throw .invalidSetting("capacity", "give at least one capacity") }
        if let popCount, !(1...4096).contains(popCount) {
            throw .invalidSetting("pops", "the number of POPs must be from 1 to 4096, not \(popCount)")
        }
        guard warmupFraction >= 0 && warmupFraction < 1 else {
            throw .invalidSetting("warmup", "the warm-up share must be at least 0 and below 1, not \(warmupFraction)")
        }
    }
}
