import Foundation

/// A folder under the system's temporary directory, removed when the test is done with it.
public final class TemporaryFolder: Sendable {
    public let path: String

    public init(prefix: String = "edgesim") throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    /// Writes `contents` at `relativePath`, creating folders on the way.
    @discardableResult
    public func write(_ relativePath: String, _ contents: String) throws -> String {
        let url = URL(fileURLWithPath: path).appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: url)
        return url.path
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
