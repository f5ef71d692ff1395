/// W-TinyLFU (Einziger, Friedman & Manes; Caffeine's `BoundedLocalCache`; hitrate.md §1.6) with a fixed window.
///
/// New objects enter a small LRU *window*. Objects leaving the window become *candidates* for the main
/// region, an SLRU of *probation* and *protected* segments. When the cache is over capacity, a candidate
/// competes with probation's LRU *victim*: the one the frequency sketch deems less popular is evicted;
/// a warm candidate (estimate ≥ 6) that loses is still admitted with probability 1/128 (Caffeine's HashDoS
/// defence), drawn from a seeded generator. A hit in probation promotes to protected; protected's overflow
/// is demoted back to probation. There is no hill climbing: the window keeps its configured share.
public struct WTinyLFUPolicy: EvictionPolicy {
    /// W-TinyLFU's tunables; the defaults are Caffeine's constants.
    public struct Configuration: Sendable, Hashable {
        /// The window's share of the capacity (Caffeine: 1 − `PERCENT_MAIN` = 0.01).
        public var windowShare: Double
        /// The protected segment's share of the main region (`PERCENT_MAIN_PROTECTED` = 0.8).
        public var protectedShare: Double
        /// Seeds the 1/128 admission of warm candidates.
        public var seed: UInt64

        public init(windowShare: Double = 0.01, protectedShare: Double = 0.8, seed: UInt64 = 0) {
            self.windowShare = windowShare
            self.protectedShare = protectedShare
            self.seed = seed
        }
    }

    private static let window: UInt8 = 1
    private static let probation: UInt8 = 2
    private static let protected: UInt8 = 3
    /// Caffeine's `ADMIT_HASHDOS_THRESHOLD`.
    private static let warmCandidateFrequency = 6

    public let capacity: EvictionCapacity
    public let configuration: Configuration
    private let windowLimit: Int
    private let protectedLimit: Int
    private var store: NodeStore
    private var windowQueue = NodeList()
    private var probationQueue = NodeList()
    private var protectedQueue = NodeList()
    private var sketch: FrequencySketch
    private var random: SplitMix64

    public init(capacity: EvictionCapacity, configuration: Configuration = Configuration()) {
        self.capacity = capacity
        self.configuration = configuration
        let limit = capacity.limit
        let windowShare = min(max(configuration.windowShare, 0), 1)
        windowLimit = limit - Int(Double(limit) * (1 - windowShare))
        protectedLimit = Int(Double(limit - windowLimit) * min(max(configuration.protectedShare, 0), 1))
        store = NodeStore(countsObjects: capacity.countsObjects, expectedEntries: capacity.expectedEntries)
        sketch = FrequencySketch(expectedEntries: capacity.countsObjects ? limit : 1024)
        random = SplitMix64(seed: configuration.seed)
    }

    public var usedCapacity: Int {
        let countsObjects = capacity.countsObjects
        return windowQueue.weight(countsObjects: countsObjects) + probationQueue.weight(countsObjects: countsObjects)
            + protectedQueue.weight(countsObjects: countsObjects)
    }
    public var usedBytes: Int { windowQueue.bytes + probationQueue.bytes + protectedQueue.bytes }
    public var count: Int { windowQueue.count + probationQueue.count + protectedQueue.count }

    public func contains(_ key: UInt64) -> Bool { store.find(key) >= 0 }

    /// Counts the access in the frequency sketch, hit or miss, so a later ``admit(_:size:onEviction:)``
    /// does not count it again.
    public mutating func lookup(_ key: UInt64) -> Bool {
        sketch.record(key)
        let node = store.find(key)
        guard node >= 0 else { return false }
        switch store[node].queue {
        case Self.window:
            store.moveToHead(node, &windowQueue)
        case Self.probation:
            store.unlink(node, &probationQueue)
            store[node].queue = Self.protected
            store.pushHead(node, &protectedQueue)
            while protectedQueue.weight(countsObjects: capacity.countsObjects) > protectedLimit {
                let demoted = protectedQueue.tail
                store.unlink(demoted, &protectedQueue)
                store[demoted].queue = Self.probation
                store.pushHead(demoted, &probationQueue)
            }
        default:
            store.moveToHead(node, &protectedQueue)
        }
        return true
    }

