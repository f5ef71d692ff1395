#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Reads and writes the PEM files of the certificates folder with plain POSIX calls, so that a private key file is
/// created with mode 0600 from its first byte rather than narrowed after being written.
enum PEMFile {
    /// Mode for private keys: readable and writable by the owner only.
    static let privateMode: mode_t = 0o600
    /// Mode for certificates, which are public.
    static let publicMode: mode_t = 0o644

    enum ReadResult {
        case contents(String)
        case missing
        case failed(reason: String)
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    static func load(_ path: String) -> ReadResult {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            return code == ENOENT ? .missing : .failed(reason: Self.describe(code))
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 {
                break
            }
            if count < 0 {
                let code = errno
                if code == EINTR {
                    continue
                }
                return .failed(reason: Self.describe(code))
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return .contents(String(decoding: bytes, as: UTF8.self))
    }

    /// Replaces `path` atomically with `contents`: the bytes go to a new temporary file created with `mode`, which is
    /// then renamed over `path`. A reader never sees half a file, and a key file never exists with a wider mode.
    static func store(_ contents: String, at path: String, mode: mode_t) throws(CertificateError) {
        let temporaryPath = path + ".tmp-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            throw .writeFailed(path, reason: Self.describe(errno))
        }
        var failure: Int32?
        var bytes = Array(contents.utf8)[...]
        while !bytes.isEmpty && failure == nil {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno != EINTR {
                    failure = errno
                }
            } else {
                bytes = bytes.dropFirst(written)
            }
        }
        if failure == nil && fsync(descriptor) != 0 {
            failure = errno
        }
        if close(descriptor) != 0 && failure == nil {
            failure = errno
        }
        if failure == nil && rename(temporaryPath, path) != 0 {
            failure = errno
        }
        if let failure {
            unlink(temporaryPath)
            throw .writeFailed(path, reason: Self.describe(failure))
        }
    }

    /// Creates `path` and its missing parents with mode 0755.
    static func createDirectory(_ path: String) throws(CertificateError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw .writeFailed(path, reason: Self.describe(errno))
            }
            prefix += "/"
        }
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw .writeFailed(path, reason: "not a folder")
        }
    }

    private static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
