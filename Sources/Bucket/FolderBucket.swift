import Crypto
import HTTPSemantics
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An S3 bucket whose objects are the files under a folder, such as a built single-page app.
///
/// Keys are paths relative to the folder. Every request stats the file, so edits, new files and deletions show on the
/// next request without a restart. The MD5 ETag is computed once per version of a file (device, inode, size,
/// modification and change time) and cached. No key reaches outside the folder: a key is checked by
/// ``ObjectKey`` and its file's real path (symbolic links resolved) must lie under the folder's real path, the jail;
/// anything else reads as a key that does not exist. File I/O runs on a NIO thread pool, never on the caller's
/// executor.
public final class FolderBucket: Sendable {
    /// The bucket's name, as in `s3://name/`.
    public let name: String
    /// The real path of the bucket's folder, the jail every key resolves inside.
    public let folder: String
    /// When the folder was last modified at the time the bucket opened, as ListBuckets' `CreationDate`.
    public let creationDate: Int

    let threadPool: NIOThreadPool
    private let cache = NIOLockedValueBox([ObjectKey: CachedMetadata]())

    private struct CachedMetadata: Sendable {
        var identity: FileIdentity
        var metadata: ObjectMetadata
    }

    /// Cache entries kept before the cache starts over; every entry is one file version, and a rebuild is only hashing.
    private static let cacheLimit = 100_000
    /// Files up to this size are read whole once when their ETag is unknown; larger ones are hashed in chunks.
    private static let wholeReadLimit = 8 * 1024 * 1024

    /// Opens the folder at `folder` as the bucket `name`.
    ///
    /// - Throws: ``BucketError`` if the name is not a valid S3 bucket name or the folder does not exist.
    public init(name: String, folder: String, threadPool: NIOThreadPool = .singleton) throws(BucketError) {
        if let problem = Self.bucketNameProblem(name) { throw .invalidBucketName(name, reason: problem) }
        guard let real = FileSystem.realPath(folder) else { throw .folderNotFound(folder) }
        switch FileSystem.status(real) {
        case .success(let status) where status.kind == .directory:
            self.creationDate = status.identity.modifiedSeconds
        case .success:
            throw .notAFolder(folder)
        case .failure(let error):
            throw .fileSystem("stat", path: folder, errno: error.code)
        }
        self.name = name
        self.folder = real
        self.threadPool = threadPool
    }

    /// Reads the object at `key`, or returns nil if there is none.
    ///
    /// `read` is called with the object's metadata and picks which bytes to read, so conditionals and ranges are
    /// decided before any body is read. A file that changes while it is read is read again.
    /// - Throws: ``BucketError`` when the file exists but cannot be read.
    public func object(
        forKey key: ObjectKey,
        read: @escaping @Sendable (ObjectMetadata) -> ObjectRead
    ) async throws(BucketError) -> BucketObject? {
        try await offload { () throws(BucketError) in try self.load(key, read: read) }
    }

    /// The metadata of the object at `key`, or nil if there is none. Reads the file only to compute a new ETag.
    public func metadata(forKey key: ObjectKey) async throws(BucketError) -> ObjectMetadata? {
        try await object(forKey: key) { _ in .metadataOnly }?.metadata
    }

    /// Runs blocking file work on the thread pool (inline if the pool has been shut down).
    func offload<Value: Sendable>(_ work: @escaping @Sendable () throws(BucketError) -> Value) async throws(BucketError) -> Value {
        let outcome: Result<Value, BucketError>
        do {
            outcome = try await threadPool.runIfActive { Self.capture(work) }
        } catch {
            outcome = Self.capture(work)
        }
        return try outcome.get()
    }

    private static func capture<Value>(_ work: () throws(BucketError) -> Value) -> Result<Value, BucketError> {
        do {
            return .success(try work())
        } catch {
            return .failure(error)
        }
    }

    /// The real path of `key`'s file if it resolves inside the folder, else nil.
    func resolve(_ relativePath: String) -> String? {
        guard let real = FileSystem.realPath(folder + "/" + relativePath) else { return nil }
        return isInsideFolder(real) ? real : nil
    }

    /// Byte-wise containment (a `String.hasPrefix` would compare canonically equivalent Unicode as equal).
    func isInsideFolder(_ realPath: String) -> Bool {
        let path = realPath.utf8
        let root = folder.utf8
        guard path.count > root.count, path.starts(with: root) else { return false }
        return root.last == UInt8(ascii: "/") || path[path.index(path.startIndex, offsetBy: root.count)] == UInt8(ascii: "/")
    }

