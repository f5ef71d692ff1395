import NIOConcurrencyHelpers
import NIOCore

/// What a ``RedisConnection`` writes into its channel: commands and the promises of their replies.
enum RedisRequest: Sendable {
    case single(RedisCommand, EventLoopPromise<RESPValue>)
    /// Written back to back and flushed once (pipelining); replies arrive in the same order.
    case batch([RedisCommand], [EventLoopPromise<RESPValue>])
}

/// Matches replies to commands in order (RESP2 replies carry no ids) and fails what is in flight when the
/// connection drops, a reply is late or the server sends something that is not RESP2.
///
/// A late reply closes the connection: once one reply is missing the order no longer says which reply
/// answers which command.
final class RedisConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = RESPValue
    typealias OutboundIn = RedisRequest
    typealias OutboundOut = ByteBuffer

    private struct Pending {
        var command: String
        var promise: EventLoopPromise<RESPValue>
        var deadline: NIODeadline
    }

    private let address: String
    private let timeout: TimeAmount
    private var pending = CircularBuffer<Pending>(initialCapacity: 16)
    private var timer: Scheduled<Void>?
    private let health: Health
    private var hasFailed = false

    init(address: String, commandTimeout: TimeAmount, health: Health) {
        self.address = address
        timeout = commandTimeout
        self.health = health
    }

    /// Whether the connection may take commands, readable from any thread: it turns false the moment the handler
    /// gives the connection up, before the channel has finished closing.
    final class Health: Sendable {
        private let usable = NIOLockedValueBox(true)

        var isUsable: Bool { usable.withLockedValue { $0 } }

        func markFailed() {
            usable.withLockedValue { $0 = false }
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        if hasFailed {
            // Nothing of the request left: the caller may send it again on another connection.
            switch request {
            case .single(let command, let reply): reply.fail(RedisCommandNotSent(command: command.name))
            case .batch(let commands, let replies):
                for (command, reply) in zip(commands, replies) { reply.fail(RedisCommandNotSent(command: command.name)) }
            }
            promise?.fail(RedisCommandNotSent(command: "the request"))
            return
        }
        let deadline = NIODeadline.now() + timeout
        switch request {
        case .single(let command, let reply):
            pending.append(Pending(command: command.name, promise: reply, deadline: deadline))
            context.write(wrapOutboundOut(command.encoded), promise: promise)
        case .batch(let commands, let replies):
            for (command, reply) in zip(commands, replies) {
                pending.append(Pending(command: command.name, promise: reply, deadline: deadline))
            }
            for command in commands.dropLast() {
                context.write(wrapOutboundOut(command.encoded), promise: nil)
            }
            if let last = commands.last {
                context.write(wrapOutboundOut(last.encoded), promise: promise)
            } else {
                promise?.succeed()
            }
        }
        scheduleTimer(context: context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let reply = unwrapInboundIn(data)
        guard let head = pending.popFirst() else {
            fail(context: context, with: .protocolViolation(address, UnsolicitedReply(reply: reply)))
            return
        }
        head.promise.succeed(reply)
    }

    func channelInactive(context: ChannelHandlerContext) {
        failPending { .connectionClosed(address, command: $0) }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(context: context, with: .protocolViolation(address, error))
    }

    private func scheduleTimer(context: ChannelHandlerContext) {
        guard timer == nil, let head = pending.first else { return }
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: head.deadline) { [self] in
            timer = nil
            guard let head = pending.first else { return }
            if head.deadline <= .now() {
                fail(context: context, with: .timedOut(address, command: head.command, after: .nanoseconds(timeout.nanoseconds)))
            } else {
                scheduleTimer(context: context)
            }
        }
    }

    private func fail(context: ChannelHandlerContext, with error: RedisClientError) {
        failPending { _ in error }
        context.close(promise: nil)
    }

    private func failPending(_ error: (String) -> RedisClientError) {
        hasFailed = true
        health.markFailed()
        timer?.cancel()
        timer = nil
        while let next = pending.popFirst() {
            next.promise.fail(error(next.command))
        }
    }

    private struct UnsolicitedReply: Error, CustomStringConvertible {
        var reply: RESPValue
        var description: String { "the server sent a reply (\(reply)) to no command" }
    }
}

/// A command that never left for the server because its connection had already failed; nothing ran, so it may be
/// sent again on a fresh connection.
struct RedisCommandNotSent: Error, CustomStringConvertible {
    var command: String
    var description: String { "\(command) was not sent: the connection had already failed" }
}
