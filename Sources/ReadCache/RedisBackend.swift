import Logging
import NIOCore

/// Entries kept in a Redis server (or Valkey, or ElastiCache), so that several EdgeSim processes share one cache.
///
/// A value is stored as is under its key (`SET key value EX ttl`), so `redis-cli GET table:pk` shows the cached
/// JSON. "Not found" (negative caching) lives under a companion key, the key plus ``notFoundSuffix``; a lookup
/// reads both with one `MGET`, and every store or removal sets one and deletes the other in one round trip.
/// Redis expires and evicts entries itself (its `maxmemory-policy`), so ``evictions`` is nil.
public final class RedisBackend: ReadCacheBackend {
    /// The client the backend sends its commands through.
    public let client: RedisClient

    /// Appended to a key to name its "not found" marker. NUL does not occur in `table:pk` keys built from text.
    public static let notFoundSuffix = "\u{0}not-found"

    public init(client: RedisClient) {
        self.client = client
    }

    /// A backend over a new client for `configuration`, connecting on first use.
    public convenience init(
        configuration: RedisClient.Configuration,
        logger: Logger = Logger(label: "edgesim.readcache.redis", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.init(client: RedisClient(configuration: configuration, logger: logger))
    }

    /// Closes the client's connections (at server shutdown).
    public func shutdown() async {
        await client.shutdown()
    }

    public func entry(for key: String) async throws -> ReadCacheEntry? {
        let values = try await client.mget([key, key + Self.notFoundSuffix])
        if let value = values[0] { return .value(value) }
        return values[1] == nil ? nil : .notFound
    }

    public func store(_ entry: ReadCacheEntry, for key: String, ttl: Duration) async throws {
        let marker = key + Self.notFoundSuffix
        let commands: [RedisCommand]
        switch entry {
        case .value(let value):
            commands = [.set(key, value: value, expiresIn: ttl), .del([marker])]
        case .notFound:
            commands = [.set(marker, value: ByteBuffer(), expiresIn: ttl), .del([key])]
        }
        let replies = try await client.pipeline(commands)
        for (command, reply) in zip(commands, replies) { try reply.checked(for: command.name) }
    }

    public func remove(_ key: String) async throws {
        try await client.delete([key, key + Self.notFoundSuffix])
    }

    public var evictions: Int? { nil }
}
