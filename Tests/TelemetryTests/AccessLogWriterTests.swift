import Foundation
import Synchronization
import Testing

@testable import Telemetry

@Suite("Access log writer")
struct AccessLogWriterTests {
    /// A fresh folder under the temporary directory, removed by the caller.
    static func folder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("access-logs-\(UUID().uuidString)").path
    }

    /// The folder's log files, sorted by name (creation order within a run).
    static func files(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".log") }.sorted()
    }

    static func contents(_ directory: String, _ name: String) throws -> String {
        try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
    }

    /// The record lines of every file, in file-name order.
    static func records(_ directory: String) throws -> [String] {
        try files(directory).flatMap { name in
            try contents(directory, name).split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
        }
    }

    @Test func namesFilesLikeCloudFrontPerDistributionAndHour() throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let writer = try AccessLogWriter(configuration: .init(directory: directory, stripeCount: 1))
        let elevenPM = 1_575_493_351.0  // 2019-12-04 21:02:31 UTC
        writer.record(Events.make(.miss, uri: "/a", distribution: "EDFDVBD6EXAMPLE", time: elevenPM))
        writer.record(Events.make(.hit, uri: "/a", distribution: "EDFDVBD6EXAMPLE", time: elevenPM + 1))
        writer.record(Events.make(.hit, uri: "/b", distribution: "E2OTHER", time: elevenPM + 2))
        // The next hour starts a new file; the end time counts (a response that ends after 22:00).
        writer.record(Events.make(.hit, uri: "/c", distribution: "EDFDVBD6EXAMPLE", time: elevenPM + 3_448, duration: 1))
        // Requests no distribution took are not logged, as CloudFront logs per distribution.
        writer.record(Events.make(.error, distribution: nil, status: 403))
        writer.close()
        let names = try Self.files(directory)
        #expect(names.count == 3)
        let pattern = try Regex(#"^(EDFDVBD6EXAMPLE|E2OTHER)\.2019-12-04-(21|22)\.[A-Z0-9]{12}\.log$"#)
        #expect(names.allSatisfy { $0.wholeMatch(of: pattern) != nil }, "\(names)")
        let first = try #require(names.first { $0.hasPrefix("EDFDVBD6EXAMPLE.2019-12-04-21.") })
        let text = try Self.contents(directory, first)
        #expect(text.hasPrefix(AccessLogFormat.header))
        #expect(text.split(separator: "\n").count == 4)  // two header lines, two records
        #expect(try Self.contents(directory, #require(names.first { $0.contains("-22.") })).contains("\t/c\t"))
        #expect(writer.counts.linesWritten == 4)
        #expect(writer.counts.filesCreated == 3)
        #expect(writer.counts.linesDropped == 0)
    }

    @Test func rotatesBySizeWithoutSplittingALine() throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let lineBytes = AccessLogFormat.line(Events.make(.hit, uri: "/object-00")).utf8.count
        let headerBytes = AccessLogFormat.header.utf8.count
        // Room for three lines per file.
        let writer = try AccessLogWriter(
            configuration: .init(directory: directory, maximumFileBytes: headerBytes + 3 * lineBytes + lineBytes / 2, stripeCount: 1)
        )
        for index in 0..<10 {
            writer.record(Events.make(.hit, uri: "/object-\(index < 10 ? "0" : "")\(index)", time: Events.newYear + Double(index)))
        }
        writer.close()
        let names = try Self.files(directory)
        // 10 lines, 3 per file: 4 files, in order.
        #expect(names.count == 4)
        for name in names {
            let text = try Self.contents(directory, name)
            #expect(text.hasPrefix(AccessLogFormat.header))
            #expect(text.utf8.count <= headerBytes + 3 * lineBytes + lineBytes / 2)
            #expect(text.hasSuffix("\n"))
        }
        let stems = try Self.records(directory).map { $0.split(separator: "\t", omittingEmptySubsequences: false)[7] }
        #expect(stems == (0..<10).map { "/object-0\($0)" })
    }

    @Test func closeWritesEveryLineRecordedFromManyThreads() throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let writer = try AccessLogWriter(configuration: .init(directory: directory, queueCapacity: 1_000_000, flushInterval: 0.05))
        let threads = 8
        let perThread = 5_000
        ConcurrencyTests.onThreads(threads) { thread in
            for request in 0..<perThread {
                writer.record(Events.make(.hit, uri: "/t\(thread)/r\(request)", time: Events.newYear + Double(request) / 1_000))
            }
        }
        writer.close()
        let records = try Self.records(directory)
        #expect(records.count == threads * perThread)
        #expect(Set(records.map { $0.split(separator: "\t")[7] }).count == threads * perThread)
        #expect(writer.counts.linesWritten == threads * perThread)
        #expect(writer.counts.linesDropped == 0)
    }

    @Test func aBatchGoesOutInArrivalOrderAcrossThreads() throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // One batch (the writer sleeps until close); two threads record interleaved arrival times.
        let writer = try AccessLogWriter(configuration: .init(directory: directory, flushInterval: 3_600, stripeCount: 4))
        ConcurrencyTests.onThreads(2) { thread in
            for step in 0..<500 {
                let index = step * 2 + thread
                let padded = String(repeating: "0", count: 4 - String(index).count) + String(index)
                writer.record(Events.make(.hit, uri: "/n\(padded)", time: Events.newYear + Double(index) / 1_000))
            }
        }
        writer.close()
        let stems = try Self.records(directory).map { String($0.split(separator: "\t")[7]) }
        #expect(stems.count == 1_000)
        let inversions = zip(stems, stems.dropFirst()).filter { $0 > $1 }.count
        #expect(inversions == 0)
    }

    @Test func dropsAndCountsWhenTheQueueIsFull() throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // One stripe of 100 events, and a writer that does not wake up before close.
        let writer = try AccessLogWriter(configuration: .init(directory: directory, queueCapacity: 100, flushInterval: 3_600, stripeCount: 1))
        for request in 0..<150 { writer.record(Events.make(.hit, uri: "/r\(request)")) }
        #expect(writer.counts.linesDropped == 50)
        writer.close()
        writer.record(Events.make(.hit, uri: "/after-close"))
        #expect(try Self.records(directory).count == 100)
        #expect(writer.counts.linesWritten == 100)
        #expect(writer.counts.linesDropped == 51)
        writer.close()  // a second close returns at once
    }

    @Test func flushWritesWithoutClosing() throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let writer = try AccessLogWriter(configuration: .init(directory: directory, flushInterval: 3_600, stripeCount: 1))
        writer.record(Events.make(.hit, uri: "/first"))
        writer.flush()
        #expect(try Self.records(directory).count == 1)
        writer.record(Events.make(.hit, uri: "/second"))
        writer.flush()
        // Same distribution and hour: the same file.
        #expect(try Self.files(directory).count == 1)
        #expect(try Self.records(directory).count == 2)
        writer.close()
        writer.flush()  // after close: returns at once
    }

    @Test func anUnusableDirectoryIsRefusedWithItsPath() throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let file = directory + "/not-a-directory"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        #expect {
            _ = try AccessLogWriter(configuration: .init(directory: file + "/logs"))
        } throws: { error in
            "\(error)".contains(file + "/logs") && "\(error)".contains("--state-dir")
        }
    }

    @Test func reportsAFileItCannotCreate() throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let failures = FailureLog()
        let writer = try AccessLogWriter(configuration: .init(directory: directory, stripeCount: 1)) { failures.append($0) }
        // The folder disappears under the writer: the file cannot be created, the line is dropped and reported.
        try FileManager.default.removeItem(atPath: directory)
        writer.record(Events.make(.hit))
        writer.close()
        #expect(writer.counts.writeFailures == 1)
        #expect(writer.counts.linesDropped == 1)
        #expect(failures.messages.count == 1)
        #expect(failures.messages.first?.contains(directory + "/E1.2026-01-01-00.") == true)
    }
}

/// Collects failure reports from the writer thread.
final class FailureLog: Sendable {
    private let lock = Mutex<[String]>([])

    func append(_ error: AccessLogError) {
        lock.withLock { $0.append("\(error)") }
    }

    var messages: [String] { lock.withLock { $0 } }
}