    public mutating func admit(_ key: UInt64, size: Int, onEviction: (UInt64) -> Void) -> Admission {
        remove(key)
        return insert(key, size: max(0, size), onEviction: onEviction)
    }

    @discardableResult
    public mutating func remove(_ key: UInt64) -> Bool {
        let node = store.find(key)
        guard node >= 0 else { return false }
        _ = drop(node)
        return true
    }

    public mutating func access(_ key: UInt64, size: Int) -> Bool {
        if lookup(key) { return true }
        _ = insert(key, size: max(0, size)) { _ in }
        return false
    }

    private mutating func drop(_ node: Int32) -> UInt64 {
        switch store[node].queue {
        case Self.window: store.drop(node, &windowQueue)
        case Self.probation: store.drop(node, &probationQueue)
        default: store.drop(node, &protectedQueue)
        }
    }

    private mutating func insert(_ key: UInt64, size: Int, onEviction: (UInt64) -> Void) -> Admission {
        let weight = capacity.weight(ofSize: size)
        guard weight <= capacity.limit else { return .rejectedTooLarge }
        let node = store.allocate(key: key, size: size, queue: Self.window)
        store.pushHead(node, &windowQueue)
        sketch.ensureCapacity(count)
        let candidate = evictFromWindow()
        var admitted = true
        evictFromMain(candidate: candidate) { evicted in
            if evicted == key { admitted = false } else { onEviction(evicted) }
        }
        return admitted ? .admitted : .rejectedByPolicy
    }

    /// Moves the window's overflow to probation's head; returns the first (oldest) moved entry, or `-1`.
    private mutating func evictFromWindow() -> Int32 {
        var first: Int32 = -1
        while windowQueue.weight(countsObjects: capacity.countsObjects) > windowLimit {
            let moved = windowQueue.tail
            store.unlink(moved, &windowQueue)
            store[moved].queue = Self.probation
            store.pushHead(moved, &probationQueue)
            if first < 0 { first = moved }
        }
        return first
    }

    /// Caffeine's `evictFromMain`: candidates walk from the oldest moved entry toward probation's head,
    /// victims from probation's tail the same way; protected and the window supply victims when probation runs dry.
    private mutating func evictFromMain(candidate first: Int32, _ evict: (UInt64) -> Void) {
        var candidate = first
        var candidateQueue = Self.probation
        var victim = probationQueue.tail
        var victimQueue = Self.probation
        let limit = capacity.limit
        while usedCapacity > limit {
            if candidate < 0 && candidateQueue == Self.probation {
                candidate = windowQueue.tail
                candidateQueue = Self.window
            }
            if candidate < 0 && victim < 0 {
                if victimQueue == Self.probation {
                    victim = protectedQueue.tail
                    victimQueue = Self.protected
                    continue
                } else if victimQueue == Self.protected {
                    victim = windowQueue.tail
                    victimQueue = Self.window
                    continue
                }
                break
            }
            if victim < 0 {
                let evicted = candidate
                candidate = store[candidate].prev
                evict(drop(evicted))
                continue
            }
            if candidate < 0 {
                let evicted = victim
                victim = store[victim].prev
                evict(drop(evicted))
                continue
            }
            if candidate == victim {
                victim = store[victim].prev
                evict(drop(candidate))
                candidate = -1
                continue
            }
            if store.weight(candidate) > limit {
                let evicted = candidate
                candidate = store[candidate].prev
                evict(drop(evicted))
                continue
            }
            if admits(candidate: store[candidate].key, over: store[victim].key) {
                let evicted = victim
                victim = store[victim].prev
                candidate = store[candidate].prev
                if candidate == evicted { candidate = victim }
                evict(drop(evicted))
            } else {
                let evicted = candidate
                candidate = store[candidate].prev
                evict(drop(evicted))
            }
        }
    }

    private mutating func admits(candidate: UInt64, over victim: UInt64) -> Bool {
        let victimFrequency = sketch.frequency(victim)
        let candidateFrequency = sketch.frequency(candidate)
        if candidateFrequency > victimFrequency { return true }
        if candidateFrequency >= Self.warmCandidateFrequency {
            return random.next() & 127 == 0
        }
        return false
    }
}
