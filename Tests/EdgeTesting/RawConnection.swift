import NIOCore
import NIOPosix

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
