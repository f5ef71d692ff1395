import AsyncHTTPClient
import Bucket
import Certificates
import Edge
import Gateway
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOExtras
import NIOPosix
import NIOSSL
import StackConfig
import Store
import Telemetry

/// A running EdgeSim: the POP's listeners, the origins behind them, the data tier and the control port, built
/// from a stack. `stop()` drains open connections: idle ones close at once, busy ones after their response.
public final class EdgeServer: Sendable {
    public let httpPort: Int
    public let httpsPort: Int
    public let controlPort: Int
    public let location: EdgeLocation
    /// The domains that got certificates, the default first.
    public let domains: [String]
    private let group: MultiThreadedEventLoopGroup
    /// Released once the viewers are drained and before the event loops stop: its deinit touches a loop.
    /// One per listener: a helper tracks the connections of a single server channel.
    private let quiesce: NIOLockedValueBox<[ServerQuiescingHelper]>
    private let clients: [HTTPClient]
    private let control: ControlPort
    private let dataTier: DataTier
    /// Live counters behind `/_edgesim/stats` and `/metrics`.
    public let statistics: EdgeStatistics
    private let accessLog: AccessLogWriter?

    /// Binds every listener of `stack` and returns once they accept connections.
    public static func start(stack: Stack, options: ServerOptions, logger: Logger) async throws -> EdgeServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, options.threads))
        let gatewayClient = HTTPClient(eventLoopGroupProvider: .shared(group), configuration: Gateway.proxyClientConfiguration)
        var clients = [gatewayClient]
        var dataTier: DataTier?
        var accessLog: AccessLogWriter?
        do {
            let tier = try await DataTier.open(stack: stack, options: options, httpClient: gatewayClient, logger: logger)
            dataTier = tier
            let assembly = try StackAssembly(stack: stack, group: group, gateway: tier.gateway)
            clients += assembly.originClients
            let domains = assembly.domains + tier.apiDomainNames.filter { !assembly.domains.contains($0) }
            let tls = try makeTLSContext(domains: domains, options: options, logger: logger)
            let quiesce = [ServerQuiescingHelper(group: group), ServerQuiescingHelper(group: group)]
            let cache = try assembly.makeCache()
            let location = assembly.location(
                code: stack.edge.pops.first ?? Stack.EdgeSettings.defaultPOP,
                cache: cache,
                httpsPort: options.httpsPort
            )
            let ledger = InvalidationLedger(distributions: stack.distributions, caches: [cache], configuration: stack.invalidation)
            let statistics = EdgeStatistics()
            accessLog = try options.accessLogs ? AccessLogWriter(configuration: .init(directory: options.stateDirectory + "/logs")) : nil
            var observers: [any RequestObserver] = [statistics]
            if let accessLog { observers.append(accessLog) }
            if !options.quiet { observers.append(ConsoleRequestLog()) }
            let services = ViewerServices(
                location: location,
                observer: RequestObservers(observers),
                logsRequestDetails: accessLog != nil,
                apiDomains: APIDomains(gateway: tier.gateway, hosts: tier.apiDomainNames)
            )
            let https = try await ViewerListener(host: options.host, port: options.httpsPort, transport: .https(tls), services: services)
                .bind(group: group, quiesce: quiesce[0])
            // Redirects name the HTTPS port, known only now when port 0 was asked for.
            location.httpsPort = https.localAddress?.port ?? options.httpsPort
            let http = try await ViewerListener(host: options.host, port: options.httpPort, transport: .http, services: services)
                .bind(group: group, quiesce: quiesce[1])
            var controlLogger = logger
            controlLogger.logLevel = max(logger.logLevel, .warning)
            let control = try await ControlPort.start(
                responder: ControlResponder(
                    s3: S3API(buckets: assembly.buckets),
                    dynamoDB: DynamoDBWireHandler(store: tier.store),
                    cloudFront: CloudFrontAPI(ledger: ledger),
                    identity: tier.identity,
                    statistics: statistics,
                    accessLog: accessLog
                ),
                host: options.host,
                port: options.controlPort,
                services: [tier.store, POPService(location: location), MemoryTrimService(cache: cache)]
                    + assembly.autoInvalidation(ledger: ledger),
                eventLoopGroup: group,
                logger: controlLogger
            )
            return EdgeServer(
                httpPort: http.localAddress?.port ?? options.httpPort,
                httpsPort: location.httpsPort,
                controlPort: control.port,
                location: location,
                domains: domains,
                group: group,
                quiesce: quiesce,
                clients: clients,
                control: control,
                dataTier: tier,
                statistics: statistics,
                accessLog: accessLog
            )
        } catch {
            accessLog?.close()
            await dataTier?.close()
            for client in clients { try? await client.shutdown() }
            try? await group.shutdownGracefully()
            throw error
        }
    }

    /// The development CA's leaves for `domains`, behind one TLS context that picks them by SNI.
    private static func makeTLSContext(domains: [String], options: ServerOptions, logger: Logger) throws -> NIOSSLContext {
        let certificates = try DevelopmentCertificates.ensure(for: domains, in: options.certificatesDirectory)
        for leaf in certificates.leaves {
            logger.debug("certificate", metadata: ["certs.domain": "\(leaf.domain)", "certs.action": "\(leaf.action)"])
        }
        let store = try CertificateStore(certificates: certificates.serverCertificates)
        return try NIOSSLContext(configuration: store.makeServerConfiguration())
    }

    private init(
        httpPort: Int,
        httpsPort: Int,
        controlPort: Int,
        location: EdgeLocation,
        domains: [String],
        group: MultiThreadedEventLoopGroup,
        quiesce: [ServerQuiescingHelper],
        clients: [HTTPClient],
        control: ControlPort,
        dataTier: DataTier,
        statistics: EdgeStatistics,
        accessLog: AccessLogWriter?
    ) {
        self.httpPort = httpPort
        self.httpsPort = httpsPort
        self.controlPort = controlPort
        self.location = location
        self.domains = domains
        self.group = group
        self.quiesce = NIOLockedValueBox(quiesce)
        self.clients = clients
        self.control = control
        self.dataTier = dataTier
        self.statistics = statistics
        self.accessLog = accessLog
    }

    /// Stops accepting, lets open requests finish, then closes the store and releases the threads.
    public func stop() async throws {
        try await drainViewers()
        // Every response is written by now, so the log gets its last lines before the files close.
        accessLog?.close()
        try await control.stop()
        await dataTier.close()
        for client in clients { try await client.shutdown() }
        try await group.shutdownGracefully()
    }

    /// Closes the listeners and waits for open viewer connections to finish their responses.
    private func drainViewers() async throws {
        let helpers = quiesce.withLockedValue { helpers in
            defer { helpers = [] }
            return helpers
        }
        let drained = helpers.map { helper in
            let promise = group.next().makePromise(of: Void.self)
            helper.initiateShutdown(promise: promise)
            return promise.futureResult
        }
        for listener in drained { try await listener.get() }
    }
}
