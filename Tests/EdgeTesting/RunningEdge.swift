import EdgeServer
import Foundation
import Logging
import StackConfig

/// An EdgeSim server on free loopback ports with its own certificates folder, for tests that talk to it over
/// real sockets. Stop it with `stop()`.
public final class RunningEdge: Sendable {
    public let server: EdgeServer
    public let certificates: TemporaryFolder
    public let site: TemporaryFolder

    public var httpsPort: Int { server.httpsPort }
    public var httpPort: Int { server.httpPort }
    public var caPath: String { certificates.path + "/edgesim-ca.pem" }

    /// Serves `site` through the canonical SPA stack (or `stack`, when given).
    public static func start(site: TemporaryFolder, stack: Stack? = nil) async throws -> RunningEdge {
        let certificates = try TemporaryFolder(prefix: "edgesim-certs")
        let options = ServerOptions(
            httpPort: 0,
            httpsPort: 0,
            controlPort: 0,
            certificatesDirectory: certificates.path,
            stateDirectory: certificates.path + "/state",
            quiet: true,
            threads: 2
        )
        let server = try await EdgeServer.start(
            stack: try stack ?? Stack.canonicalSPA(folder: site.path),
            options: options,
            logger: Logger(label: "edgesim.test")
        )
        return RunningEdge(server: server, certificates: certificates, site: site)
    }

    /// Runs `body` against a started server and always stops it, whether `body` returns or throws.
    public static func with<Result>(
        site: TemporaryFolder,
        stack: Stack? = nil,
        _ body: (RunningEdge) async throws -> Result
    ) async throws -> Result {
        let edge = try await start(site: site, stack: stack)
        do {
            let result = try await body(edge)
            try await edge.stop()
            return result
        } catch {
            try? await edge.stop()
            throw error
        }
    }

    private init(server: EdgeServer, certificates: TemporaryFolder, site: TemporaryFolder) {
        self.server = server
        self.certificates = certificates
        self.site = site
    }

    /// curl against `https://host:port path`, resolving `host` to 127.0.0.1 and trusting the test CA.
    public func https(_ path: String, host: String = "app.edgesim.test", _ extra: [String] = []) async throws -> Curl.Response {
        try await Curl.run(
            ["--resolve", "\(host):\(httpsPort):127.0.0.1", "--cacert", caPath] + extra + ["https://\(host):\(httpsPort)\(path)"]
        )
    }

    public func http(_ path: String, host: String = "app.edgesim.test", _ extra: [String] = []) async throws -> Curl.Response {
        try await Curl.run(["--resolve", "\(host):\(httpPort):127.0.0.1"] + extra + ["http://\(host):\(httpPort)\(path)"])
    }

    public func stop() async throws {
        try await server.stop()
    }
}
