import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import ReadCache
import Testing

/// A real `redis-server` on 127.0.0.1 and a free port, started for a test or suite and stopped after it.
///
/// Tests that need one fail, never skip, when `redis-server` is missing: CI installs it, and a skipped suite would
/// hide that the Redis backend went untested.
final class RedisServer: Sendable {
    let port: Int
    private let arguments: [String]
    private let process = NIOLockedValueBox<Process?>(nil)

    /// The server started by ``RedisServerTrait`` for the running suite.
    @TaskLocal static var shared: RedisServer?

    var url: RedisURL { RedisURL(host: "127.0.0.1", port: port) }

    private init(port: Int, arguments: [String]) {
        self.port = port
        self.arguments = arguments
    }

    /// Starts a server; `arguments` add to the defaults (no persistence, loopback only).
    static func start(arguments: [String] = []) async throws -> RedisServer {
        var lastError: (any Error)?
        for _ in 0..<5 {
            let server = RedisServer(port: try freePort(), arguments: arguments)
            do {
                try await server.launch()
                return server
            } catch let error as RedisServerError {
                throw error
            } catch {
                // Another process took the port between the probe and the start: try another.
                lastError = error
            }
        }
        throw lastError ?? RedisServerError(message: "redis-server did not start")
    }

    /// Starts the server again on the same port (after ``kill()``).
    func restart() async throws {
        try await launch()
    }

    /// SIGKILL: the server goes away without closing connections politely.
    func kill() async {
        await end(signal: SIGKILL)
    }

    /// Stops the server. SIGKILL, since a child started from a test may inherit a mask that blocks SIGTERM, and the
    /// server keeps nothing worth a clean shutdown.
    func stop() async {
        await end(signal: SIGKILL)
    }

    deinit {
        if let process = process.withLockedValue({ $0 }) { Foundation.kill(process.processIdentifier, SIGKILL) }
    }

    /// Foundation's `waitUntilExit` spins a run loop that a test's task never turns (and `isRunning` then never
    /// changes), so this reaps the child itself.
    private func end(signal: Int32) async {
        guard let process = process.withLockedValue({ $0 }) else { return }
        let pid = process.processIdentifier
        Foundation.kill(pid, signal)
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline, !Self.hasExited(pid) {
            try? await Task.sleep(for: .milliseconds(5))
        }
        self.process.withLockedValue { $0 = nil }
    }

    /// Reaps `pid` if it has exited.
    private static func hasExited(_ pid: Int32) -> Bool {
        var status: Int32 = 0
        let reaped = waitpid(pid, &status, WNOHANG)
        return reaped == pid || (reaped == -1 && errno == ECHILD)
    }

    private func launch() async throws {
        let executable = try Self.executable()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments =
            [
                "--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--daemonize", "no", "--dir", FileManager.default.temporaryDirectory.path, "--loglevel", "warning",
            ] + arguments
        let log = Pipe()
        process.standardOutput = log
        process.standardError = log
        try process.run()
        self.process.withLockedValue { $0 = process }
        let client = RedisClient(configuration: .init(url: url, connectTimeout: .milliseconds(200), initialBackoff: .milliseconds(1)))
        let answered = try await Self.waitForPING(client, process: process, timeout: .seconds(30))
        await client.shutdown()
        guard answered else {
            if !Self.hasExited(process.processIdentifier) {
                await stop()
                throw RedisServerError(message: "redis-server on port \(port) did not answer PING within 30 s")
            }
            // Most likely another process took the port between the probe and the start.
            throw PortTaken(output: String(decoding: log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        }
    }

    /// True once the server answers (a NOAUTH refusal counts), false when it exits or time runs out.
    private static func waitForPING(_ client: RedisClient, process: Process, timeout: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline, !hasExited(process.processIdentifier) {
            do {
                try await client.ping()
                return true
            } catch let error as RedisError where error.code == "NOAUTH" {
                return true
            } catch {
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        return false
    }

    private static func executable() throws -> String {
        // REDIS_SERVER, when set, is the only place looked at, so that a wrong path fails instead of finding another.
        let candidates =
            ProcessInfo.processInfo.environment["REDIS_SERVER"].map { [$0] }
            ?? ["/usr/bin/redis-server", "/usr/local/bin/redis-server", "/opt/homebrew/bin/redis-server"]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw RedisServerError(
                message: "redis-server was not found (looked at \(candidates.joined(separator: ", "))). The Redis backend tests "
                    + "need a real server: install it (apt-get install redis-server, brew install redis) or set REDIS_SERVER "
                    + "to its path. CI installs it; these tests fail rather than skip so that a missing server is noticed."
            )
        }
        return found
    }

    /// A port nothing listens on right now.
    private static func freePort() throws -> Int {
        let channel = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0)
            .wait()
        defer { try? channel.close().wait() }
        guard let port = channel.localAddress?.port else { throw RedisServerError(message: "no free port on 127.0.0.1") }
        return port
    }

    private struct PortTaken: Error, CustomStringConvertible {
        var output: String
        var description: String { "redis-server exited at start: \(output)" }
    }
}

struct RedisServerError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Starts one `redis-server` around a whole suite and publishes it as ``RedisServer/shared``.
struct RedisServerTrait: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let server = try await RedisServer.start()
        do {
            try await RedisServer.$shared.withValue(server) {
                try await function()
            }
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }
}

extension Trait where Self == RedisServerTrait {
    /// A real `redis-server` for the suite.
    static var redisServer: Self { Self() }
}
