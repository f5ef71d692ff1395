/// CLOCK, also called FIFO-Reinsertion or second chance (hitrate.md §1.3).
///
/// A hit raises the object's counter (1-bit: sets the reference bit). Eviction looks at the tail:
/// an object with a non-zero counter has it decremented and is reinserted at the head; the first
/// object found at zero is evicted.
public struct ClockPolicy: EvictionPolicy {
    public let capacity: EvictionCapacity
    /// The counter width in bits (1 is classic CLOCK).
    public let counterBits: Int
    private let maximumCount: UInt8
    private var store: NodeStore
    private var queue = NodeList()

    /// - Parameter counterBits: 1 for the classic reference bit; up to 8 for k-bit CLOCK.
    public init(capacity: EvictionCapacity, counterBits: Int = 1) {
        self.capacity = capacity
        self.counterBits = min(max(counterBits, 1), 8)
        maximumCount = UInt8(truncatingIfNeeded: (1 << self.counterBits) - 1)
        store = NodeStore(countsObjects: capacity.countsObjects, expectedEntries: capacity.expectedEntries)
    }

    public var usedCapacity: Int { queue.weight(countsObjects: capacity.countsObjects) }
    public var usedBytes: Int { queue.bytes }
    public var count: Int { queue.count }

    public func contains(_ key: UInt64) -> Bool { store.find(key) >= 0 }

    public mutating func lookup(_ key: UInt64) -> Bool {
        let node = store.find(key)
        guard node >= 0 else { return false }
        if store[node].bits < maximumCount { store[node].bits &+= 1 }
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
            let tail = queue.tail
            if store[tail].bits > 0 {
                store[tail].bits &-= 1
                store.moveToHead(tail, &queue)
            } else {
                onEviction(store.drop(tail, &queue))
            }
        }
        store.pushHead(store.allocate(key: key, size: size, queue: 0), &queue)
        return .admitted
    }
}
