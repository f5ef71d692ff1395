import Foundation
import NIOConcurrencyHelpers

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs an executable with bytes on stdin and collects stdout and stderr, off the event loop and off Swift's
/// cooperative pool: the blocking pipe reads happen on Dispatch threads, and the caller awaits a continuation.
///
/// Past the timeout the caller is answered at once and the process gets SIGTERM, then SIGKILL a second later;
/// children it started that still hold its pipes do not delay the answer.
enum ProcessRunner {
    struct Output: Sendable, Equatable {
        let exitStatus: Int32
        let stdout: Data
        let stderr: Data
    }

    enum Failure: Error, Sendable, Equatable {
        case launch(String)
        case timedOut
    }

    static func run(
        command: [String],
        stdin: Data,
        environment: [String: String],
        workingDirectory: String?,
        timeout: Duration
    ) async -> Result<Output, Failure> {
        guard let executable = command.first, let executableURL = locate(executable) else {
            return .failure(.launch("`\(command.first ?? "")` is not an executable file or in PATH"))
        }
        let process = Process()
        process.executableURL = executableURL
        process.arguments = Array(command.dropFirst())
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, configured in configured }
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            return .failure(.launch("\(executableURL.path): \(error)"))
        }
        let finish = FirstAnswer<Result<Output, Failure>>()
        let exchange = PipeExchange()
        let group = DispatchGroup()
        let queue = Self.pipeQueue
        queue.async(group: group) {
            // A process that exits without reading stdin makes this write fail with EPIPE; that is its business.
            try? input.fileHandleForWriting.write(contentsOf: stdin)
            try? input.fileHandleForWriting.close()
        }
        queue.async(group: group) { exchange.setStdout(output.fileHandleForReading.readDataToEndOfFile()) }
        queue.async(group: group) { exchange.setStderr(errors.fileHandleForReading.readDataToEndOfFile()) }
        queue.async(group: group) { process.waitUntilExit() }
        group.notify(queue: queue) {
            let (stdout, stderr) = exchange.collected
            finish.answer(.success(Output(exitStatus: process.terminationStatus, stdout: stdout, stderr: stderr)))
        }
        let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        queue.asyncAfter(deadline: .now() + .nanoseconds(Int(nanoseconds))) {
            if finish.answer(.failure(.timedOut)) { stop(process) }
        }
        return await withTaskCancellationHandler {
            await finish.value
        } onCancel: {
            if finish.answer(.failure(.timedOut)) { stop(process) }
        }
    }

    /// The blocking pipe reads and waits run here. A queue of our own overcommits (a thread per blocked item),
    /// where the global queues keep to one thread a core: there, two blocked functions on a two-core machine
    /// held back every other function's timeout.
    private static let pipeQueue = DispatchQueue(label: "edgesim.gateway.processes", attributes: .concurrent)

    private static func stop(_ process: Process) {
        guard process.isRunning else { return }
        process.terminate()
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) {
            if process.isRunning { kill(pid, SIGKILL) }
        }
    }

    /// A path (with a slash) as it is; a bare name searched in `PATH`.
    static func locate(_ executable: String) -> URL? {
        let fileManager = FileManager.default
        if executable.contains("/") {
            return fileManager.isExecutableFile(atPath: executable) ? URL(fileURLWithPath: executable) : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(executable)
            if fileManager.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}

/// What the pipe readers collected.
private final class PipeExchange: Sendable {
    private let state = NIOLockedValueBox((stdout: Data(), stderr: Data()))

    func setStdout(_ data: Data) { state.withLockedValue { $0.stdout = data } }
    func setStderr(_ data: Data) { state.withLockedValue { $0.stderr = data } }
    var collected: (Data, Data) { state.withLockedValue { ($0.stdout, $0.stderr) } }
}
