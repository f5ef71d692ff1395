import Foundation

/// Quota usage per usage plan and API key, kept in `gateway-usage.json` under the state directory so that
/// counters survive a restart. Writes go to a temporary file renamed over the old one, so a crash never leaves
/// half a file.
struct UsageStore: Sendable {
    struct Counter: Codable, Sendable, Equatable {
        var period: String
        var periodIndex: Int
        /// The period in which counting began, which AWS's quota `offset` applies to.
        var firstPeriodIndex: Int
        var used: Int
    }

    private struct Document: Codable {
        var version: Int
        var counters: [String: Counter]
    }

    static let fileName = "gateway-usage.json"

    let fileURL: URL?

    init(stateDirectory: String?) {
        fileURL = stateDirectory.map { URL(fileURLWithPath: $0).appendingPathComponent(Self.fileName) }
    }

    static func key(usagePlan: String, apiKey: String) -> String {
        usagePlan + "/" + apiKey
    }

    /// The counters on disk; empty when there is no file yet.
    func load() throws(GatewayStateError) -> [String: Counter] {
        guard let fileURL, FileManager.default.fileExists(atPath: fileURL.path) else { return [:] }
        do {
            let data = try Data(contentsOf: fileURL)
            return try JSONDecoder().decode(Document.self, from: data).counters
        } catch {
            throw GatewayStateError(path: fileURL.path, reason: .unreadable(String(describing: error)))
        }
    }

    /// Writes all counters atomically.
    func save(_ counters: [String: Counter]) throws(GatewayStateError) {
        guard let fileURL else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        do {
            try FileManager.default.createDirectory(at: fileURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            let data = try encoder.encode(Document(version: 1, counters: counters))
            try data.write(to: fileURL, options: .atomic)
        } catch {
            throw GatewayStateError(path: fileURL.path, reason: .unwritable(String(describing: error)))
        }
    }
}

/// A problem with the gateway's state directory: what, where, and how to fix it.
public struct GatewayStateError: Error, CustomStringConvertible, Sendable {
    enum Reason: Sendable {
        case unreadable(String)
        case unwritable(String)
        case invalidKey(String)
    }

    let path: String
    let reason: Reason

    public var description: String {
        switch reason {
        case .unreadable(let detail):
            "cannot read \(path): \(detail). Fix or delete the file; it is recreated."
        case .unwritable(let detail):
            "cannot write \(path): \(detail). Check that the state directory exists and is writable."
        case .invalidKey(let detail):
            "the signing key in \(path) is not usable: \(detail). Delete it and a new one is created."
        }
    }
}
