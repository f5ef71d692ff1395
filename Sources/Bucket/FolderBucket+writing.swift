import Crypto
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension FolderBucket {
    /// Stores `body` as the object at `key`, atomically: readers see the old file or the new one, never a mix.
    ///
    /// The bytes go to a temporary file beside the target, which is then renamed over it. Folders in the key are
    /// created as needed, each checked to resolve inside the bucket's folder. A key ending in `/` with an empty body
    /// creates the folder, as S3 consoles do to make a "folder".
    /// - Throws: ``BucketError`` when the key cannot be a file here (a file where the key needs a folder, or the
    ///   reverse) or the write fails.
    @discardableResult
    public func putObject(_ key: ObjectKey, body: ByteBuffer) async throws(BucketError) -> ObjectMetadata {
        try await offload { () throws(BucketError) in
            if key.isFolder {
                guard body.readableBytes == 0 else {
                    throw .keyNotStorable(key.rawValue, reason: "a key ending in '/' is a folder here and cannot hold data")
                }
                return try self.makeFolderObject(key)
            }
            return try self.writeAtomically(key) { descriptor, path, md5 throws(BucketError) in
                try body.withUnsafeReadableBytes { bytes throws(BucketError) in
                    try FileSystem.write(descriptor: descriptor, bytes, path: path)
                    md5.update(bufferPointer: bytes)
                }
            }
        }
    }

    /// Stores the concatenation of `files` (a multipart upload's parts) as the object at `key`, atomically.
    func putObject(_ key: ObjectKey, concatenating files: [String]) async throws(BucketError) -> ObjectMetadata {
        try await offload { () throws(BucketError) in
            guard !key.isFolder else { throw .keyNotStorable(key.rawValue, reason: "a key ending in '/' is a folder here and cannot hold data") }
            return try self.writeAtomically(key) { descriptor, path, md5 throws(BucketError) in
                for file in files {
                    let source: Int32
                    switch FileSystem.openForReading(file) {
                    case .success(let opened): source = opened
                    case .failure(let error): throw .fileSystem("open", path: file, errno: error.code)
                    }
                    defer { close(source) }
                    try FileSystem.forEachChunk(descriptor: source, path: file) { chunk throws(BucketError) in
                        try FileSystem.write(descriptor: descriptor, chunk, path: path)
                        md5.update(bufferPointer: chunk)
                    }
                }
            }
        }
    }

    /// Removes the object at `key`; a key that does not exist is not an error (S3's DeleteObject answers 204 alike).
    ///
    /// Folders left empty by the removal are removed too, since in S3 a prefix exists only while keys use it.
    public func deleteObject(_ key: ObjectKey) async throws(BucketError) {
        try await offload { () throws(BucketError) in try self.remove(key) }
    }

    /// Writes a temporary file beside the key's file with `write`, then renames it over the key's file.
    private func writeAtomically(
        _ key: ObjectKey,
        _ write: (Int32, String, inout Insecure.MD5) throws(BucketError) -> Void
    ) throws(BucketError) -> ObjectMetadata {
        let (parentKey, name) = split(key)
        let parent = try makeFolders(parentKey, for: key)
        let target = parent + "/" + name
        if case .success(let existing) = FileSystem.status(target, followingLinks: false), existing.kind == .directory {
            throw .keyNotStorable(key.rawValue, reason: "'\(key.rawValue)' is a folder in the bucket")
        }
        let random = withUnsafeBytes(of: UInt64.random(in: .min ... .max)) { Array($0) }
        let temporary = parent + "/" + ObjectKey.uploadFilePrefix + Self.hexadecimal(random)
        let descriptor = FileSystem.retryingInterrupts { open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666) }
        guard descriptor >= 0 else { throw .fileSystem("create", path: temporary, errno: errno) }
        var md5 = Insecure.MD5()
        do throws(BucketError) {
            try write(descriptor, temporary, &md5)
            guard close(descriptor) == 0 else { throw .fileSystem("close", path: temporary, errno: errno) }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, target) == 0 else {
            let code = errno
            unlink(temporary)
            throw .fileSystem("rename", path: target, errno: code)
        }
        guard case .success(let status) = FileSystem.status(target, followingLinks: false) else {
            throw .fileSystem("stat", path: target, errno: errno)
        }
        let metadata = makeMetadata(key, identity: status.identity, etag: Self.etag(md5.finalize()))
        remember(key, identity: status.identity, metadata: metadata)
        return metadata
    }

    /// A folder "object" (`photos/`): the folder, created if missing, reported as an empty object.
    private func makeFolderObject(_ key: ObjectKey) throws(BucketError) -> ObjectMetadata {
        let path = try makeFolders(key.rawValue, for: key)
        guard case .success(let status) = FileSystem.status(path) else { throw .fileSystem("stat", path: path, errno: errno) }
        var identity = status.identity
        identity.size = 0
        return makeMetadata(key, identity: identity, etag: Self.etag(Insecure.MD5().finalize()))
    }

    private func remove(_ key: ObjectKey) throws(BucketError) {
        forget(key)
        let (parentKey, name) = split(key)
        guard let parent = parentKey.isEmpty ? folder : resolve(parentKey) else { return }
        if key.isFolder {
            if parent != folder { rmdir(parent) }
        } else {
            let target = parent + "/" + name
            guard case .success(let status) = FileSystem.status(target, followingLinks: false) else { return }
            guard status.kind == .regular || status.kind == .symbolicLink else { return }
            guard unlink(target) == 0 || errno == ENOENT else { throw .fileSystem("unlink", path: target, errno: errno) }
        }
        removeEmptyFolders(above: key)
    }

    /// Removes the key's now-empty enclosing folders, deepest first, stopping at the first that is not empty.
    private func removeEmptyFolders(above key: ObjectKey) {
        var folderKey = key.isFolder ? String(key.rawValue.dropLast()) : key.rawValue
        while let slash = folderKey.lastIndex(of: "/") {
            folderKey = String(folderKey[..<slash])
            guard let path = resolve(folderKey), rmdir(path) == 0 else { return }
        }
    }

    /// The key's folder part (`a/b/` for `a/b/c.txt` and for `a/b/`) and its file name (`c.txt`, or empty).
    private func split(_ key: ObjectKey) -> (folder: String, name: String) {
        let raw = key.rawValue
        if key.isFolder { return (raw, "") }
        guard let slash = raw.lastIndex(of: "/") else { return ("", raw) }
        return (String(raw[...slash]), String(raw[raw.index(after: slash)...]))
    }

    /// Creates each folder of `folderKey` (`a/b/`) that is missing and returns the last one's real path.
    private func makeFolders(_ folderKey: String, for key: ObjectKey) throws(BucketError) -> String {
        var current = folder
        for segment in folderKey.split(separator: "/") {
            let next = current + "/" + segment
            if mkdir(next, 0o777) != 0 && errno != EEXIST {
                throw .fileSystem("mkdir", path: next, errno: errno)
            }
            guard let real = FileSystem.realPath(next), isInsideFolder(real) else {
                throw .keyNotStorable(key.rawValue, reason: "'\(segment)' leads outside the bucket's folder")
            }
            guard case .success(let status) = FileSystem.status(real), status.kind == .directory else {
                throw .keyNotStorable(key.rawValue, reason: "'\(segment)' is a file in the bucket, so it cannot also be a folder")
            }
            current = real
        }
        return current
    }
}
