import Eviction
import Foundation
import Testing

@testable import Replay

@Suite("Replay reports")
struct ReplayReportTests {
    static func report(countsObjects: Bool, source: String = "zipf:requests=20000", regional: CapacitySpec? = nil) async throws -> ReplayReport {
        let trace = try SyntheticWorkload(spec: "zipf:alpha=0.8,objects=2000,requests=20000,seed=1").makeTrace(source: source)
        let configuration = ReplayConfiguration(
            policies: [.lru, .s3fifo, .belady],
            capacities: [.fraction(0.01), .fraction(0.1), .fraction(0.3)],
            countsObjects: countsObjects,
            regionalCapacity: regional
        )
        return try await ReplaySweep(configuration: configuration).run(trace)
    }

    @Test func textTableHasARowPerRun() async throws {
        let report = try await Self.report(countsObjects: true)
        let text = report.text()
        let lines = text.split(separator: "\n")
        #expect(text.hasPrefix("Trace: zipf:requests=20000\n"))
        #expect(lines.contains { $0.hasPrefix("policy") && $0.contains("miss ratio") && $0.contains("byte miss ratio") })
        for run in report.runs {
            let ratio = ByteCount.decimals(run.edge.missRatio!, 4)
            #expect(lines.contains { $0.hasPrefix(run.policyName) && $0.contains(ratio) && $0.contains(ByteCount.grouped(run.edge.hits)) })
        }
        #expect(text.contains("Belady (OPT)"))
        #expect(!text.contains("regional hit ratio"))
        let tiered = try await Self.report(countsObjects: false, regional: .fraction(0.5))
        #expect(tiered.text().contains("regional hit ratio"))
        #expect(tiered.text().contains("Belady (size-blind)"))
    }

    @Test func jsonUsesTheReportFieldNamesAndIsReproducible() async throws {
        let first = try await Self.report(countsObjects: false, regional: .fraction(0.5))
        let second = try await Self.report(countsObjects: false, regional: .fraction(0.5))
        let data = try first.json()
        #expect(data == (try second.json()))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let runs = try #require(object["runs"] as? [[String: Any]])
        #expect(runs.count == 9)
        let edge = try #require(runs[0]["edge"] as? [String: Any])
        for field in [
            "requests", "uncacheable", "hits", "misses", "hitRatio", "missRatio", "servedFromCacheRatio", "bytesServed",
            "bytesFromHits", "bytesFromMisses", "byteHitRatio", "byteMissRatio",
        ] {
            #expect(edge[field] != nil, "edge.\(field)")
        }
        #expect(runs[0]["policy"] as? String == "lru")
        #expect(runs[0]["elapsedSeconds"] == nil)
        #expect((runs[0]["origin"] as? [String: Any])?["offload"] != nil)
        #expect(runs[0]["regional"] != nil)
        let trace = try #require(object["trace"] as? [String: Any])
        #expect(trace["compulsoryMisses"] as? Int == first.trace.compulsoryMisses)
    }

    @Test func htmlDrawsACurvePerPolicyWithOPTDashed() async throws {
        let html = try await Self.report(countsObjects: true, source: "<script>alert(1)</script>").html()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;"))
        #expect(!html.contains("src=") && !html.contains("href="))
        // Two charts (objects, bytes), three policies each.
        #expect(html.components(separatedBy: "<svg").count - 1 == 2)
        #expect(html.components(separatedBy: "<polyline").count - 1 == 6)
        #expect(html.contains("stroke-dasharray"))
        #expect(html.contains("Belady (OPT)"))
    }

    @Test func htmlLeavesSizeBlindBeladyOutOfTheCurves() async throws {
        let html = try await Self.report(countsObjects: false).html()
        #expect(html.components(separatedBy: "<polyline").count - 1 == 4)
        #expect(!html.contains("stroke-dasharray"))
        #expect(html.contains("heuristic"))
    }

    @Test func formatsNumbers() {
        #expect(ByteCount.decimals(0.59338, 4) == "0.5934")
        #expect(ByteCount.decimals(1, 4) == "1.0000")
        #expect(ByteCount.decimals(0.04, 1) == "0.0")
        #expect(ByteCount.grouped(1_234_567) == "1,234,567")
        #expect(ByteCount.grouped(12) == "12")
        #expect(ByteCount.format(2_977_574_529) == "2.8 GiB")
        #expect(ByteCount.format(100_000_000) == "100 MB")
        #expect(ByteCount.format(512) == "512 B")
    }
}
