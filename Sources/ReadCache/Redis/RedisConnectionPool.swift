import Logging
import NIOConcurrencyHelpers
import NIOCore

/// A few connections to one server, handed out in turn; each carries many commands at once.
///
/// A connection that drops is replaced by the next command that needs it, at once. A connection attempt that fails
/// makes the pool wait before the next one (doubling from ``RedisClient/Configuration/initialBackoff`` up to
/// ``RedisClient/Configuration/maximumBackoff``); meanwhile commands fail fast with an "unreachable" error instead of
/// piling up on a dead server.
final class RedisConnectionPool: Sendable {
    private enum Slot {
        case idle
        case connecting(EventLoopFuture<RedisConnection>)
        case connected(RedisConnection)
    }

    private struct State {
        var slots: [Slot]
        var nextSlot = 0
        var consecutiveFailures = 0
        var retryAt: NIODeadline?
        var lastError = ""
        var isShutDown = false
    }

    private enum Step {
        case use(RedisConnection)
        case wait(EventLoopFuture<RedisConnection>)
        case connect(EventLoopPromise<RedisConnection>)
    }

    let configuration: RedisClient.Configuration
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger
    private let state: NIOLockedValueBox<State>

    init(configuration: RedisClient.Configuration, eventLoopGroup: any EventLoopGroup, logger: Logger) {
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
        state = NIOLockedValueBox(State(slots: Array(repeating: .idle, count: max(1, configuration.poolSize))))
    }

    /// A live connection, the pool's next in turn, connecting it first when needed.
    func connection() async throws -> RedisConnection {
        let (slot, step) = try state.withLockedValue { state -> Result<(Int, Step), RedisClientError> in
            guard !state.isShutDown else { return .failure(.shutDown) }
            let slot = state.nextSlot
            state.nextSlot = (slot + 1) % state.slots.count
            switch state.slots[slot] {
            case .connected(let connection) where connection.isUsable:
                return .success((slot, .use(connection)))
            case .connecting(let future):
                return .success((slot, .wait(future)))
            case .idle, .connected:
                let now = NIODeadline.now()
                if let retryAt = state.retryAt, now < retryAt {
                    return .failure(
                        .unavailable(
                            configuration.url.address,
                            retryIn: .nanoseconds((retryAt - now).nanoseconds),
                            lastError: state.lastError
                        )
                    )
                }
                let promise = eventLoopGroup.any().makePromise(of: RedisConnection.self)
                state.slots[slot] = .connecting(promise.futureResult)
                return .success((slot, .connect(promise)))
            }
        }.get()
        switch step {
        case .use(let connection):
            return connection
        case .wait(let future):
            return try await future.get()
        case .connect(let promise):
            do {
                let connection = try await open(slot: slot)
                promise.succeed(connection)
                return connection
            } catch {
                promise.fail(error)
                throw error
            }
        }
    }

    /// Closes every connection; later commands fail with ``RedisClientError/shutDown``.
    func shutdown() async {
        let connections = state.withLockedValue { state -> [RedisConnection] in
            state.isShutDown = true
            let connections = state.slots.compactMap { slot -> RedisConnection? in
                if case .connected(let connection) = slot { return connection }
                return nil
            }
            state.slots = state.slots.map { _ in .idle }
            return connections
        }
        for connection in connections { await connection.close() }
    }

    private func open(slot: Int) async throws -> RedisConnection {
        let url = configuration.url
        let connection: RedisConnection
        do {
            connection = try await RedisConnection.connect(
                to: url,
                connectTimeout: configuration.connectTimeout,
                commandTimeout: configuration.commandTimeout,
                on: eventLoopGroup
            )
        } catch {
            let backoff = state.withLockedValue { state in
                state.consecutiveFailures += 1
                let backoff = backoffAfter(failures: state.consecutiveFailures)
                state.retryAt = .now() + TimeAmount(backoff)
                state.lastError = "\(error)"
                state.slots[slot] = .idle
                return backoff
            }
            logger.warning(
                "redis connection failed",
                metadata: ["readcache.redis.url": "\(url)", "readcache.redis.retry_in": "\(backoff)", "readcache.error": "\(error)"]
            )
            throw error
        }
        let isShutDown = state.withLockedValue { state in
            if !state.isShutDown { state.slots[slot] = .connected(connection) }
            state.consecutiveFailures = 0
            state.retryAt = nil
            return state.isShutDown
        }
        if isShutDown {
            await connection.close()
            throw RedisClientError.shutDown
        }
        logger.debug("redis connected", metadata: ["readcache.redis.url": "\(url)", "readcache.redis.slot": "\(slot)"])
        connection.channel.closeFuture.whenComplete { [self] _ in
            state.withLockedValue { state in
                if case .connected(let current) = state.slots[slot], current === connection { state.slots[slot] = .idle }
            }
        }
        return connection
    }

    private func backoffAfter(failures: Int) -> Duration {
        var backoff = configuration.initialBackoff
        for _ in 1..<max(1, failures) where backoff < configuration.maximumBackoff {
            backoff *= 2
        }
        return min(backoff, configuration.maximumBackoff)
    }
}
