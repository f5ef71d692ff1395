import Foundation

/// A fresh folder under the system's temporary folder, removed when the test's body returns.
@discardableResult
func withTemporaryDirectory<Result>(_ body: (String) async throws -> Result) async throws -> Result {
    var template = Array((NSTemporaryDirectory() + "/edgesim-certs-XXXXXX").utf8CString)
    guard let created = mkdtemp(&template) else {
        throw POSIXError(.init(rawValue: errno) ?? .EIO)
    }
    let path = String(cString: created)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try await body(path)
}

/// The permission bits of a file, as `stat` gives them.
func fileMode(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? Int ?? -1) & 0o777
}

func writeFile(_ contents: String, to path: String) throws {
    try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
}

func readFile(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
}

/// Runs a command line tool (openssl) with stdin at end of file and returns its exit status and combined output.
func runTool(_ executable: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            process.standardInput = FileHandle.nullDevice
            do {
                try process.run()
                let output = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: (process.terminationStatus, String(decoding: output, as: UTF8.self)))
            } catch {
                continuation.resume(throwing: error)
            }
        }
    }
}
