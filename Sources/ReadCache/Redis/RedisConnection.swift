import Logging
import NIOCore
import NIOPosix

/// One TCP connection to Redis, logged in and on its database, that many commands share at once (pipelining).
final class RedisConnection: Sendable {
    let channel: any Channel
    let url: RedisURL
    private let health: RedisConnectionHandler.Health

    private init(channel: any Channel, url: RedisURL, health: RedisConnectionHandler.Health) {
        self.channel = channel
        self.url = url
        self.health = health
    }

    /// Whether commands may be sent: open, and not given up after a timeout or a protocol error.
    var isUsable: Bool { health.isUsable && channel.isActive }

    /// Connects, then sends `AUTH` and `SELECT` as the URL asks; a refusal closes the connection and throws
    /// the server's ``RedisError``.
    static func connect(
        to url: RedisURL,
        connectTimeout: Duration,
        commandTimeout: Duration,
        on eventLoopGroup: any EventLoopGroup
    ) async throws -> RedisConnection {
        let address = url.address
        let timeout = TimeAmount(commandTimeout)
        let health = RedisConnectionHandler.Health()
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: eventLoopGroup)
                .connectTimeout(TimeAmount(connectTimeout))
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandlers(
                            ByteToMessageHandler(RESPReplyDecoder()),
                            RedisConnectionHandler(address: address, commandTimeout: timeout, health: health)
                        )
                    }
                }
                .connect(host: url.host, port: url.port)
                .get()
        } catch {
            throw RedisClientError.connectFailed(address, error)
        }
        let connection = RedisConnection(channel: channel, url: url, health: health)
        do {
            if let password = url.password {
                try await connection.send(.auth(username: url.username, password: password)).expectingOK(for: "AUTH")
            }
            if url.database != 0 {
                try await connection.send(.select(url.database)).expectingOK(for: "SELECT")
            }
        } catch let error as RedisCommandNotSent {
            await connection.close()
            throw RedisClientError.connectionClosed(address, command: error.command)
        } catch {
            await connection.close()
            throw error
        }
        return connection
    }

    /// Sends one command; the reply may be an ``RESPValue/error(_:)``.
    func send(_ command: RedisCommand) async throws -> RESPValue {
        let reply = channel.eventLoop.makePromise(of: RESPValue.self)
        channel.writeAndFlush(RedisRequest.single(command, reply)).whenFailure { _ in
            reply.fail(RedisCommandNotSent(command: command.name))
        }
        return try await reply.futureResult.get()
    }

    /// Sends commands back to back with one flush and waits for all replies, in order.
    func pipeline(_ commands: [RedisCommand]) async throws -> [RESPValue] {
        let eventLoop = channel.eventLoop
        let replies = commands.map { _ in eventLoop.makePromise(of: RESPValue.self) }
        let address = url.address
        // A write can fail halfway through a batch, after its first commands ran, so these are not retried as unsent
        // (the handler marks a batch it refused whole as unsent itself).
        channel.writeAndFlush(RedisRequest.batch(commands, replies)).whenFailure { _ in
            for (command, reply) in zip(commands, replies) {
                reply.fail(RedisClientError.connectionClosed(address, command: command.name))
            }
        }
        var results: [RESPValue] = []
        results.reserveCapacity(replies.count)
        for reply in replies {
            results.append(try await reply.futureResult.get())
        }
        return results
    }

    func close() async {
        try? await channel.close()
    }
}

extension RESPValue {
    /// Throws the server's refusal as a ``RedisError``; otherwise returns the reply.
    @discardableResult
    func checked(for command: String) throws(RedisError) -> RESPValue {
        if case .error(let message) = self { throw RedisError(message: message, command: command) }
        return self
    }

    func expectingOK(for command: String) throws {
        guard case .simpleString("OK") = try checked(for: command) else {
            throw RedisClientError.unexpectedReply(command: command, reply: self)
        }
    }
}
