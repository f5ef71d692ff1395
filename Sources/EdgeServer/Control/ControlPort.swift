import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle

/// The control port (DESIGN: 4566): the AWS APIs and EdgeSim's own pages on Hummingbird, with the services
/// that live as long as it does (the store's expiry sweeper). It runs in its own service group so that
/// ``EdgeServer/stop()`` can end it without a signal.
final class ControlPort: Sendable {
    let port: Int
    private let group: ServiceGroup
    private let running: Task<Void, any Error>

    private init(port: Int, group: ServiceGroup, running: Task<Void, any Error>) {
        self.port = port
        self.group = group
        self.running = running
    }

    /// Starts serving and returns once the port is bound; throws if it cannot be.
    static func start(
        responder: ControlResponder,
        host: String,
        port: Int,
        services: [any Service],
        eventLoopGroup: any EventLoopGroup,
        logger: Logger
    ) async throws -> ControlPort {
        let (bound, boundContinuation) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            responder: responder,
            server: .http1(configuration: .init(additionalChannelHandlers: [ExpectContinueHandler()])),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port)),
            onServerRunning: { channel in
                boundContinuation.yield(channel.localAddress?.port ?? port)
                boundContinuation.finish()
            },
            eventLoopGroupProvider: .shared(eventLoopGroup),
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: services + [application], logger: logger))
        let running = Task {
            defer { boundContinuation.finish() }
            try await group.run()
        }
        var iterator = bound.makeAsyncIterator()
        guard let boundPort = await iterator.next() else {
            // The group ended before the server ran: its error says why (the port in use, most often).
            try await running.value
            throw ControlPortError(host: host, port: port)
        }
        return ControlPort(port: boundPort, group: group, running: running)
    }

    /// Lets open requests finish, then stops the server and its services.
    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await running.value
    }
}

/// The control port stopped before it accepted connections.
struct ControlPortError: Error, CustomStringConvertible {
    var host: String
    var port: Int

    var description: String {
        "the control port \(host):\(port) stopped before it was ready; pick another with --control-port"
    }
}
