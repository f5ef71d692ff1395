/// Why access logs could not be written: what failed, on which path, and what to do.
public struct AccessLogError: Error, Sendable, CustomStringConvertible {
    private enum Kind: Sendable {
        case directoryUnavailable
        case cannotCreateFile
        case writeFailed
    }

    private let kind: Kind
    /// The directory or file concerned.
    public let path: String
    /// The system's reason (`Permission denied`, `No space left on device`).
    public let reason: String

    private init(_ kind: Kind, path: String, reason: String) {
        self.kind = kind
        self.path = path
        self.reason = reason
    }

    static func directoryUnavailable(_ path: String, reason: String) -> AccessLogError {
        AccessLogError(.directoryUnavailable, path: path, reason: reason)
    }

    static func cannotCreateFile(_ path: String, reason: String) -> AccessLogError {
        AccessLogError(.cannotCreateFile, path: path, reason: reason)
    }

    static func writeFailed(_ path: String, reason: String) -> AccessLogError {
        AccessLogError(.writeFailed, path: path, reason: reason)
    }

    public var description: String {
        switch kind {
        case .directoryUnavailable:
            "the access log directory \(path) cannot be created or written (\(reason)); make it writable or pick another --state-dir"
        case .cannotCreateFile:
            "the access log file \(path) cannot be created (\(reason)); check the directory's permissions and free space"
        case .writeFailed:
            "writing the access log file \(path) failed (\(reason)); its lines since the last write were dropped; free some space"
        }
    }
}
