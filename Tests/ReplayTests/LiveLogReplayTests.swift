import Eviction
import Testing

@testable import Replay

/// The promise: replaying the access log of a live run, with the same capacity and policy, gives the
/// live run's hit counts. A live cache is stood in for by the policy driven step by step (lookup, then admit
/// after the "origin fetch"), as the edge cache drives it; its log lines go through the CloudFront reader.
@Suite("Replaying a live run's access log")
struct LiveLogReplayTests {
    @Test(arguments: [EvictionPolicyKind.lru, .sieve, .s3fifo, .wtinylfu, .arc])
    func replayMatchesTheLoggedHits(kind: EvictionPolicyKind) async throws {
        let pops = ["IAD89-C1", "LHR61-P2"]
        var caches = try pops.map { _ in try kind.makePolicy(capacity: .bytes(60_000)) }
        var log = "#Version: 1.0\n#Fields: " + CloudFrontLogParser.legacyFields.joined(separator: " ") + "\n"
        var liveHits = 0
        var state: UInt64 = 17
        for request in 0..<6_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let uniform = Double(state >> 11) / Double(1 << 53)
            let object = Int(uniform * uniform * 400)
            let pop = request % 7 < 4 ? 0 : 1
            let size = 500 + object * 37 % 4_000
            let query = object % 5 == 0 ? "v=\(object)" : "-"
            // The live cache keys its policy as the log reader will: host + path (+ ? + query).
            let key = EvictionKey.hash("d111111abcdef8.cloudfront.net/assets/\(object).js" + (query == "-" ? "" : "?" + query))
            let hit = caches[pop].lookup(key)
            if !hit { caches[pop].admit(key, size: size) }
            if hit { liveHits += 1 }
            let fields = [
                "2026-01-01", "00:00:00", pops[pop], "\(size)", "192.0.2.1", "GET", "d111111abcdef8.cloudfront.net",
                "/assets/\(object).js", "200", "-", "curl/8", query, "-", hit ? "Hit" : "Miss", "id", "www.example.com",
                "https", "100", "0.001", "-", "TLSv1.3", "TLS_AES_128_GCM_SHA256", hit ? "Hit" : "Miss", "HTTP/2.0", "-", "-",
                "443", "0.001", hit ? "Hit" : "Miss", "text/javascript", "\(size)", "-", "-",
            ]
            log += fields.joined(separator: "\t") + "\n"
        }
        let trace = try TraceReader.parse(log, format: .cloudfront, source: "live.log")
        let configuration = ReplayConfiguration(policies: [kind], capacities: [.bytes(60_000)])
        let report = try await ReplaySweep(configuration: configuration).run(trace)
        #expect(report.trace.logged?.hits == liveHits)
        #expect(report.runs[0].edge.hits == liveHits)
        #expect(report.runs[0].popStatistics.count == 2)
    }
}
