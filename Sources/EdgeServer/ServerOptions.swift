import NIOCore

/// Where and how `edgesim serve` listens. Port 0 picks a free port; everything binds to 127.0.0.1 by default.
public struct ServerOptions: Sendable {
    public var host: String
    public var httpPort: Int
    public var httpsPort: Int
    public var controlPort: Int
    public var certificatesDirectory: String
    public var stateDirectory: String
    /// No line per request.
    public var quiet: Bool
    /// CloudFront standard access logs under `<stateDirectory>/logs` (off by default, as on a new distribution).
    public var accessLogs: Bool
    /// Event-loop threads; defaults to one per core.
    public var threads: Int

    public init(
        host: String = "127.0.0.1",
        httpPort: Int = 8080,
        httpsPort: Int = 8443,
        controlPort: Int = 4566,
        certificatesDirectory: String = "certs",
        stateDirectory: String = ".edgesim",
        quiet: Bool = false,
        accessLogs: Bool = false,
        threads: Int = UsableCores.count
    ) {
        self.host = host
        self.httpPort = httpPort
        self.httpsPort = httpsPort
        self.controlPort = controlPort
        self.certificatesDirectory = certificatesDirectory
        self.stateDirectory = stateDirectory
        self.quiet = quiet
        self.accessLogs = accessLogs
        self.threads = threads
    }
}
