import Eviction
import NIOConcurrencyHelpers
import NIOCore

/// Entries kept in this process, bounded in bytes by one of the `Eviction` module's policies (the same code the
/// edge cache and `edgesim replay` run), each with its own expiry.
///
/// An entry weighs its key's UTF-8 bytes plus its value's bytes. Expired entries are dropped when read, and
/// otherwise age out through the policy like any entry nobody reads.
public final class InProcessBackend: ReadCacheBackend {
    /// The bound and the policy.
    public struct Configuration: Sendable, Hashable {
        /// The most bytes the entries may weigh together (64 MiB by default).
        public var capacityBytes: Int
        /// Which entries make room. S3-FIFO by default: on the key-value cache traces of its paper (Twitter's among
        /// them, hitrate.md §1.7) it misses less than LRU (0.042 against 0.049), and a hit only bumps a 2-bit
        /// counter instead of moving a list node, which suits a cache read far more than it is written.
        public var policy: EvictionPolicyKind
        /// The policy's tunables.
        public var policyOptions: EvictionPolicyOptions

        public init(capacityBytes: Int = 64 << 20, policy: EvictionPolicyKind = .s3fifo, policyOptions: EvictionPolicyOptions = .init()) {
            self.capacityBytes = capacityBytes
            self.policy = policy
            self.policyOptions = policyOptions
        }
    }

    private struct Resident {
        var key: String
        var entry: ReadCacheEntry
        var expiresAt: UInt64
    }

    private struct Storage {
        var policy: any EvictionPolicy
        /// By the policy's 64-bit key; `Resident.key` tells apart the rare texts that hash alike.
        var residents: [UInt64: Resident] = [:]
        var evictions = 0
        var expirations = 0
    }

    public let configuration: Configuration
    private let clock: ReadCache.Clock
    private let storage: NIOLockedValueBox<Storage>

    /// - Throws: `EvictionPolicyError` for a policy a live cache cannot run (Belady needs the future).
    public init(configuration: Configuration = .init(), clock: ReadCache.Clock = .system) throws(EvictionPolicyError) {
        self.configuration = configuration
        self.clock = clock
        let policy = try configuration.policy.makePolicy(capacity: .bytes(configuration.capacityBytes), options: configuration.policyOptions)
        storage = NIOLockedValueBox(Storage(policy: policy))
    }

    public func entry(for key: String) async throws -> ReadCacheEntry? {
        lookup(key)
    }

    public func store(_ entry: ReadCacheEntry, for key: String, ttl: Duration) async throws {
        insert(entry, for: key, ttl: ttl)
    }

    public func remove(_ key: String) async throws {
        delete(key)
    }

    public var evictions: Int? {
        storage.withLockedValue { $0.evictions }
    }

    /// Entries dropped because their TTL ran out, when read or when the policy evicted them.
    public var expirations: Int {
        storage.withLockedValue { $0.expirations }
    }

    /// How many entries are resident (expired ones not yet dropped included).
    public var count: Int {
        storage.withLockedValue { $0.policy.count }
    }

    /// The weight of the resident entries in bytes.
    public var usedBytes: Int {
        storage.withLockedValue { $0.policy.usedBytes }
    }

    /// The live entry under `key`; an expired one is dropped and reported absent.
    func lookup(_ key: String) -> ReadCacheEntry? {
        let hash = EvictionKey.hash(key)
        let now = clock.nanoseconds()
        return storage.withLockedValue { storage in
            guard let resident = storage.residents[hash], resident.key == key else { return nil }
            guard resident.expiresAt > now else {
                storage.residents.removeValue(forKey: hash)
                storage.policy.remove(hash)
                storage.expirations += 1
                return nil
            }
            _ = storage.policy.lookup(hash)
            return resident.entry
        }
    }

    func insert(_ entry: ReadCacheEntry, for key: String, ttl: Duration) {
        let hash = EvictionKey.hash(key)
        let now = clock.nanoseconds()
        let (expiresAt, overflow) = now.addingReportingOverflow(ttl.clampedNanoseconds)
        let size = key.utf8.count + (entry.value?.readableBytes ?? 0)
        storage.withLockedValue { storage in
            // Moved out so the eviction callback can edit the residents while the policy is being mutated.
            var residents = storage.residents
            storage.residents = [:]
            var evictions = 0
            var expirations = 0
            let admission = storage.policy.admit(hash, size: size) { evicted in
                guard let resident = residents.removeValue(forKey: evicted) else { return }
                if resident.expiresAt > now { evictions += 1 } else { expirations += 1 }
            }
            if admission.isAdmitted {
                residents[hash] = Resident(key: key, entry: entry, expiresAt: overflow ? .max : expiresAt)
            } else {
                residents.removeValue(forKey: hash)
            }
            storage.residents = residents
            storage.evictions += evictions
            storage.expirations += expirations
        }
    }

    func delete(_ key: String) {
        let hash = EvictionKey.hash(key)
        storage.withLockedValue { storage in
            guard storage.residents[hash]?.key == key else { return }
            storage.residents.removeValue(forKey: hash)
            storage.policy.remove(hash)
        }
    }
}
