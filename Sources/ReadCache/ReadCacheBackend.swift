import NIOCore

/// What a read cache holds for a key: the source's value, or the fact that the source had none.
public enum ReadCacheEntry: Sendable, Hashable {
    /// The bytes the source returned (for a table item, its JSON).
    case value(ByteBuffer)
    /// The source had nothing under the key; stored only when negative caching is on
    /// (``ReadCache/Configuration/notFoundTTL``).
    case notFound

    /// The value, or nil for ``notFound``.
    public var value: ByteBuffer? {
        if case .value(let bytes) = self { return bytes }
        return nil
    }
}

/// Where a ``ReadCache`` keeps entries: in this process (``InProcessBackend``) or in a Redis server
/// (``RedisBackend``), the role ElastiCache plays in AWS.
///
/// A backend stores and forgets; it never loads. Expiry is the backend's: an entry past its TTL is a miss.
public protocol ReadCacheBackend: Sendable {
    /// The live entry under `key`, or nil when there is none or it has expired.
    func entry(for key: String) async throws -> ReadCacheEntry?

    /// Stores `entry` under `key` for `ttl`, replacing whatever was there.
    func store(_ entry: ReadCacheEntry, for key: String, ttl: Duration) async throws

    /// Forgets `key` (invalidation). Removing an absent key is not an error.
    func remove(_ key: String) async throws

    /// Entries dropped to make room since the backend started, when the backend can know: the in-process
    /// backend counts its policy's evictions; Redis evicts on its own (`INFO stats`, `evicted_keys`), so nil.
    var evictions: Int? { get }
}
