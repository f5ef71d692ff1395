import Eviction
import NIOConcurrencyHelpers
import NIOHTTP1

/// One POP's cache: objects by key, bounded in bytes by one of the `Eviction` module's policies (the code
/// `edgesim replay` runs). Shared by the POP's event loops behind one short lock; a lookup holds it for a
/// dictionary probe and a policy touch, and allocates nothing.
///
/// - The policy sees one entry per URL (``CacheKey/evictionKey``), weighing all its stored variants together
///   (encodings, key headers and cookies, `Vary` selections): that is the object an access log line names, so a
///   replay of the live log at the same capacity and policy reproduces the live hits. Evicting it drops every variant.
/// - An object larger than the whole capacity is served but never stored; nothing is evicted for it. The same
///   holds when a URL's variants together outgrow the capacity, or when the policy declines an object
///   (W-TinyLFU's admission filter): the URL then leaves the cache.
/// - Expired objects stay until evicted, replaced or invalidated, so they can be revalidated or served stale.
public final class EdgeCache: Sendable {
    /// The bound in bytes.
    public let capacity: Int
    /// The policy that picks what to evict.
    public let policy: EvictionPolicyKind
    private let state: NIOLockedValueBox<State>

    /// At most this many `Vary` selections are kept under one key; the oldest gives way.
    static let maximumVariants = 32

    /// A cache of `capacity` bytes evicting with S3-FIFO, the default of the stack file's `evictionPolicy`.
    public convenience init(capacity: Int) {
        // S3-FIFO needs no knowledge of the future, so building it cannot fail.
        try! self.init(capacity: capacity, policy: .s3fifo)
    }

    /// A cache of `capacity` bytes evicting with `policy`.
    ///
    /// - Throws: `EvictionPolicyError` for Belady, which needs the future and so only runs in replays.
    public init(capacity: Int, policy: EvictionPolicyKind, options: EvictionPolicyOptions = .init()) throws(EvictionPolicyError) {
        self.capacity = max(0, capacity)
        self.policy = policy
        let made = try policy.makePolicy(capacity: .bytes(max(0, capacity)), options: options)
        self.state = NIOLockedValueBox(State(policy: made))
    }

    struct State {
        var policy: any EvictionPolicy
        /// Stored responses by key.
        var slots: [CacheKey: Slot] = [:]
        /// The keys stored under each eviction key, and their bytes together (what the policy weighs).
        var groups: [UInt64: Group] = [:]
        var usedBytes = 0
        var objectCount = 0
        var evictions = 0
    }

    /// One key's stored responses: usually one, more when the response varies. The eviction key is kept so a
    /// hit does not hash the URL again.
    struct Slot {
        var evictionKey: UInt64
        var variants: [Variant] = []
    }

    struct Variant {
        var object: CachedObject
        var size: Int
    }

    struct Group {
        var keys: [CacheKey] = []
        var bytes = 0
    }

    /// The stored response for `key` whose `Vary` selection matches the request's headers, fresh or not.
    /// Counts as a use of the URL for the eviction policy, even when only another variant of it is stored.
    public func lookup(_ key: CacheKey, headers: HTTPHeaders) -> CachedObject? {
        let probe = state.withLockedValue { state -> CachedObject?? in
            guard let slot = state.slots[key] else { return .none }
            _ = state.policy.lookup(slot.evictionKey)
            return .some(Self.select(slot.variants, headers: headers))
        }
        if let found = probe { return found }
        // A miss hashes the URL (out of the lock) to count the use of its other variants.
        let evictionKey = key.evictionKey
        state.withLockedValue { state in _ = state.policy.lookup(evictionKey) }
        return nil
    }

    /// The same answer as ``lookup(_:headers:)`` without touching the policy, for second looks within one request.
    func peek(_ key: CacheKey, headers: HTTPHeaders) -> CachedObject? {
        state.withLockedValue { Self.select($0.slots[key]?.variants, headers: headers) }
    }

    /// The newest stored response the request's headers select; one that does not vary matches at once.
    private static func select(_ variants: [Variant]?, headers: HTTPHeaders) -> CachedObject? {
        variants?.last { $0.object.selection.matches(headers) }?.object
    }

