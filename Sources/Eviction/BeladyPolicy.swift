/// Belady's MIN (hitrate.md §1.10): evicts the resident object whose next request lies furthest in the future.
///
/// It needs the future, so it serves replays only: build it with the whole key sequence, then feed the
/// requests in that order. Each ``access(_:size:)`` or ``lookup(_:)`` consumes the next request of the
/// sequence; ``admit(_:size:onEviction:)`` uses the next use of the request just consumed. A key that does not
/// match the sequence (or a request past its end) is taken as never requested again, so a misuse gives
/// worse numbers, not a crash.
///
/// With unit sizes (object mode) the result is the optimal miss count: the "OPT" line of a miss-ratio curve.
/// With variable sizes optimal is NP-hard and this furthest-next-use rule is only a heuristic.
public struct BeladyPolicy: EvictionPolicy {
    private struct HeapEntry: Sendable {
        var nextUse: UInt32
        var node: Int32
    }

    /// Marks "never requested again".
    private static let never = UInt32.max

    public let capacity: EvictionCapacity
    private let future: ContiguousArray<UInt64>
    private var nextUse: ContiguousArray<UInt32>
    private var position = 0
    private var currentNextUse = BeladyPolicy.never
    private var store: NodeStore
    private var resident = NodeList()
    /// A max-heap of resident nodes by next use; `Node.aux` holds each node's heap position.
    private var heap: ContiguousArray<HeapEntry> = []

    /// - Parameter future: every request's key in replay order (up to 4,294,967,294 requests; later ones count
    ///   as never requested again). The array is shared, not copied.
    public init(capacity: EvictionCapacity, future: ContiguousArray<UInt64>) {
        self.capacity = capacity
        self.future = future
        store = NodeStore(countsObjects: capacity.countsObjects, expectedEntries: capacity.expectedEntries)
        nextUse = Self.nextUses(of: future)
        heap.reserveCapacity(min(capacity.expectedEntries, 1 << 24))
    }

    /// One backward pass with a key index: for each request, the index of the next request for the same key.
    private static func nextUses(of future: ContiguousArray<UInt64>) -> ContiguousArray<UInt32> {
        let usable = min(future.count, Int(never))
        var result = ContiguousArray<UInt32>(repeating: never, count: usable)
        var seen = KeyIndex(minimumCapacity: 1024)
        var lastSeen = ContiguousArray<UInt32>()
        var request = usable - 1
        while request >= 0 {
            let key = future[request]
            let slot = seen.find(key)
            if slot >= 0 {
                result[request] = lastSeen[Int(slot)]
                lastSeen[Int(slot)] = UInt32(request)
            } else {
                seen.insert(key, node: Int32(truncatingIfNeeded: lastSeen.count))
                lastSeen.append(UInt32(request))
            }
            request -= 1
        }
        return result
    }

    public var usedCapacity: Int { resident.weight(countsObjects: capacity.countsObjects) }
    public var usedBytes: Int { resident.bytes }
    public var count: Int { resident.count }

    public func contains(_ key: UInt64) -> Bool { store.find(key) >= 0 }

    public mutating func lookup(_ key: UInt64) -> Bool {
        currentNextUse = consume(key)
        let node = store.find(key)
        guard node >= 0 else { return false }
        let slot = Int(store[node].aux)
        heap[slot].nextUse = currentNextUse
        siftUp(slot)
        siftDown(Int(store[node].aux))
        return true
    }

    public mutating func admit(_ key: UInt64, size: Int, onEviction: (UInt64) -> Void) -> Admission {
        remove(key)
        let consumed = position - 1
        let expected = consumed >= 0 && consumed < future.count && future[consumed] == key
        return insert(key, size: max(0, size), nextUse: expected ? currentNextUse : Self.never, onEviction: onEviction)
    }

    @discardableResult
    public mutating func remove(_ key: UInt64) -> Bool {
        let node = store.find(key)
        guard node >= 0 else { return false }
        removeFromHeap(Int(store[node].aux))
        _ = store.drop(node, &resident)
        return true
    }

    public mutating func access(_ key: UInt64, size: Int) -> Bool {
        if lookup(key) { return true }
        _ = insert(key, size: max(0, size), nextUse: currentNextUse) { _ in }
        return false
    }

    /// Advances through the future; returns the next use of this request.
    private mutating func consume(_ key: UInt64) -> UInt32 {
        let request = position
        position += 1
        guard request < nextUse.count, future[request] == key else { return Self.never }
        return nextUse[request]
    }

    private mutating func insert(_ key: UInt64, size: Int, nextUse: UInt32, onEviction: (UInt64) -> Void) -> Admission {
        let weight = capacity.weight(ofSize: size)
        let limit = capacity.limit
        guard weight <= limit else { return .rejectedTooLarge }
        while usedCapacity + weight > limit {
            let victim = heap[0].node
            removeFromHeap(0)
            onEviction(store.drop(victim, &resident))
        }
        let node = store.allocate(key: key, size: size, queue: 0)
        store.pushHead(node, &resident)
        store[node].aux = Int32(truncatingIfNeeded: heap.count)
        heap.append(HeapEntry(nextUse: nextUse, node: node))
        siftUp(heap.count - 1)
        return .admitted
    }

    private mutating func removeFromHeap(_ slot: Int) {
        let last = heap.count - 1
        if slot != last {
            heap.swapAt(slot, last)
            store[heap[slot].node].aux = Int32(truncatingIfNeeded: slot)
        }
        heap.removeLast()
        if slot < heap.count {
            let moved = heap[slot].node
            siftUp(slot)
            siftDown(Int(store[moved].aux))
        }
    }

    private mutating func siftUp(_ start: Int) {
        var slot = start
        let entry = heap[slot]
        while slot > 0 {
            let parent = (slot - 1) / 2
            guard heap[parent].nextUse < entry.nextUse else { break }
            heap[slot] = heap[parent]
            store[heap[slot].node].aux = Int32(truncatingIfNeeded: slot)
            slot = parent
        }
        heap[slot] = entry
        store[entry.node].aux = Int32(truncatingIfNeeded: slot)
    }

    private mutating func siftDown(_ start: Int) {
        var slot = start
        let entry = heap[slot]
        let size = heap.count
        while true {
            let left = 2 * slot + 1
            guard left < size else { break }
            let right = left + 1
            let child = right < size && heap[right].nextUse > heap[left].nextUse ? right : left
            guard heap[child].nextUse > entry.nextUse else { break }
            heap[slot] = heap[child]
            store[heap[slot].node].aux = Int32(truncatingIfNeeded: slot)
            slot = child
        }
        heap[slot] = entry
        store[entry.node].aux = Int32(truncatingIfNeeded: slot)
    }
}
