import AsyncHTTPClient
import Bucket
import Certificates
import Edge
import Logging
import NIOCore
import NIOExtras
import NIOPosix
import NIOSSL
import StackConfig
import Telemetry

/// A running EdgeSim: the POP's listeners and the origins behind them, built from a stack.
/// `stop()` drains open connections: idle ones close at once, busy ones after their response.
public final class EdgeServer: Sendable {
    public let httpPort: Int
    public let httpsPort: Int
    public let location: EdgeLocation
    /// The domains that got certificates, the default first.
    public let domains: [String]
    private let group: MultiThreadedEventLoopGroup
    private let quiesce: ServerQuiescingHelper
    private let channels: [Channel]
    private let httpClient: HTTPClient

    /// Binds every listener of `stack` and returns once they accept connections.
    public static func start(stack: Stack, options: ServerOptions, logger: Logger) async throws -> EdgeServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, options.threads))
        let httpClient = HTTPOrigin.makeClient(group: group, connectTimeout: 10, readTimeout: 30)
        do {
            let assembly = try StackAssembly(stack: stack, httpClient: httpClient)
            let domains = assembly.domains
            let certificates = try DevelopmentCertificates.ensure(for: domains, in: options.certificatesDirectory)
            for leaf in certificates.leaves {
                logger.debug("certificate", metadata: ["certs.domain": "\(leaf.domain)", "certs.action": "\(leaf.action)"])
            }
            let store = try CertificateStore(certificates: certificates.serverCertificates)
            let tls = try NIOSSLContext(configuration: store.makeServerConfiguration())
            let quiesce = ServerQuiescingHelper(group: group)
            let pop = stack.edge.pops.first ?? "IAD89-P1"
            let observer: (any RequestObserver)? = options.quiet ? nil : ConsoleRequestLog()
            let location = assembly.location(code: pop, httpsPort: options.httpsPort)
            let https = try await ViewerListener(
                host: options.host,
                port: options.httpsPort,
                transport: .https(tls),
                location: location,
                observer: observer
            )
            .bind(group: group, quiesce: quiesce)
            let httpsPort = https.localAddress?.port ?? options.httpsPort
            // Redirects name the HTTPS port, known only now when port 0 was asked for.
            location.httpsPort = httpsPort
            var channels = [https]
            let http = try await ViewerListener(host: options.host, port: options.httpPort, transport: .http, location: location, observer: observer)
                .bind(group: group, quiesce: quiesce)
            channels.append(http)
            return EdgeServer(
                httpPort: http.localAddress?.port ?? options.httpPort,
                httpsPort: httpsPort,
                location: location,
                domains: domains,
                group: group,
                quiesce: quiesce,
                channels: channels,
                httpClient: httpClient
            )
        } catch {
            try? await httpClient.shutdown()
            try? await group.shutdownGracefully()
            throw error
        }
    }

    private init(
        httpPort: Int,
        httpsPort: Int,
        location: EdgeLocation,
        domains: [String],
        group: MultiThreadedEventLoopGroup,
        quiesce: ServerQuiescingHelper,
        channels: [Channel],
        httpClient: HTTPClient
    ) {
        self.httpPort = httpPort
        self.httpsPort = httpsPort
        self.location = location
        self.domains = domains
        self.group = group
        self.quiesce = quiesce
        self.channels = channels
        self.httpClient = httpClient
    }

    /// Stops accepting, lets open requests finish, then releases the threads.
    public func stop() async throws {
        let drained = group.next().makePromise(of: Void.self)
        quiesce.initiateShutdown(promise: drained)
        try await drained.futureResult.get()
        try await httpClient.shutdown()
        try await group.shutdownGracefully()
    }
}
