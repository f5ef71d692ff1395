import NIOCore
import NIOPosix
import Synchronization

/// What curl will not send: pipelined requests in one write, malformed request lines, half-finished requests.
/// One TCP connection to a loopback listener, written to once and read until a condition holds or the peer closes.
public enum RawConnection {
    public struct Exchange: Sendable {
        /// Everything the server wrote, as Latin-1 text so that any byte survives.
        public var received: String
        /// Whether the server closed the connection before the condition held (or after it, within the wait).
        public var closedByServer: Bool
    }

    public struct TimedOut: Error {}

    /// Sends `request` (bytes exactly as given) and reads until `isComplete` holds for what was received, or the
    /// server closes. Throws `TimedOut` when neither happens within `timeout`.
    public static func exchange(
        port: Int,
        sending request: String,
        until isComplete: @escaping @Sendable (String) -> Bool,
        timeout: Duration = .seconds(20)
    ) async throws -> Exchange {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(bytes: Array(request.utf8)))
            return try await withThrowingTaskGroup(of: Exchange?.self) { group in
                group.addTask {
                    var received = ""
                    for try await chunk in inbound {
                        received.unicodeScalars.append(contentsOf: chunk.readableBytesView.map(Unicode.Scalar.init))
                        if isComplete(received) { return Exchange(received: received, closedByServer: false) }
                    }
                    return Exchange(received: received, closedByServer: true)
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                defer { group.cancelAll() }
                guard let exchange = try await group.next() ?? nil else { throw TimedOut() }
                return exchange
            }
        }
    }
}

/// A client connection kept open across steps, for what happens to connections a server holds: one request
/// answered, then the connection left idle while the test does something else.
public final class OpenConnection: Sendable {
    private let channel: Channel
    private let text: Received

    public static func connect(port: Int) async throws -> OpenConnection {
        let text = Received()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(Collector(into: text)) }
            }
            .connect(host: "127.0.0.1", port: port)
            .get()
        return OpenConnection(channel: channel, text: text)
    }

    private init(channel: Channel, text: Received) {
        self.channel = channel
        self.text = text
    }

    public func send(_ text: String) async throws {
        try await channel.writeAndFlush(ByteBuffer(string: text)).get()
    }

    /// Everything received so far, as Latin-1 text; still readable once the connection has closed.
    public func received() -> String {
        text.value.withLock { $0 }
    }

    /// Whether the connection has closed, from either side.
    public var isClosed: Bool { !channel.isActive }

    /// Resolves when the server closes the connection.
    public func closed() async throws {
        try await channel.closeFuture.get()
    }

    public func close() async {
        try? await channel.close().get()
    }

    private final class Received: Sendable {
        let value = Mutex("")
    }

    private final class Collector: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        let received: Received

        init(into received: Received) { self.received = received }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let scalars = unwrapInboundIn(data).readableBytesView.map(Unicode.Scalar.init)
            received.value.withLock { $0.unicodeScalars.append(contentsOf: scalars) }
        }
    }
}
