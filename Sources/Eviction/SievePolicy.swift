/// SIEVE (Zhang et al., NSDI'24; hitrate.md §1.8): one FIFO list, a visited bit per object and a hand.
///
/// A hit sets the visited bit and moves nothing. Eviction starts at the hand (or the tail), clears visited
/// bits while moving toward the head (wrapping to the tail), evicts the first unvisited object and leaves
/// the hand at its newer neighbour. Retained objects never move, unlike CLOCK.
public struct SievePolicy: EvictionPolicy {
    public let capacity: EvictionCapacity
    private var store: NodeStore
    private var queue = NodeList()
    private var hand: Int32 = -1

    public init(capacity: EvictionCapacity) {
        self.capacity = capacity
        store = NodeStore(countsObjects: capacity.countsObjects, expectedEntries: capacity.expectedEntries)
    }

    public var usedCapacity: Int { queue.weight(countsObjects: capacity.countsObjects) }
    public var usedBytes: Int { queue.bytes }
    public var count: Int { queue.count }

    public func contains(_ key: UInt64) -> Bool { store.find(key) >= 0 }

    public mutating func lookup(_ key: UInt64) -> Bool {
        let node = store.find(key)
        guard node >= 0 else { return false }
        store[node].bits = 1
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
        if hand == node { hand = store[node].prev }
        _ = store.drop(node, &queue)
        return true
    }

    public mutating func access(_ key: UInt64, size: Int) -> Bool {
        if lookup(key) { return true }
        _ = insert(key, size: max(0, size)) { _ in }
        return false
    }

    private mutating func insert(_ key: UInt64, size: Int, onEviction: (UInt64) -> Void) -> Admission {
        let weight = capacity.weight(ofSize: size)
        let limit = capacity.limit
        guard weight <= limit else { return .rejectedTooLarge }
        while usedCapacity + weight > limit {
            onEviction(evict())
        }
        store.pushHead(store.allocate(key: key, size: size, queue: 0), &queue)
        return .admitted
    }

    private mutating func evict() -> UInt64 {
        var node = hand >= 0 ? hand : queue.tail
        while store[node].bits != 0 {
            store[node].bits = 0
            let newer = store[node].prev
            node = newer >= 0 ? newer : queue.tail
        }
        hand = store[node].prev
        return store.drop(node, &queue)
    }
}
