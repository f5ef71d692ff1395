import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What identifies one version of a file: if any of these change, the content may have changed.
///
/// The change time is part of it because it cannot be set from user space: a tool that rewrites a file in place
/// and then restores its size and modification time (`cp -p`, `rsync -t` without a temp file) still changes it.
struct FileIdentity: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int
    var modifiedSeconds: Int
    var modifiedNanoseconds: Int
    var changedSeconds: Int
    var changedNanoseconds: Int
}

/// The result of `stat`: a file's identity and what kind of file it is.
struct FileStatus: Sendable {
    enum Kind: Sendable { case regular, directory, symbolicLink, other }
    var identity: FileIdentity
    var kind: Kind
}

/// Thin, `errno`-preserving wrappers over the POSIX calls a folder bucket needs; all of them block.
enum FileSystem {
    /// `realpath(3)`: the absolute path with every symbolic link, `.` and `..` resolved, or nil if it does not resolve.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(validatingCString: resolved)
    }

    /// `stat(2)` (`followingLinks`) or `lstat(2)`; the error is `errno`.
    static func status(_ path: String, followingLinks: Bool = true) -> Result<FileStatus, Errno> {
        var info = stat()
        let result = followingLinks ? stat(path, &info) : lstat(path, &info)
        return result == 0 ? .success(FileStatus(info)) : .failure(Errno(errno))
    }

    /// `fstat(2)` of an open descriptor.
    static func status(descriptor: Int32) -> Result<FileStatus, Errno> {
        var info = stat()
        return fstat(descriptor, &info) == 0 ? .success(FileStatus(info)) : .failure(Errno(errno))
    }

    /// Opens `path` read-only without following a final symbolic link; the error is `errno`.
    static func openForReading(_ path: String) -> Result<Int32, Errno> {
        let descriptor = retryingInterrupts { open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW) }
        return descriptor >= 0 ? .success(descriptor) : .failure(Errno(errno))
    }

    /// Reads `count` bytes at `offset` into a new buffer; fewer if the file is shorter now.
    static func read(descriptor: Int32, offset: Int, count: Int, path: String) throws(BucketError) -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: count)
        var done = 0
        while done < count {
            let got = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 0) { destination in
                let wanted = min(destination.count, count - done)
                return retryingInterrupts { pread(descriptor, destination.baseAddress, wanted, off_t(offset + done)) }
            }
            if got < 0 { throw .fileSystem("read", path: path, errno: errno) }
            if got == 0 { break }
            done += got
        }
        return buffer
    }

    /// Feeds the file's bytes to `consume` in chunks, so a large file is never held in memory whole.
    static func forEachChunk(
        descriptor: Int32,
        path: String,
        _ consume: (UnsafeRawBufferPointer) throws(BucketError) -> Void
    ) throws(BucketError) {
        let chunkSize = 256 * 1024
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { chunk.deallocate() }
        var offset = 0
        while true {
            let got = retryingInterrupts { pread(descriptor, chunk.baseAddress, chunkSize, off_t(offset)) }
            if got < 0 { throw .fileSystem("read", path: path, errno: errno) }
            if got == 0 { return }
            try consume(UnsafeRawBufferPointer(rebasing: chunk[0..<got]))
            offset += got
        }
    }

    /// Creates (or truncates) `path` and writes `bytes` to it; for staging files outside any bucket.
    static func writeFile(_ path: String, _ bytes: UnsafeRawBufferPointer) throws(BucketError) {
        let descriptor = retryingInterrupts { open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600) }
        guard descriptor >= 0 else { throw .fileSystem("create", path: path, errno: errno) }
        defer { close(descriptor) }
        try write(descriptor: descriptor, bytes, path: path)
    }

    /// Writes all of `bytes` to a descriptor.
    static func write(descriptor: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(BucketError) {
        var done = 0
        while done < bytes.count {
            let wrote = retryingInterrupts { systemWrite(descriptor, bytes.baseAddress! + done, bytes.count - done) }
            if wrote < 0 { throw .fileSystem("write", path: path, errno: errno) }
            done += wrote
        }
    }

    /// The names in a directory, without `.` and `..`; names that are not UTF-8 are skipped (they cannot be keys).
    static func entries(ofDirectory path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(validatingCString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            guard let name, name != ".", name != ".." else { continue }
            names.append(name)
        }
        return names
    }

    static func retryingInterrupts<T: BinaryInteger>(_ call: () -> T) -> T {
        while true {
            let result = call()
            if result >= 0 || errno != EINTR { return result }
        }
    }
}

/// A captured `errno` value.
struct Errno: Error, Equatable, Sendable {
    var code: Int32
    init(_ code: Int32) { self.code = code }

    /// The path does not lead to a file: nothing there, a file where a folder was expected, a link loop, too long.
    var meansNoSuchFile: Bool { [ENOENT, ENOTDIR, ELOOP, ENAMETOOLONG].contains(code) }
}

extension FileStatus {
    init(_ info: stat) {
        #if canImport(Darwin)
        let modified = info.st_mtimespec
        let changed = info.st_ctimespec
        #else
        let modified = info.st_mtim
        let changed = info.st_ctim
        #endif
        identity = FileIdentity(
            device: UInt64(info.st_dev),
            inode: UInt64(info.st_ino),
            size: Int(info.st_size),
            modifiedSeconds: Int(modified.tv_sec),
            modifiedNanoseconds: Int(modified.tv_nsec),
            changedSeconds: Int(changed.tv_sec),
            changedNanoseconds: Int(changed.tv_nsec)
        )
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symbolicLink
        default: kind = .other
        }
    }
}

#if canImport(Darwin)
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { Darwin.write(descriptor, bytes, count) }
#elseif canImport(Musl)
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { Musl.write(descriptor, bytes, count) }
#else
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { Glibc.write(descriptor, bytes, count) }
#endif
