/// S3-FIFO (Yang et al., SOSP'23; hitrate.md §1.7): a small FIFO `S`, a main FIFO `M` and a key-only ghost
/// FIFO `G`, with a 2-bit frequency per resident object.
///
/// - Hit: the frequency rises (capped at 3); nothing moves. A ghost hit is a miss.
/// - Miss: make room, then insert at the head of `M` if the key is in `G` (removing it there), else of `S`.
/// - Make room: evict from `S` while it holds at least its share, else from `M`. Evicting from `S` moves
///   objects seen at least ``Configuration/moveToMainThreshold`` times to `M` (running `M`'s eviction when
///   `M` is over its share) until one object leaves `S` for `G`. Evicting from `M` reinserts objects with
///   a non-zero frequency, decremented, until one with frequency 0 is evicted.
public struct S3FIFOPolicy: EvictionPolicy {
    /// S3-FIFO's tunables.
    public struct Configuration: Sendable, Hashable {
        /// The small queue's share of the capacity (0.1 in the paper).
        public var smallQueueShare: Double
        /// Hits an object needs while in `S` to move to `M` on leaving it, 1 to 3. The paper describes 1;
        /// libCacheSim's default is 2.
        public var moveToMainThreshold: Int
        /// The ghost queue's size as a share of the capacity (libCacheSim: 0.9, as many entries as `M`).
        public var ghostShare: Double
        /// What happens to an object heavier than the small queue (byte mode): `true` inserts it straight
        /// into `M` (a CDN keeps large objects); `false` refuses it unless it is a ghost hit, as libCacheSim does.
        public var admitsLargeObjectsToMain: Bool

        public init(
            smallQueueShare: Double = 0.1,
            moveToMainThreshold: Int = 1,
            ghostShare: Double = 0.9,
            admitsLargeObjectsToMain: Bool = true
        ) {
            self.smallQueueShare = smallQueueShare
            self.moveToMainThreshold = moveToMainThreshold
            self.ghostShare = ghostShare
            self.admitsLargeObjectsToMain = admitsLargeObjectsToMain
        }

        /// The settings libCacheSim's reference numbers were measured with: threshold 2, large objects refused.
        public static let libCacheSim = Configuration(moveToMainThreshold: 2, admitsLargeObjectsToMain: false)
    }

    private static let small: UInt8 = 1
    private static let main: UInt8 = 2
    private static let ghost: UInt8 = 3

    public let capacity: EvictionCapacity
    public let configuration: Configuration
    private let smallLimit: Int
    private let mainLimit: Int
    private let ghostLimit: Int
    private let threshold: UInt8
    private var store: NodeStore
    private var smallQueue = NodeList()
    private var mainQueue = NodeList()
    private var ghostQueue = NodeList()

    public init(capacity: EvictionCapacity, configuration: Configuration = Configuration()) {
        self.capacity = capacity
        self.configuration = configuration
        let limit = capacity.limit
        let smallShare = min(max(configuration.smallQueueShare, 0), 1)
        smallLimit = Int(Double(limit) * smallShare)
        mainLimit = limit - smallLimit
        ghostLimit = Int(Double(limit) * max(configuration.ghostShare, 0))
        threshold = UInt8(min(max(configuration.moveToMainThreshold, 1), 3))
        store = NodeStore(countsObjects: capacity.countsObjects, expectedEntries: capacity.expectedEntries)
    }

    public var usedCapacity: Int {
        smallQueue.weight(countsObjects: capacity.countsObjects) + mainQueue.weight(countsObjects: capacity.countsObjects)
    }
    public var usedBytes: Int { smallQueue.bytes + mainQueue.bytes }
    public var count: Int { smallQueue.count + mainQueue.count }

    public func contains(_ key: UInt64) -> Bool {
        let node = store.find(key)
        return node >= 0 && store[node].queue != Self.ghost
    }

