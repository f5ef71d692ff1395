/// The most requested objects, by the space-saving algorithm (Metwally, Agrawal, El Abbadi, ICDT 2005).
///
/// Holds at most `capacity` objects in a min-heap by request count. A request for a held object counts it;
/// one for another object, when full, takes the place of the least requested and inherits its count plus one,
/// remembering that count as its possible overestimate. Any object requested more than `requests / capacity`
/// times is held, and a held object's true count is within `overestimate` below the one shown.
/// Recording is a dictionary probe and a sift through log₂(capacity) levels; nothing is allocated once full.
struct HotObjects: Sendable {
    struct Entry: Sendable {
        var key: UInt64
        var distribution: String
        /// The path, as a slice of the request target the event carried (no copy).
        var path: Substring
        var requests: Int
        /// `Hit` results since this object took its place.
        var hits: Int
        var overestimate: Int
    }

    let capacity: Int
    private(set) var heap: ContiguousArray<Entry> = []
    private var positions: [UInt64: Int] = [:]

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        heap.reserveCapacity(self.capacity)
        positions.reserveCapacity(self.capacity * 2)
    }

    /// The key of an event's object: its distribution and path (the query is left out), hashed with FNV-1a.
    @inline(__always)
    static func key(distribution: String, path: Substring) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in distribution.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        hash = (hash ^ 0x1F) &* 0x0000_0100_0000_01B3
        for byte in path.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    /// The path part of a request target (before `?`), without copying.
    @inline(__always)
    static func path(of uri: String) -> Substring {
        if let question = uri.utf8.firstIndex(of: UInt8(ascii: "?")) { return uri[..<question] }
        return uri[...]
    }

    mutating func record(key: UInt64, distribution: String, path: Substring, hit: Bool) {
        if let position = positions[key] {
            heap[position].requests &+= 1
            if hit { heap[position].hits &+= 1 }
            siftDown(from: position)
            return
        }
        if heap.count < capacity {
            heap.append(Entry(key: key, distribution: distribution, path: path, requests: 1, hits: hit ? 1 : 0, overestimate: 0))
            positions[key] = heap.count - 1
            siftUp(from: heap.count - 1)
            return
        }
        let evicted = heap[0]
        positions[evicted.key] = nil
        heap[0] = Entry(
            key: key,
            distribution: distribution,
            path: path,
            requests: evicted.requests + 1,
            hits: hit ? 1 : 0,
            overestimate: evicted.requests
        )
        positions[key] = 0
        siftDown(from: 0)
    }

    private mutating func siftUp(from start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].requests < heap[parent].requests else { return }
            swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(from start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            let right = left + 1
            let smaller = right < heap.count && heap[right].requests < heap[left].requests ? right : left
            guard heap[smaller].requests < heap[parent].requests else { return }
            swapAt(parent, smaller)
            parent = smaller
        }
    }

    private mutating func swapAt(_ first: Int, _ second: Int) {
        heap.swapAt(first, second)
        positions[heap[first].key] = first
        positions[heap[second].key] = second
    }

    /// Merges the summaries of several stripes: counts of the same object add up; the `limit` most requested
    /// come first (ties by path, so the order is stable).
    static func merged(_ entries: [Entry], limit: Int) -> [HotObject] {
        var byKey: [UInt64: Entry] = [:]
        for entry in entries {
            if var known = byKey[entry.key] {
                known.requests += entry.requests
                known.hits += entry.hits
                known.overestimate += entry.overestimate
                byKey[entry.key] = known
            } else {
                byKey[entry.key] = entry
            }
        }
        let ranked = byKey.values.sorted {
            if $0.requests != $1.requests { return $0.requests > $1.requests }
            if $0.distribution != $1.distribution { return $0.distribution < $1.distribution }
            return $0.path < $1.path
        }
        return ranked.prefix(limit).map {
            HotObject(distribution: $0.distribution, path: String($0.path), requests: $0.requests, hits: $0.hits, overestimate: $0.overestimate)
        }
    }
}
