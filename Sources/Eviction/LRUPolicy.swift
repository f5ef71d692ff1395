/// Least recently used: a hit moves the object to the head, a miss inserts at the head,
/// eviction takes the tail (hitrate.md §1.2).
public struct LRUPolicy: EvictionPolicy {
    public let capacity: EvictionCapacity
    private var store: NodeStore
    private var queue = NodeList()

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
        store.moveToHead(node, &queue)
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
            onEviction(store.drop(queue.tail, &queue))
        }
        store.pushHead(store.allocate(key: key, size: size, queue: 0), &queue)
        return .admitted
    }
}