    private func load(_ key: ObjectKey, read: (ObjectMetadata) -> ObjectRead) throws(BucketError) -> BucketObject? {
        guard !key.isFolder, let path = resolve(key.rawValue) else { return nil }
        let attempts = 3
        for attempt in 1...attempts {
            let descriptor: Int32
            switch FileSystem.openForReading(path) {
            case .success(let opened): descriptor = opened
            case .failure(let error) where error.meansNoSuchFile: return nil
            case .failure(let error): throw .fileSystem("open", path: path, errno: error.code)
            }
            defer { close(descriptor) }
            guard case .success(let before) = FileSystem.status(descriptor: descriptor), before.kind == .regular else { return nil }

            var wholeBody: ByteBuffer?
            let metadata: ObjectMetadata
            if let known = cachedMetadata(key, identity: before.identity) {
                metadata = known
            } else {
                let etag: String
                if before.identity.size <= Self.wholeReadLimit {
                    let body = try FileSystem.read(descriptor: descriptor, offset: 0, count: before.identity.size, path: path)
                    etag = Self.etag(body.digest(Insecure.MD5.self))
                    wholeBody = body
                } else {
                    var md5 = Insecure.MD5()
                    try FileSystem.forEachChunk(descriptor: descriptor, path: path) { md5.update(bufferPointer: $0) }
                    etag = Self.etag(md5.finalize())
                }
                metadata = makeMetadata(key, identity: before.identity, etag: etag)
            }

            var object = BucketObject(metadata: metadata, body: nil, range: nil)
            var expectedLength = 0
            switch read(metadata) {
            case .metadataOnly:
                break
            case .whole:
                expectedLength = metadata.size
                if let wholeBody {
                    object.body = wholeBody
                } else {
                    object.body = try FileSystem.read(descriptor: descriptor, offset: 0, count: metadata.size, path: path)
                }
            case .bytes(let range):
                expectedLength = range.count
                if let slice = wholeBody?.getSlice(at: range.lowerBound, length: range.count) {
                    object.body = slice
                } else {
                    object.body = try FileSystem.read(descriptor: descriptor, offset: range.lowerBound, count: range.count, path: path)
                }
                object.range = range
            }

            // A writer that changed the file while it was read makes the bytes and the ETag disagree: read again.
            guard case .success(let after) = FileSystem.status(descriptor: descriptor) else { return nil }
            let consistent =
                after.identity == before.identity && (wholeBody?.readableBytes ?? metadata.size) == metadata.size
                && (object.body?.readableBytes ?? 0) == expectedLength
            if consistent || attempt == attempts {
                if consistent { remember(key, identity: before.identity, metadata: metadata) }
                return object
            }
        }
        return nil
    }

    /// The metadata of a file found by a directory scan (listing), from the cache or by hashing it.
    func metadata(of file: ScannedFile) throws(BucketError) -> ObjectMetadata? {
        if let known = cachedMetadata(file.key, identity: file.identity) { return known }
        let descriptor: Int32
        switch FileSystem.openForReading(file.path) {
        case .success(let opened): descriptor = opened
        case .failure(let error) where error.meansNoSuchFile: return nil
        case .failure(let error): throw .fileSystem("open", path: file.path, errno: error.code)
        }
        defer { close(descriptor) }
        guard case .success(let status) = FileSystem.status(descriptor: descriptor), status.kind == .regular else { return nil }
        var md5 = Insecure.MD5()
        try FileSystem.forEachChunk(descriptor: descriptor, path: file.path) { md5.update(bufferPointer: $0) }
        let metadata = makeMetadata(file.key, identity: status.identity, etag: Self.etag(md5.finalize()))
        if case .success(let after) = FileSystem.status(descriptor: descriptor), after.identity == status.identity {
            remember(file.key, identity: status.identity, metadata: metadata)
        }
        return metadata
    }

    func makeMetadata(_ key: ObjectKey, identity: FileIdentity, etag: String) -> ObjectMetadata {
        ObjectMetadata(
            key: key,
            size: identity.size,
            etag: etag,
            lastModified: identity.modifiedSeconds,
            lastModifiedHTTPDate: HTTPDate.format(epochSeconds: identity.modifiedSeconds),
            contentType: MediaTypes.contentType(forKey: key.rawValue)
        )
    }

    private func cachedMetadata(_ key: ObjectKey, identity: FileIdentity) -> ObjectMetadata? {
        cache.withLockedValue { entries in
            guard let entry = entries[key], entry.identity == identity else { return nil }
            return entry.metadata
        }
    }

    func remember(_ key: ObjectKey, identity: FileIdentity, metadata: ObjectMetadata) {
        cache.withLockedValue { entries in
            if entries.count >= Self.cacheLimit { entries.removeAll(keepingCapacity: true) }
            entries[key] = CachedMetadata(identity: identity, metadata: metadata)
        }
    }

    func forget(_ key: ObjectKey) {
        _ = cache.withLockedValue { $0.removeValue(forKey: key) }
    }

    /// The quoted lowercase hex of a digest, as S3 spells an ETag.
    static func etag(_ digest: some Digest) -> String {
        "\"" + hexadecimal(digest) + "\""
    }

    static func hexadecimal(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Why `name` is not a valid S3 bucket name, or nil if it is one.
    static func bucketNameProblem(_ name: String) -> String? {
        let bytes = Array(name.utf8)
        guard (3...63).contains(bytes.count) else { return "it has \(bytes.count) characters" }
        let allowed = bytes.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
        guard allowed else { return "it has a character other than a-z, 0-9, '.' and '-'" }
        let edges = [bytes.first!, bytes.last!]
        guard edges.allSatisfy({ $0 != UInt8(ascii: "-") && $0 != UInt8(ascii: ".") }) else {
            return "it must begin and end with a letter or digit"
        }
        guard !name.contains("..") else { return "it has two adjacent dots" }
        return nil
    }
}

extension ByteBuffer {
    /// The digest of the readable bytes.
    func digest<Hash: HashFunction>(_ hash: Hash.Type) -> Hash.Digest {
        withUnsafeReadableBytes { Hash.hash(data: $0) }
    }
}
