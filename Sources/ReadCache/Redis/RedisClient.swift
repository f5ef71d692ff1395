import Logging
import NIOCore
import NIOPosix

/// A RESP2 client for Redis (and Valkey, and ElastiCache itself): a small pool of pipelined connections that
/// reconnect after the server goes away.
///
/// Commands from many tasks share the pool's connections at once; each connection sends them as they come and
/// matches replies in order. A command in flight when its connection drops fails with a
/// ``RedisClientError`` (``RedisClientError/isConnectionClosed``); the next command reconnects. A refusal by the
/// server throws ``RedisError`` with the server's message.
public final class RedisClient: Sendable {
    /// Where the server is, and how patient to be with it.
    public struct Configuration: Sendable, Hashable {
        public var url: RedisURL
        /// How many connections to open (each pipelines any number of commands); 2 by default.
        public var poolSize: Int
        public var connectTimeout: Duration
        /// How long a command may wait for its reply before the connection is given up.
        public var commandTimeout: Duration
        /// The wait after the first failed connection attempt; it doubles with every further failure.
        public var initialBackoff: Duration
        /// The longest wait between connection attempts.
        public var maximumBackoff: Duration

        public init(
            url: RedisURL,
            poolSize: Int = 2,
            connectTimeout: Duration = .seconds(2),
            commandTimeout: Duration = .seconds(2),
            initialBackoff: Duration = .milliseconds(100),
            maximumBackoff: Duration = .seconds(5)
        ) {
            self.url = url
            self.poolSize = poolSize
            self.connectTimeout = connectTimeout
            self.commandTimeout = commandTimeout
            self.initialBackoff = initialBackoff
            self.maximumBackoff = maximumBackoff
        }
    }

    public var configuration: Configuration { pool.configuration }
    private let pool: RedisConnectionPool

    /// Connects lazily: the first command opens the first connection.
    public init(
        configuration: Configuration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "edgesim.readcache.redis", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        pool = RedisConnectionPool(configuration: configuration, eventLoopGroup: eventLoopGroup, logger: logger)
    }

    /// Sends a command and returns its reply; an error reply throws ``RedisError``.
    @discardableResult
    public func send(_ command: RedisCommand) async throws -> RESPValue {
        try await withConnection(sending: command.name) { try await $0.send(command) }.checked(for: command.name)
    }

    /// Sends the commands back to back on one connection and returns their replies in order. Error replies are
    /// returned in place (``RESPValue/error(_:)``), not thrown, so one refusal does not hide the other replies.
    public func pipeline(_ commands: [RedisCommand]) async throws -> [RESPValue] {
        guard !commands.isEmpty else { return [] }
        return try await withConnection(sending: commands[0].name) { try await $0.pipeline(commands) }
    }

    /// `GET key`: the value, or nil when the key is absent or expired.
    public func get(_ key: String) async throws -> ByteBuffer? {
        let reply = try await send(.get(key))
        guard case .bulkString(let value) = reply else { throw RedisClientError.unexpectedReply(command: "GET", reply: reply) }
        return value
    }

    /// `SET key value [EX seconds | PX milliseconds]`.
    public func set(_ key: String, value: ByteBuffer, expiresIn ttl: Duration? = nil) async throws {
        try await send(.set(key, value: value, expiresIn: ttl)).expectingOK(for: "SET")
    }

    /// `DEL key ...`: how many of the keys existed.
    @discardableResult
    public func delete(_ keys: [String]) async throws -> Int {
        let reply = try await send(.del(keys))
        guard let count = reply.integer else { throw RedisClientError.unexpectedReply(command: "DEL", reply: reply) }
        return Int(count)
    }

    /// `MGET key ...`: each key's value, nil where absent.
    public func mget(_ keys: [String]) async throws -> [ByteBuffer?] {
        let reply = try await send(.mget(keys))
        guard case .array(let elements?) = reply, elements.count == keys.count else {
            throw RedisClientError.unexpectedReply(command: "MGET", reply: reply)
        }
        return try elements.map { element in
            guard case .bulkString(let value) = element else { throw RedisClientError.unexpectedReply(command: "MGET", reply: reply) }
            return value
        }
    }

    /// `PING`: returns when the server answers `PONG`.
    public func ping() async throws {
        let reply = try await send(.ping)
        guard case .simpleString("PONG") = reply else { throw RedisClientError.unexpectedReply(command: "PING", reply: reply) }
    }

    /// Runs `body` on a pooled connection; when the connection turns out to have failed before anything was sent,
    /// once more on a fresh one (nothing ran, so nothing runs twice).
    private func withConnection<Result>(
        sending command: String,
        _ body: (RedisConnection) async throws -> Result
    ) async throws -> Result {
        do {
            return try await body(pool.connection())
        } catch is RedisCommandNotSent {
            do {
                return try await body(pool.connection())
            } catch is RedisCommandNotSent {
                throw RedisClientError.connectionClosed(configuration.url.address, command: command)
            }
        }
    }

    /// Closes the connections; commands sent afterwards fail.
    public func shutdown() async {
        await pool.shutdown()
    }
}
