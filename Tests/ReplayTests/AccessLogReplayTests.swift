import Eviction
import Foundation
import Telemetry
import Testing

@testable import Replay

/// The promise end to end: a live run's events go through Telemetry's ``AccessLogWriter`` to real
/// CloudFront-format files, which Replay's reader reads back; replayed through the same policy and capacity
/// they give the live run's hit count, per POP too.
///
/// The live cache is stood in for by the policy driven as the edge drives it (lookup; admit after the fetch),
/// keyed as the edge must key it: `EvictionKey.hash` of the distribution's domain + the raw path (+ `?` + the
/// raw query). Paths with spaces, quotes, `~` and already percent-encoded bytes make the log's URL-encoding and
/// the reader's decoding matter: W-TinyLFU's sketch depends on the key bits, not just on key equality.
@Suite("Replaying Telemetry's own access logs")
struct AccessLogReplayTests {
    static let domain = "d111111abcdef8.cloudfront.net"
    static let pops = ["IAD89-C1", "LHR61-P2"]

    /// A request of the synthetic live run.
    struct Request {
        var pop: Int
        var method: String
        var path: String
        var query: String
        var size: Int
    }

    /// 6,000 requests: skewed popularity over 400 objects, two POPs, odd characters in paths and queries,
    /// one POST in 50.
    static func requests() -> [Request] {
        var state: UInt64 = 29
        return (0..<6_000).map { request in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let uniform = Double(state >> 11) / Double(1 << 53)
            let object = Int(uniform * uniform * 400)
            let pop = request % 7 < 4 ? 0 : 1
            if request % 50 == 49 { return Request(pop: pop, method: "POST", path: "/api/items", query: "", size: 120) }
            let path =
                switch object % 4 {
                case 0: "/assets/\(object).js"
                case 1: "/files/my report \(object).pdf"
                case 2: "/img/%E2%9C%93-\(object)~\"x\".png"
                default: "/docs/{\(object)}|[a]^`b`'"
                }
            let query = object % 5 == 0 ? "v=\(object)&q=a b%20c" : ""
            return Request(pop: pop, method: "GET", path: path, query: query, size: 500 + object * 37 % 4_000)
        }
    }

    @Test(arguments: [EvictionPolicyKind.lru, .sieve, .s3fifo, .wtinylfu, .arc])
    func replayOfTheWrittenLogGivesTheLiveHits(kind: EvictionPolicyKind) async throws {
        let capacity = EvictionCapacity.bytes(60_000)
        var caches = try Self.pops.map { _ in try kind.makePolicy(capacity: capacity) }
        var liveHits = [0, 0]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("replay-logs-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Batches every 10 ms while recording, so the files are written in several goes.
        let writer = try AccessLogWriter(configuration: .init(directory: directory, flushInterval: 0.01))
        // 23:59:30 UTC: the run crosses midnight, so the log spans two hourly files.
        let start = 1_767_225_570.0
        for (index, request) in Self.requests().enumerated() {
            var hit = false
            if request.method == "GET" {
                let key = EvictionKey.hash(Self.domain + request.path + (request.query.isEmpty ? "" : "?" + request.query))
                hit = caches[request.pop].lookup(key)
                if !hit { caches[request.pop].admit(key, size: request.size) }
                if hit { liveHits[request.pop] += 1 }
            }
            writer.record(
                RequestEvent(
                    time: start + Double(index) / 100,
                    pop: Self.pops[request.pop],
                    distributionID: "EDFDVBD6EXAMPLE",
                    method: request.method,
                    host: "www.example.com",
                    uri: request.path + (request.query.isEmpty ? "" : "?" + request.query),
                    status: 200,
                    result: hit ? .hit : .miss,
                    bytesSent: request.size,
                    durationSeconds: 0.002,
                    protocolName: "https",
                    clientAddress: "192.0.2.1",
                    requestID: "r\(index)",
                    distributionDomain: Self.domain,
                    behaviorPathPattern: "*",
                    protocolVersion: .http2,
                    userAgent: "curl/8.5.0",
                    isCacheable: request.method == "GET"
                )
            )
        }
        writer.close()

        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".log") }.sorted()
        #expect(names.count == 2)
        #expect(names.first?.hasPrefix("EDFDVBD6EXAMPLE.2025-12-31-23.") == true)
        #expect(names.last?.hasPrefix("EDFDVBD6EXAMPLE.2026-01-01-00.") == true)
        // One file alone is recognised by its name and read.
        let firstFile = try TraceReader.read(path: directory + "/" + names[0])
        #expect(firstFile.count == 3_000)
        // The whole run: the files in name order (hours, then creation order) make the request sequence.
        let log = try names.map { try String(contentsOfFile: directory + "/" + $0, encoding: .utf8) }.joined()
        let trace = try TraceReader.parse(log, format: .cloudfront, source: "EDFDVBD6EXAMPLE logs")
        #expect(trace.count == 6_000)
        #expect(trace.popNames == Self.pops)

        let report = try await ReplaySweep(configuration: ReplayConfiguration(policies: [kind], capacities: [.bytes(60_000)])).run(trace)
        let run = try #require(report.runs.first)
        #expect(report.trace.logged?.hits == liveHits[0] + liveHits[1])
        #expect(run.edge.hits == liveHits[0] + liveHits[1])
        #expect(run.popStatistics.map(\.hits) == liveHits)
        #expect(run.edge.uncacheable == 6_000 / 50)
    }

    @Test func decodingTheLogGivesTheRawTargetsKey() throws {
        // The raw target has a space and an encoded check mark; the log shows %20 and %25E2%259C%2593.
        let event = RequestEvent(
            time: 1_767_225_600,
            pop: "IAD89-C1",
            distributionID: "EDFDVBD6EXAMPLE",
            method: "GET",
            host: "www.example.com",
            uri: "/a b/%E2%9C%93.png?x=\"1\"",
            status: 200,
            result: .miss,
            bytesSent: 10,
            durationSeconds: 0.001,
            protocolName: "https",
            clientAddress: "192.0.2.1",
            distributionDomain: Self.domain
        )
        let line = AccessLogFormat.line(event)
        #expect(line.contains("\t/a%20b/%25E2%259C%2593.png\t"))
        #expect(line.contains("\tx=%221%22\t"))
        let trace = try TraceReader.parse(AccessLogFormat.header + line, format: .cloudfront)
        #expect(trace.keys.first == EvictionKey.hash(Self.domain + "/a b/%E2%9C%93.png?x=\"1\""))
    }
}
