#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The open log files of the writer thread: one per distribution and hour, named as CloudFront names them
/// (`<DistributionID>.<YYYY-MM-DD-HH>.<unique-ID>.log`, UTC), each starting with the two header lines.
///
/// Lines gather in each file's buffer and go out in one `write(2)` per file per batch. A file that would pass
/// the size limit is closed first and the line starts the next file of the same hour, so no line is ever split.
/// Lives on the writer thread only.
struct AccessLogFiles {
    private struct FileKey: Hashable {
        var distribution: String
        var hour: Int
    }

    private struct OpenFile {
        var descriptor: Int32
        var path: String
        /// Written plus buffered.
        var bytes: Int
        var lines: Int
        /// Log lines in ``buffer`` (the header lines are not counted).
        var bufferedLines: Int
        var buffer: [UInt8]
    }

    let directory: String
    let maximumBytes: Int
    /// Random per writer, so two runs never name a file alike; the sequence after it keeps a run's files in
    /// creation order when sorted by name.
    let token: String
    private var sequence = 0
    private var files: [FileKey: OpenFile] = [:]
    private var newestHour = Int.min
    private(set) var counts = AccessLogWriter.Counts()
    /// Failures since the last report, for the writer to hand to its failure handler.
    private(set) var failures: [AccessLogError] = []
    private static let header = Array(AccessLogFormat.header.utf8)

    init(directory: String, maximumBytes: Int) {
        self.directory = directory
        self.maximumBytes = max(maximumBytes, Self.header.count + 1)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
        var generator = SystemRandomNumberGenerator()
        token = String(decoding: (0..<8).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }, as: UTF8.self)
    }

    /// Buffers one formatted line (with its line feed) for the event's distribution and hour.
    mutating func append(_ line: [UInt8], distribution: String, endTime: Double) {
        let hour = endTime.isFinite ? Int((endTime / 3_600).rounded(.down)) : 0
        let key = FileKey(distribution: distribution, hour: hour)
        newestHour = max(newestHour, hour)
        if var file = files[key], file.bytes + line.count > maximumBytes, file.lines > 0 {
            // Size rotation: this file is full, the line opens the next one.
            files[key] = nil
            finish(&file)
        }
        if files[key] == nil {
            guard let file = createFile(key) else {
                counts.linesDropped += 1
                return
            }
            files[key] = file
        }
        files[key]!.buffer.append(contentsOf: line)
        files[key]!.bytes += line.count
        files[key]!.lines += 1
        files[key]!.bufferedLines += 1
    }

    /// Writes every buffer; closes files two hours or more older than the newest line, whose period is over.
    mutating func writeBuffers() {
        for key in Array(files.keys) {
            guard var file = files[key] else { continue }
            writeBuffer(&file)
            if file.descriptor < 0 {
                files[key] = nil
            } else if key.hour < newestHour - 1 {
                files[key] = nil
                finish(&file)
            } else {
                files[key] = file
            }
        }
    }

    /// Writes and closes everything (shutdown).
    mutating func closeAll() {
        for key in Array(files.keys) {
            if var file = files.removeValue(forKey: key) { finish(&file) }
        }
    }

    mutating func takeFailures() -> [AccessLogError] {
        defer { failures.removeAll() }
        return failures
    }

    private mutating func finish(_ file: inout OpenFile) {
        writeBuffer(&file)
        if file.descriptor >= 0 {
            _ = close(file.descriptor)
            file.descriptor = -1
        }
    }

    private mutating func writeBuffer(_ file: inout OpenFile) {
        guard !file.buffer.isEmpty, file.descriptor >= 0 else { return }
        let lines = file.bufferedLines
        let written = file.buffer.withUnsafeBytes { Self.writeAll(file.descriptor, $0) }
        if let errorNumber = written {
            failures.append(.writeFailed(file.path, reason: Self.reason(errorNumber)))
            counts.writeFailures += 1
            counts.linesDropped += lines
            _ = close(file.descriptor)
            file.descriptor = -1
        } else {
            counts.bytesWritten += file.buffer.count
            counts.linesWritten += lines
        }
        file.buffer.removeAll(keepingCapacity: true)
        file.bufferedLines = 0
    }

    /// Creates the hour's next file and buffers its header lines; `nil` (and a failure) if it cannot be created.
    private mutating func createFile(_ key: FileKey) -> OpenFile? {
        let stamp = UTCDate(epochSecond: key.hour * 3_600).hourStamp
        let name = Self.fileNamePart(key.distribution)
        while true {
            sequence += 1
            let unique = token + String(repeating: "0", count: max(0, 4 - String(sequence).count)) + String(sequence)
            let path = directory + "/" + name + "." + stamp + "." + unique + ".log"
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if descriptor >= 0 {
                counts.filesCreated += 1
                var buffer = Self.header
                buffer.reserveCapacity(64 * 1_024)
                return OpenFile(descriptor: descriptor, path: path, bytes: Self.header.count, lines: 0, bufferedLines: 0, buffer: buffer)
            }
            let errorNumber = errno
            if errorNumber == EEXIST { continue }
            failures.append(.cannotCreateFile(path, reason: Self.reason(errorNumber)))
            counts.writeFailures += 1
            return nil
        }
    }

    /// A distribution id as a file name part: letters, digits, `-` and `_` kept, anything else `_`.
    static func fileNamePart(_ distribution: String) -> String {
        let safe = distribution.unicodeScalars.map { scalar -> Character in
            let value = scalar.value
            let allowed = (48...57).contains(value) || (65...90).contains(value) || (97...122).contains(value) || value == 45 || value == 95
            return allowed ? Character(scalar) : "_"
        }
        return safe.isEmpty ? "_" : String(safe)
    }

    /// Writes all bytes, retrying after interruptions and short writes; the `errno` on failure.
    private static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let result = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if result < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += result
        }
        return nil
    }

    static func reason(_ errorNumber: Int32) -> String {
        String(cString: strerror(errorNumber))
    }
}
