import Foundation
import Synchronization

/// Writes CloudFront standard access logs (``AccessLogFormat``) under a directory, one file per distribution
/// and hour (`<dir>/<DistributionID>.<YYYY-MM-DD-HH>.<unique-ID>.log`), rotated by size too.
///
/// `record` only appends the event to the calling thread's stripe queue (a short uncontended lock; the event's
/// strings are shared, not copied); a dedicated thread formats and writes the queues every
/// ``Configuration/flushInterval``. Memory is bounded: when a stripe's queue is full the event is dropped and
/// counted (``Counts/linesDropped``), so a slow disk never blocks an event loop. ``close()`` writes everything
/// recorded before it and closes the files, so a graceful stop loses no line.
///
/// Requests that matched no distribution are not logged, as CloudFront logs per distribution.
public final class AccessLogWriter: RequestObserver {
    public struct Configuration: Sendable {
        /// The folder the files go in; created if missing.
        public var directory: String
        /// A file reaching this size is closed and the hour continues in a new file.
        public var maximumFileBytes: Int
        /// Events waiting to be written, all stripes together; beyond it events are dropped and counted.
        public var queueCapacity: Int
        /// Seconds between the writer thread's batches.
        public var flushInterval: Double
        /// Lock stripes; `nil` picks twice the processor count.
        public var stripeCount: Int?

        public init(
            directory: String,
            maximumFileBytes: Int = 64 * 1_024 * 1_024,
            queueCapacity: Int = 65_536,
            flushInterval: Double = 0.25,
            stripeCount: Int? = nil
        ) {
            self.directory = directory
            self.maximumFileBytes = maximumFileBytes
            self.queueCapacity = queueCapacity
            self.flushInterval = flushInterval
            self.stripeCount = stripeCount
        }
    }

    /// What the writer has done so far.
    public struct Counts: Sendable, Hashable, Codable {
        public var linesWritten = 0
        /// Events dropped because the queue was full, the writer was closed, or their file could not be written.
        public var linesDropped = 0
        public var filesCreated = 0
        public var bytesWritten = 0
        public var writeFailures = 0

        public init() {}
    }

    public let configuration: Configuration
    private let pipe: AccessLogPipe

    /// Creates the directory and starts the writer thread.
    ///
    /// - Parameter onFailure: called on the writer thread when a file cannot be created or written (once per
    ///   failure, not per line), for the caller to log. It must not call ``flush()`` or ``close()``, which wait
    ///   for that thread.
    /// - Throws: ``AccessLogError`` when the directory cannot be created.
    public init(configuration: Configuration, onFailure: (@Sendable (AccessLogError) -> Void)? = nil) throws(AccessLogError) {
        self.configuration = configuration
        var isDirectory: ObjCBool = false
        do {
            try FileManager.default.createDirectory(atPath: configuration.directory, withIntermediateDirectories: true)
        } catch {
            throw .directoryUnavailable(configuration.directory, reason: (error as NSError).localizedDescription)
        }
        guard FileManager.default.fileExists(atPath: configuration.directory, isDirectory: &isDirectory), isDirectory.boolValue,
            FileManager.default.isWritableFile(atPath: configuration.directory)
        else {
            throw .directoryUnavailable(configuration.directory, reason: "not a writable directory")
        }
        pipe = AccessLogPipe(configuration: configuration, onFailure: onFailure)
        pipe.start()
    }

    deinit {
        pipe.close()
    }

    public func record(_ event: RequestEvent) {
        guard let distribution = event.distributionID, !distribution.isEmpty else { return }
        pipe.enqueue(event)
    }

    /// Writes everything recorded so far and returns when it is on disk (in the kernel's hands).
    public func flush() {
        pipe.flush()
    }

    /// Writes everything recorded so far, closes the files and stops the thread. Later events are dropped.
    /// Safe to call more than once and from several threads; each call returns once the files are closed.
    public func close() {
        pipe.close()
    }

    /// Lines written and dropped, files created, failures.
    public var counts: Counts { pipe.counts }

    /// The writer's counters as Prometheus text (`edgesim_access_log_*`), to append to ``EdgeStatistics/prometheusText()``.
    public func prometheusText() -> String {
        let counts = counts
        var output = PrometheusText()
        let families: [(String, String, Int)] = [
            ("edgesim_access_log_lines_total", "Access log lines written.", counts.linesWritten),
            ("edgesim_access_log_dropped_lines_total", "Access log lines dropped (queue full, writer closed, or write failed).", counts.linesDropped),
            ("edgesim_access_log_files_total", "Access log files created.", counts.filesCreated),
            ("edgesim_access_log_bytes_total", "Access log bytes written.", counts.bytesWritten),
            ("edgesim_access_log_write_failures_total", "Access log files that could not be created or written.", counts.writeFailures),
        ]
        for (name, help, value) in families {
            output.family(name, type: "counter", help: help)
            output.sample(name, [], value)
        }
        return output.text
    }
}