    public mutating func lookup(_ key: UInt64) -> Bool {
        let node = store.find(key)
        guard node >= 0, store[node].queue != Self.ghost else { return false }
        if store[node].bits < 3 { store[node].bits &+= 1 }
        return true
    }

    public mutating func admit(_ key: UInt64, size: Int, onEviction: (UInt64) -> Void) -> Admission {
        removeResident(key)
        return insert(key, size: max(0, size), onEviction: onEviction)
    }

    @discardableResult
    public mutating func remove(_ key: UInt64) -> Bool {
        let node = store.find(key)
        guard node >= 0 else { return false }
        if store[node].queue == Self.ghost {
            _ = store.drop(node, &ghostQueue)
            return false
        }
        removeResident(key)
        return true
    }

    public mutating func access(_ key: UInt64, size: Int) -> Bool {
        if lookup(key) { return true }
        _ = insert(key, size: max(0, size)) { _ in }
        return false
    }

    private mutating func removeResident(_ key: UInt64) {
        let node = store.find(key)
        guard node >= 0 else { return }
        switch store[node].queue {
        case Self.small: _ = store.drop(node, &smallQueue)
        case Self.main: _ = store.drop(node, &mainQueue)
        default: break
        }
    }

    private mutating func insert(_ key: UInt64, size: Int, onEviction: (UInt64) -> Void) -> Admission {
        let weight = capacity.weight(ofSize: size)
        let limit = capacity.limit
        guard weight <= limit else { return .rejectedTooLarge }
        let wasGhost = store.find(key) >= 0
        let isLarge = weight > smallLimit
        if isLarge && !wasGhost && !configuration.admitsLargeObjectsToMain { return .rejectedByPolicy }
        while usedCapacity + weight > limit {
            let smallIsFull = smallQueue.weight(countsObjects: capacity.countsObjects) >= smallLimit
            if (smallIsFull && !smallQueue.isEmpty) || mainQueue.isEmpty {
                evictSmall(onEviction)
            } else {
                evictMain(onEviction)
            }
        }
        // The ghost is checked after making room, as in the paper's INSERT: trimming G may have dropped it.
        let ghostNode = store.find(key)
        if ghostNode >= 0 {
            store.unlink(ghostNode, &ghostQueue)
            store.resize(ghostNode, to: size)
            store[ghostNode].queue = Self.main
            store[ghostNode].bits = 0
            store.pushHead(ghostNode, &mainQueue)
        } else if isLarge {
            store.pushHead(store.allocate(key: key, size: size, queue: Self.main), &mainQueue)
        } else {
            store.pushHead(store.allocate(key: key, size: size, queue: Self.small), &smallQueue)
        }
        return .admitted
    }

    /// Runs until one object has left `S` for `G`, or `S` is empty.
    private mutating func evictSmall(_ onEviction: (UInt64) -> Void) {
        while !smallQueue.isEmpty {
            let tail = smallQueue.tail
            store.unlink(tail, &smallQueue)
            if store[tail].bits >= threshold {
                store[tail].bits = 0
                store[tail].queue = Self.main
                store.pushHead(tail, &mainQueue)
                if mainQueue.weight(countsObjects: capacity.countsObjects) > mainLimit {
                    evictMain(onEviction)
                }
            } else {
                onEviction(store[tail].key)
                store[tail].queue = Self.ghost
                store[tail].bits = 0
                store.pushHead(tail, &ghostQueue)
                while ghostQueue.weight(countsObjects: capacity.countsObjects) > ghostLimit {
                    _ = store.drop(ghostQueue.tail, &ghostQueue)
                }
                return
            }
        }
    }

    /// Runs until one object has been evicted from `M`, or `M` is empty.
    private mutating func evictMain(_ onEviction: (UInt64) -> Void) {
        while !mainQueue.isEmpty {
            let tail = mainQueue.tail
            if store[tail].bits > 0 {
                store[tail].bits &-= 1
                store.moveToHead(tail, &mainQueue)
            } else {
                onEviction(store.drop(tail, &mainQueue))
                return
            }
        }
    }
}
