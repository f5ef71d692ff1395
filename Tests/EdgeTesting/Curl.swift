import Foundation

/// The real `curl`, run as a user would run it, with its answer split into status, headers and body.
public struct Curl: Sendable {
    public struct Response: Sendable {
        public var status: Int
        public var httpVersion: String
        /// Lower-cased names, in the order received (the last response's, after any 1xx).
        public var headers: [(name: String, value: String)]
        public var body: String

        public subscript(_ name: String) -> String? {
            headers.first { $0.name == name.lowercased() }?.value
        }

        public func all(_ name: String) -> [String] {
            headers.filter { $0.name == name.lowercased() }.map(\.value)
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs `curl -sS -D - <arguments>` and parses what it printed. The wait happens on a thread of its own: a
    /// test blocking one of Swift's few cooperative threads on curl would starve the very server it is calling,
    /// whose origin fetches run as tasks.
    public static func run(_ arguments: [String]) async throws -> Response {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try runBlocking(arguments) })
            }
        }
    }

    /// Runs `curl -sS <arguments>` and returns what it printed, for `-w` formats and several transfers at once.
    public static func output(_ arguments: [String]) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try runBlocking(["-sS", "--max-time", "20"] + arguments) })
            }
        }
    }

    private static func runBlocking(_ arguments: [String]) throws -> Response {
        try parse(runBlocking(["-sS", "--max-time", "20", "-D", "-", "-o", "-"] + arguments))
    }

    private static func runBlocking(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl"] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "curl \(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(errorText)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func parse(_ text: String) throws -> Response {
        var rest = Substring(text)
        var response: Response?
        // Header blocks repeat for 1xx answers; the last one before the body is the response.
        while rest.hasPrefix("HTTP/") {
            guard let end = rest.range(of: "\r\n\r\n") else { throw Failure(description: "no end of headers in: \(text)") }
            let lines = rest[..<end.lowerBound].components(separatedBy: "\r\n")
            let statusLine = lines[0].split(separator: " ")
            var headers: [(String, String)] = []
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers.append((line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
            response = Response(
                status: statusLine.count > 1 ? Int(statusLine[1]) ?? 0 : 0,
                httpVersion: String(statusLine[0]),
                headers: headers,
                body: ""
            )
            rest = rest[end.upperBound...]
        }
        guard var response else { throw Failure(description: "no HTTP response in: \(text)") }
        response.body = String(rest)
        return response
    }
}
