#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure to open a folder bucket or to read or write one of its files.
public struct BucketError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Kind: Sendable, Equatable {
        case invalidBucketName(name: String, reason: String)
        case folderNotFound(path: String)
        case notAFolder(path: String)
        case permissionDenied(path: String)
        case keyNotStorable(key: String, reason: String)
        case fileSystem(operation: String, path: String, errno: Int32)
    }

    private let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    static func invalidBucketName(_ name: String, reason: String) -> Self { .init(.invalidBucketName(name: name, reason: reason)) }
    static func folderNotFound(_ path: String) -> Self { .init(.folderNotFound(path: path)) }
    static func notAFolder(_ path: String) -> Self { .init(.notAFolder(path: path)) }
    static func permissionDenied(_ path: String) -> Self { .init(.permissionDenied(path: path)) }
    static func keyNotStorable(_ key: String, reason: String) -> Self { .init(.keyNotStorable(key: key, reason: reason)) }
    static func fileSystem(_ operation: String, path: String, errno: Int32) -> Self {
        errno == EACCES || errno == EPERM ? .permissionDenied(path) : .init(.fileSystem(operation: operation, path: path, errno: errno))
    }

    /// True when the operating system refused access to a file (S3 answers such objects with 403 AccessDenied).
    public var isPermissionDenied: Bool {
        if case .permissionDenied = kind { return true }
        return false
    }

    /// True when a key cannot be stored as a file of the folder (S3 would accept it; the folder cannot hold it).
    public var isKeyNotStorable: Bool {
        if case .keyNotStorable = kind { return true }
        return false
    }

    public var description: String {
        switch kind {
        case .invalidBucketName(let name, let reason):
            "Bucket name '\(name)' is not valid: \(reason). Use 3 to 63 lowercase letters, digits, dots and hyphens."
        case .folderNotFound(let path):
            "Bucket folder '\(path)' does not exist. Create it, or point the bucket at the folder your build writes."
        case .notAFolder(let path):
            "Bucket folder '\(path)' is a file, not a folder. Point the bucket at the folder your build writes."
        case .permissionDenied(let path):
            "Permission denied on '\(path)'. Make it readable (and writable for uploads) by the user running edgesim."
        case .keyNotStorable(let key, let reason):
            "Object key '\(key)' cannot be stored in a folder bucket: \(reason)."
        case .fileSystem(let operation, let path, let code):
            "\(operation) failed on '\(path)': \(String(cString: strerror(code))) (errno \(code))."
        }
    }
}
