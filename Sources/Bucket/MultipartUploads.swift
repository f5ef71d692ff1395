import NIOConcurrencyHelpers

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Multipart uploads in progress: their parts wait in a private temporary folder, outside every bucket, until
/// CompleteMultipartUpload writes the object or AbortMultipartUpload discards them.
final class MultipartUploads: Sendable {
    struct Upload: Sendable {
        var bucket: String
        var key: ObjectKey
        var directory: String
        var parts: [Int: Part] = [:]
    }

    struct Part: Sendable {
        var etag: String
        var size: Int
        var path: String
    }

    private let uploads = NIOLockedValueBox([String: Upload]())

    /// Starts an upload and returns its ID.
    func create(bucket: String, key: ObjectKey) throws(BucketError) -> String {
        let temporaryRoot = getenv("TMPDIR").flatMap { String(validatingCString: $0) } ?? "/tmp"
        var template = Array((temporaryRoot + "/edgesim-multipart-XXXXXX").utf8CString)
        guard let directory = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }).flatMap({ String(validatingCString: $0) }) else {
            throw .fileSystem("mkdtemp", path: temporaryRoot, errno: errno)
        }
        let random = (0..<3).flatMap { _ in withUnsafeBytes(of: UInt64.random(in: .min ... .max)) { Array($0) } }
        let id = Base64.encode(random).replacingSlashes
        uploads.withLockedValue { $0[id] = Upload(bucket: bucket, key: key, directory: directory) }
        return id
    }

    func upload(_ id: String) -> Upload? {
        uploads.withLockedValue { $0[id] }
    }

    /// Records a part whose bytes are already at `part.path`; a part uploaded again replaces the earlier one.
    /// Returns false if the upload ended meanwhile.
    func add(_ part: Part, number: Int, to id: String) -> Bool {
        uploads.withLockedValue { uploads in
            guard uploads[id] != nil else { return false }
            uploads[id]?.parts[number] = part
            return true
        }
    }

    /// Ends the upload and deletes its staged parts (the parts of a completed upload are in the object by then).
    func finish(_ id: String) {
        guard let upload = uploads.withLockedValue({ $0.removeValue(forKey: id) }) else { return }
        for name in FileSystem.entries(ofDirectory: upload.directory) { unlink(upload.directory + "/" + name) }
        rmdir(upload.directory)
    }
}

extension String {
    /// Upload IDs travel in query strings; base64's `/` and `+` are swapped for URL-safe characters.
    fileprivate var replacingSlashes: String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "/" ? "_" : $0 == "+" ? "-" : $0 }))
    }
}
