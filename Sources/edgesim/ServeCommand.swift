import ArgumentParser
import EdgeServer
import Foundation
import Logging
import NIOCore
import ServiceLifecycle
import StackConfig

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a built SPA folder (default ./site) as S3 behind CloudFront would, or the stack in --config."
    )

    @Argument(help: "The built SPA folder; the canonical SPA stack is built around it.")
    var folder: String?

    @Option(name: .long, help: "A stack file (edgesim.yml) instead of the canonical SPA stack.")
    var config: String?

    @Option(help: "The address every listener binds to.")
    var host = "127.0.0.1"

    @Option(name: .customLong("http-port"), help: "Viewer HTTP port (0 picks a free one).")
    var httpPort = 8080

    @Option(name: .customLong("https-port"), help: "Viewer HTTPS port, HTTP/1.1 and HTTP/2 (0 picks a free one).")
    var httpsPort = 8443

    @Option(name: .customLong("control-port"), help: "Control port: S3 and DynamoDB APIs, invalidations, stats.")
    var controlPort = 4566

    @Option(name: .customLong("certs-dir"), help: "Where the development CA and the leaf certificates live.")
    var certsDir = "certs"

    @Option(name: .customLong("state-dir"), help: "Where the store, counters and access logs live.")
    var stateDir = ".edgesim"

    @Option(help: "Event-loop threads for the listeners (default: one per core this process may run on).")
    var threads = UsableCores.count

    @Flag(name: .customLong("access-logs"), help: "Write CloudFront standard access logs under STATE-DIR/logs.")
    var accessLogs = false

    @Flag(help: "No line per request.")
    var quiet = false

    func validate() throws {
        guard threads > 0 else { throw ValidationError("--threads must be at least 1") }
    }

    func run() async throws {
        if folder != nil, config != nil {
            throw ValidationError("give a FOLDER or --config, not both")
        }
        let stack: Stack
        if let config {
            stack = try StackLoader.load(path: config)
        } else {
            stack = try Stack.canonicalSPA(folder: folder ?? "site", httpsPort: httpsPort)
        }
        for warning in stack.warnings {
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
        var logger = Logger(label: "edgesim")
        logger.logLevel = .info
        let options = ServerOptions(
            host: host,
            httpPort: httpPort,
            httpsPort: httpsPort,
            controlPort: controlPort,
            certificatesDirectory: certsDir,
            stateDirectory: stateDir,
            quiet: quiet,
            accessLogs: accessLogs,
            threads: threads
        )
        let service = EdgeService(stack: stack, options: options, logger: logger)
        let group = ServiceGroup(
            configuration: .init(services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        )
        try await group.run()
    }
}

/// `edgesim serve` as one service: start, print where it listens, wait for SIGINT/SIGTERM, drain, stop.
struct EdgeService: Service {
    let stack: Stack
    let options: ServerOptions
    let logger: Logger

    func run() async throws {
        let server = try await EdgeServer.start(stack: stack, options: options, logger: logger)
        // Straight to the descriptor: print() buffers when stdout is a pipe, and scripts wait for these lines.
        FileHandle.standardOutput.write(Data((StartBanner(server: server, stack: stack, options: options).text + "\n").utf8))
        try? await gracefulShutdown()
        FileHandle.standardOutput.write(Data("Draining open connections…\n".utf8))
        try await server.stop()
    }
}