    /// Stores or replaces an object: it takes the place of the stored response with the same `Vary` selection
    /// under its key, and of any selected by other fields (the newest `Vary` governs). An object larger than the
    /// capacity is not stored, and what it replaces under its key goes, so an outdated copy is not served in its place.
    public func store(_ object: CachedObject) {
        let size = object.size
        let key = object.key
        guard size <= capacity else {
            state.withLockedValue { _ = Self.removeSlots([key], from: &$0) }
            return
        }
        let evictionKey = key.evictionKey
        state.withLockedValue { state in
            var variants = state.slots.removeValue(forKey: key)?.variants ?? []
            let before = variants.count
            var freed = 0
            variants.removeAll { old in
                let replaced = old.object.selection.supersededBy(object.selection)
                if replaced { freed += old.size }
                return replaced
            }
            if variants.count >= Self.maximumVariants {
                freed += variants.removeFirst().size
            }
            variants.append(Variant(object: object, size: size))
            var group = state.groups.removeValue(forKey: evictionKey) ?? Group()
            if !group.keys.contains(key) { group.keys.append(key) }
            let previousBytes = group.bytes
            group.bytes += size - freed
            state.usedBytes += size - freed
            state.objectCount += variants.count - before
            state.slots[key] = Slot(evictionKey: evictionKey, variants: variants)
            state.groups[evictionKey] = group
            // A refresh of the same size keeps the URL's standing with the policy (a 304 changes no bytes).
            if group.bytes == previousBytes, state.policy.contains(evictionKey) { return }
            Self.admit(evictionKey, bytes: group.bytes, into: &state)
        }
    }

    /// Removes every object whose key matches, whatever its variant; returns how many went.
    @discardableResult
    public func remove(where matches: (CacheKey) -> Bool) -> Int {
        state.withLockedValue { state in
            Self.removeSlots(state.slots.keys.filter(matches), from: &state)
        }
    }

    /// Removes the keys' stored responses; a URL left with other keys is weighed anew, one left with none leaves the
    /// policy. Returns how many responses went.
    private static func removeSlots(_ keys: [CacheKey], from state: inout State) -> Int {
        var touched: Set<UInt64> = []
        var removed = 0
        for key in keys {
            guard let slot = state.slots.removeValue(forKey: key) else { continue }
            let bytes = slot.variants.reduce(0) { $0 + $1.size }
            removed += slot.variants.count
            state.objectCount -= slot.variants.count
            state.usedBytes -= bytes
            state.groups[slot.evictionKey]?.bytes -= bytes
            state.groups[slot.evictionKey]?.keys.removeAll { $0 == key }
            touched.insert(slot.evictionKey)
        }
        for evictionKey in touched {
            guard let group = state.groups[evictionKey] else { continue }
            if group.keys.isEmpty {
                state.groups[evictionKey] = nil
                state.policy.remove(evictionKey)
            } else {
                admit(evictionKey, bytes: group.bytes, into: &state)
            }
        }
        return removed
    }

    /// Tells the policy a URL's new weight and drops what it evicts, the URL itself too if it is not admitted.
    private static func admit(_ evictionKey: UInt64, bytes: Int, into state: inout State) {
        var evicted: [UInt64] = []
        let admission = state.policy.admit(evictionKey, size: bytes) { evicted.append($0) }
        for victim in evicted {
            drop(victim, from: &state)
            state.evictions += 1
        }
        if !admission.isAdmitted { drop(evictionKey, from: &state) }
    }

    private static func drop(_ evictionKey: UInt64, from state: inout State) {
        guard let group = state.groups.removeValue(forKey: evictionKey) else { return }
        for key in group.keys {
            guard let slot = state.slots.removeValue(forKey: key) else { continue }
            state.objectCount -= slot.variants.count
        }
        state.usedBytes -= group.bytes
    }

    /// Bytes of stored objects (bodies and headers).
    public var usedBytes: Int { state.withLockedValue { $0.usedBytes } }
    /// Stored objects, every variant counted.
    public var count: Int { state.withLockedValue { $0.objectCount } }
    /// URLs the policy evicted to make room since the cache was made (invalidations and replacements not counted).
    public var evictions: Int { state.withLockedValue { $0.evictions } }
}
