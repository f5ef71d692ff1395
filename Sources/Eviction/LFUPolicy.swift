/// Least frequently used, in O(1) with frequency buckets (hitrate.md §1.4).
///
/// Each resident object counts its hits since admission; eviction takes the lowest count, breaking ties
/// first in, first out (the object that reached that count earliest goes first). The count restarts at
/// 1 when an object is admitted again. Plain LFU never ages, so on shifting popularity it keeps stale objects.
public struct LFUPolicy: EvictionPolicy {
    /// All resident objects with the same count, in the order they reached it.
    private struct Bucket: Sendable {
        var frequency: Int
        var members: NodeList
        /// Neighbouring buckets in ascending frequency, `-1` at the ends (`next` links the free list too).
        var lower: Int32
        var higher: Int32
    }

    public let capacity: EvictionCapacity
    private var store: NodeStore
    private var buckets: ContiguousArray<Bucket> = []
    private var freeBucket: Int32 = -1
    /// The bucket with the lowest frequency.
    private var lowest: Int32 = -1
    public private(set) var count = 0
    public private(set) var usedBytes = 0

    public init(capacity: EvictionCapacity) {
        self.capacity = capacity
        store = NodeStore(countsObjects: capacity.countsObjects, expectedEntries: capacity.expectedEntries)
        buckets.reserveCapacity(64)
    }

    public var usedCapacity: Int { capacity.countsObjects ? count : usedBytes }

    public func contains(_ key: UInt64) -> Bool { store.find(key) >= 0 }

    public mutating func lookup(_ key: UInt64) -> Bool {
        let node = store.find(key)
        guard node >= 0 else { return false }
        let bucket = store[node].aux
        let frequency = buckets[Int(bucket)].frequency
        var target = buckets[Int(bucket)].higher
        if target < 0 || buckets[Int(target)].frequency != frequency + 1 {
            target = makeBucket(frequency: frequency + 1, above: bucket)
        }
        store.unlink(node, &buckets[Int(bucket)].members)
        store.pushHead(node, &buckets[Int(target)].members)
        store[node].aux = target
        if buckets[Int(bucket)].members.isEmpty { retire(bucket) }
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

    private mutating func insert(_ key: UInt64, size: Int, onEviction: (UInt64) -> Void) -> Admission {
        let weight = capacity.weight(ofSize: size)
        let limit = capacity.limit
        guard weight <= limit else { return .rejectedTooLarge }
        while usedCapacity + weight > limit {
            onEviction(drop(buckets[Int(lowest)].members.tail))
        }
        var bucket = lowest
        if bucket < 0 || buckets[Int(bucket)].frequency != 1 {
            bucket = makeBucket(frequency: 1, above: -1)
        }
        let node = store.allocate(key: key, size: size, queue: 0)
        store[node].aux = bucket
        store.pushHead(node, &buckets[Int(bucket)].members)
        count += 1
        usedBytes += size
        return .admitted
    }

    private mutating func drop(_ node: Int32) -> UInt64 {
        let bucket = store[node].aux
        count -= 1
        usedBytes -= store[node].size
        let key = store.drop(node, &buckets[Int(bucket)].members)
        if buckets[Int(bucket)].members.isEmpty { retire(bucket) }
        return key
    }

    /// A new empty bucket linked just above `lower` (`-1`: at the bottom).
    private mutating func makeBucket(frequency: Int, above lower: Int32) -> Int32 {
        let higher = lower >= 0 ? buckets[Int(lower)].higher : lowest
        let fresh = Bucket(frequency: frequency, members: NodeList(), lower: lower, higher: higher)
        let bucket: Int32
        if freeBucket >= 0 {
            bucket = freeBucket
            freeBucket = buckets[Int(bucket)].higher
            buckets[Int(bucket)] = fresh
        } else {
            bucket = Int32(truncatingIfNeeded: buckets.count)
            buckets.append(fresh)
        }
        if lower >= 0 { buckets[Int(lower)].higher = bucket } else { lowest = bucket }
        if higher >= 0 { buckets[Int(higher)].lower = bucket }
        return bucket
    }

    private mutating func retire(_ bucket: Int32) {
        let lower = buckets[Int(bucket)].lower
        let higher = buckets[Int(bucket)].higher
        if lower >= 0 { buckets[Int(lower)].higher = higher } else { lowest = higher }
        if higher >= 0 { buckets[Int(higher)].lower = lower }
        buckets[Int(bucket)].higher = freeBucket
        freeBucket = bucket
    }
}
