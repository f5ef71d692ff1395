/// Adaptive Replacement Cache (Megiddo & Modha, FAST'03, Fig. 4; hitrate.md §1.5).
///
/// `T1` holds resident objects seen once recently, `T2` those seen at least twice; `B1` and `B2` are
/// key-only ghost histories of objects evicted from `T1` and `T2`. The target size of `T1` is `p`, adapted
/// on ghost hits. In object mode these are exactly the paper's steps. In byte mode the lists are measured
/// in bytes and `p` moves by the object's size per step: "ARC (byte-generalised)", as libCacheSim does.
public struct ARCPolicy: EvictionPolicy {
    private static let t1: UInt8 = 1
    private static let t2: UInt8 = 2
    private static let b1: UInt8 = 3
    private static let b2: UInt8 = 4

    public let capacity: EvictionCapacity
    private var store: NodeStore
    private var recent = NodeList()
    private var frequent = NodeList()
    private var recentGhosts = NodeList()
    private var frequentGhosts = NodeList()
    /// The target weight of `T1`.
    public private(set) var target: Double = 0

    public init(capacity: EvictionCapacity) {
        self.capacity = capacity
        store = NodeStore(countsObjects: capacity.countsObjects, expectedEntries: capacity.expectedEntries)
    }

    public var usedCapacity: Int { weight(recent) + weight(frequent) }
    public var usedBytes: Int { recent.bytes + frequent.bytes }
    public var count: Int { recent.count + frequent.count }

    public func contains(_ key: UInt64) -> Bool {
        let node = store.find(key)
        return node >= 0 && store[node].queue <= Self.t2
    }

    public mutating func lookup(_ key: UInt64) -> Bool {
        let node = store.find(key)
        guard node >= 0 else { return false }
        switch store[node].queue {
        case Self.t1:
            store.unlink(node, &recent)
            store[node].queue = Self.t2
            store.pushHead(node, &frequent)
            return true
        case Self.t2:
            store.moveToHead(node, &frequent)
            return true
        default:
            return false
        }
    }

    public mutating func admit(_ key: UInt64, size: Int, onEviction: (UInt64) -> Void) -> Admission {
        removeResident(key)
        return insert(key, size: max(0, size), onEviction: onEviction)
    }

    @discardableResult
    public mutating func remove(_ key: UInt64) -> Bool {
        let node = store.find(key)
        guard node >= 0 else { return false }
        switch store[node].queue {
        case Self.b1:
            _ = store.drop(node, &recentGhosts)
            return false
        case Self.b2:
            _ = store.drop(node, &frequentGhosts)
            return false
        default:
            removeResident(key)
            return true
        }
    }

    public mutating func access(_ key: UInt64, size: Int) -> Bool {
        if lookup(key) { return true }
        _ = insert(key, size: max(0, size)) { _ in }
        return false
    }

    @inline(__always)
    private func weight(_ list: NodeList) -> Int { list.weight(countsObjects: capacity.countsObjects) }

    private mutating func removeResident(_ key: UInt64) {
        let node = store.find(key)
        guard node >= 0 else { return }
        switch store[node].queue {
        case Self.t1: _ = store.drop(node, &recent)
        case Self.t2: _ = store.drop(node, &frequent)
        default: break
        }
    }

    private mutating func insert(_ key: UInt64, size: Int, onEviction: (UInt64) -> Void) -> Admission {
        let objectWeight = capacity.weight(ofSize: size)
        let limit = capacity.limit
        guard objectWeight <= limit else { return .rejectedTooLarge }
        let node = store.find(key)
        if node >= 0 && store[node].queue == Self.b1 {
            // Case II: a ghost hit in B1 favours recency.
            let delta = max(Double(weight(frequentGhosts)) / Double(weight(recentGhosts)), 1) * Double(objectWeight)
            target = min(Double(limit), target + delta)
            store.unlink(node, &recentGhosts)
            makeRoom(for: objectWeight, ghostHitInB2: false, onEviction)
            promoteGhost(node, size: size)
        } else if node >= 0 && store[node].queue == Self.b2 {
            // Case III: a ghost hit in B2 favours frequency.
            let delta = max(Double(weight(recentGhosts)) / Double(weight(frequentGhosts)), 1) * Double(objectWeight)
            target = max(0, target - delta)
            store.unlink(node, &frequentGhosts)
            makeRoom(for: objectWeight, ghostHitInB2: true, onEviction)
            promoteGhost(node, size: size)
        } else {
            insertNew(key, size: size, weight: objectWeight, onEviction)
        }
        return .admitted
    }

    /// Case IV: `x` is in no list.
    private mutating func insertNew(_ key: UInt64, size: Int, weight objectWeight: Int, _ onEviction: (UInt64) -> Void) {
        let limit = capacity.limit
        if weight(recent) + weight(recentGhosts) + objectWeight > limit {
            // Case A: L1 = T1 ∪ B1 is full.
            if !recentGhosts.isEmpty {
                while weight(recent) + weight(recentGhosts) + objectWeight > limit && !recentGhosts.isEmpty {
                    _ = store.drop(recentGhosts.tail, &recentGhosts)
                }
            } else {
                while usedCapacity + objectWeight > limit && !recent.isEmpty {
                    onEviction(store.drop(recent.tail, &recent))
                }
            }
        } else {
            // Case B: L1 has room; trim B2 when the whole directory is full.
            let directory = weight(recent) + weight(frequent) + weight(recentGhosts) + weight(frequentGhosts)
            if directory + objectWeight > 2 * limit {
                var total = directory
                while total + objectWeight > 2 * limit && !frequentGhosts.isEmpty {
                    total -= store.weight(frequentGhosts.tail)
                    _ = store.drop(frequentGhosts.tail, &frequentGhosts)
                }
            }
        }
        makeRoom(for: objectWeight, ghostHitInB2: false, onEviction)
        store.pushHead(store.allocate(key: key, size: size, queue: Self.t1), &recent)
    }

    private mutating func promoteGhost(_ node: Int32, size: Int) {
        store.resize(node, to: size)
        store[node].queue = Self.t2
        store.pushHead(node, &frequent)
    }

    private mutating func makeRoom(for objectWeight: Int, ghostHitInB2: Bool, _ onEviction: (UInt64) -> Void) {
        while usedCapacity + objectWeight > capacity.limit {
            replace(ghostHitInB2: ghostHitInB2, onEviction)
        }
    }

    /// REPLACE: demote T1's LRU to B1 when T1 is over its target (or at it, on a B2 ghost hit), else T2's LRU to B2.
    private mutating func replace(ghostHitInB2: Bool, _ onEviction: (UInt64) -> Void) {
        let recentWeight = Double(weight(recent))
        let fromRecent =
            !recent.isEmpty && ((ghostHitInB2 && recentWeight == target) || recentWeight > target || frequent.isEmpty)
        if fromRecent {
            let victim = recent.tail
            onEviction(store[victim].key)
            store.unlink(victim, &recent)
            store[victim].queue = Self.b1
            store.pushHead(victim, &recentGhosts)
        } else {
            let victim = frequent.tail
            onEviction(store[victim].key)
            store.unlink(victim, &frequent)
            store[victim].queue = Self.b2
            store.pushHead(victim, &frequentGhosts)
        }
    }
}
