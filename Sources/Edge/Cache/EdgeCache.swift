import NIOConcurrencyHelpers

/// One POP's cache: objects by key, bounded in bytes. Shared by the POP's event loops behind one short lock;
/// a lookup holds it for a dictionary probe and a policy touch, nothing more.
public final class EdgeCache: Sendable {
    public let capacity: Int
    private let state: NIOLockedValueBox<State>

    public init(capacity: Int) {
        self.capacity = capacity
        self.state = NIOLockedValueBox(State())
    }

    struct State {
        var objects: [CacheKey: Entry] = [:]
        var usedBytes = 0
        /// Insertion order for eviction; entries whose generation no longer matches were replaced or removed.
        var queue: [(key: CacheKey, generation: Int)] = []
        var queueHead = 0
        var nextGeneration = 0
    }

    struct Entry {
        var object: CachedObject
        var size: Int
        var generation: Int
    }

    public func lookup(_ key: CacheKey) -> CachedObject? {
        state.withLockedValue { $0.objects[key]?.object }
    }

    /// Stores or replaces an object. One larger than the whole capacity is not admitted (it is still served).
    public func store(_ object: CachedObject) {
        let size = object.size
        guard size <= capacity else { return }
        state.withLockedValue { state in
            if let old = state.objects.removeValue(forKey: object.key) { state.usedBytes -= old.size }
            state.nextGeneration += 1
            state.objects[object.key] = Entry(object: object, size: size, generation: state.nextGeneration)
            state.queue.append((object.key, state.nextGeneration))
            state.usedBytes += size
            while state.usedBytes > capacity, state.queueHead < state.queue.count {
                let victim = state.queue[state.queueHead]
                state.queueHead += 1
                if let entry = state.objects[victim.key], entry.generation == victim.generation {
                    state.objects[victim.key] = nil
                    state.usedBytes -= entry.size
                }
            }
            if state.queueHead > 1024, state.queueHead * 2 > state.queue.count {
                state.queue.removeFirst(state.queueHead)
                state.queueHead = 0
            }
        }
    }

    /// Removes every object whose key matches, whatever its variant; returns how many went.
    @discardableResult
    public func remove(where matches: (CacheKey) -> Bool) -> Int {
        state.withLockedValue { state in
            let doomed = state.objects.keys.filter(matches)
            for key in doomed {
                if let entry = state.objects.removeValue(forKey: key) { state.usedBytes -= entry.size }
            }
            return doomed.count
        }
    }

    public var usedBytes: Int { state.withLockedValue { $0.usedBytes } }
    public var count: Int { state.withLockedValue { $0.objects.count } }
}
