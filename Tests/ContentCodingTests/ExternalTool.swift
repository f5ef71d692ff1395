import Foundation
import NIOCore

/// Runs the system `gzip` and `brotli` binaries on a body, to check our output against independent codecs.
enum ExternalTool {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Writes `input` to a temporary file, runs `executable arguments... file`, and returns what it wrote to stdout.
    /// The tool runs on a thread of its own, so that waiting for it never holds one of Swift's few cooperative
    /// threads, which the other suites running in parallel need.
    static func run(_ executable: String, _ arguments: [String], input: ByteBuffer) async throws -> ByteBuffer {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try runBlocking(executable, arguments, input: input) })
            }
        }
    }

    private static func runBlocking(_ executable: String, _ arguments: [String], input: ByteBuffer) throws -> ByteBuffer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ContentCodingTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputFile = directory.appendingPathComponent("input")
        try Data(input.readableBytesView).write(to: inputFile)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments + [inputFile.path]
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot run \(executable) (\(error)); install it with apt-get install -y gzip brotli")
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(message)")
        }
        return ByteBuffer(bytes: output)
    }
}
