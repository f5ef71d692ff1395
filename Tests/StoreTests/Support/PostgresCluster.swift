import Foundation
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A throwaway PostgreSQL cluster for the tests: `initdb` and `pg_ctl` in a temporary directory, on a
/// free loopback port. It starts on first use and is stopped when the test process exits; each test gets
/// its own database.
actor PostgresCluster {
    static let shared = PostgresCluster()

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private var port: Int?
    private var databases = 0

    /// A fresh, empty database's URL.
    func newDatabaseURL() throws -> String {
        let port = try startIfNeeded()
        databases += 1
        let name = "store_test_\(getpid())_\(databases)"
        try Self.run(Self.binary("psql"), ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-q", "-c", "CREATE DATABASE \(name)"])
        return "postgres://postgres@127.0.0.1:\(port)/\(name)?sslmode=disable"
    }

    private func startIfNeeded() throws -> Int {
        if let port { return port }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("edgesim-pg-\(getpid())").path
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let asPostgres = geteuid() == 0
        if asPostgres { try Self.run("/bin/chown", ["postgres", directory]) }
        let port = try Self.freePort()
        try Self.run(Self.binary("initdb"), ["-D", directory + "/data", "-A", "trust", "-U", "postgres", "--no-sync"], asPostgres: asPostgres)
        try Self.run(
            Self.binary("pg_ctl"),
            [
                "-D", directory + "/data", "-l", directory + "/log", "-w", "-o",
                "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start",
            ],
            asPostgres: asPostgres
        )
        Self.registerStop(directory: directory, asPostgres: asPostgres)
        self.port = port
        return port
    }

    private static func binary(_ name: String) -> String {
        for directory in ["/usr/lib/postgresql/15/bin", "/usr/local/bin", "/usr/bin"]
        where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
            return "\(directory)/\(name)"
        }
        return name
    }

    private static func freePort() throws -> Int {
        let group = MultiThreadedEventLoopGroup.singleton
        let channel = try ServerBootstrap(group: group).bind(host: "127.0.0.1", port: 0).wait()
        let port = channel.localAddress?.port ?? 0
        try channel.close().wait()
        return port
    }

    /// Runs a command through the shell, output to a log file that is shown when the command fails.
    private static func run(_ executable: String, _ arguments: [String], asPostgres: Bool = false) throws {
        let quoted = ([executable] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let command = asPostgres ? "/usr/sbin/runuser -u postgres -- \(quoted)" : quoted
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("edgesim-pg-command-\(getpid()).log").path
        let status = system("\(command) > '\(log)' 2>&1")
        defer { try? FileManager.default.removeItem(atPath: log) }
        guard status == 0 else {
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw Failure(description: "\(command) failed (\(status)): \(output)")
        }
    }

    nonisolated(unsafe) private static var stopCommand = ""

    private static func registerStop(directory: String, asPostgres: Bool) {
        let stop = "\(binary("pg_ctl")) -D \(directory)/data -m immediate stop > /dev/null 2>&1"
        stopCommand = (asPostgres ? "/usr/sbin/runuser -u postgres -- \(stop)" : stop) + "; rm -rf \(directory)"
        atexit {
            _ = system(PostgresCluster.stopCommand)
        }
    }
}
