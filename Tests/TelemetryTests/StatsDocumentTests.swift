import Foundation
import Testing

@testable import Telemetry

@Suite("The /_edgesim/stats document")
struct StatsDocumentTests {
    static func statistics() -> EdgeStatistics {
        let statistics = EdgeStatistics(configuration: .init(stripeCount: 1), clock: { Events.newYear + 1 })
        statistics.record(Events.make(.hit, bytes: 300, uri: "/app.js?v=1"))
        statistics.record(Events.make(.miss, bytes: 100, uri: "/app.js?v=1"))
        statistics.record(Events.make(.refreshHit, bytes: 100, uri: "/index.html"))
        statistics.recordInvalidation(
            InvalidationRecord(id: "I2J0I21PCUYOIK", distribution: "E1", paths: ["/index.html"], createTime: Events.newYear)
        )
        return statistics
    }

    @Test func documentedFieldNamesAndValues() throws {
        let json = Self.statistics().jsonDocument()
        let document = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(document.keys) == ["generatedAt", "startedAt", "windowSeconds", "totals", "series", "timeSeries", "hotObjects", "invalidations"])
        #expect(document["generatedAt"] as? Double == Events.newYear + 1)
        #expect(document["windowSeconds"] as? Int == 600)
        let totals = try #require(document["totals"] as? [String: Any])
        let traffic = try #require(totals["traffic"] as? [String: Any])
        #expect(
            Set(traffic.keys) == [
                "requests", "hits", "refreshHits", "misses", "errors", "uncacheable", "redirects", "bytesServed", "bytesFromHits",
                "bytesFromMisses", "bytesUncacheable", "originRequests", "originBytes", "hitRatio", "servedFromCacheRatio", "byteHitRatio",
                "originOffload", "byteOriginOffload",
            ]
        )
        // 1 / (1 + 1 + 1)
        #expect(traffic["hitRatio"] as? Double == 1.0 / 3.0)
        let latency = try #require(totals["latency"] as? [String: Any])
        #expect(Set(latency.keys) == ["count", "p50Seconds", "p90Seconds", "p99Seconds", "meanSeconds"])
        #expect(Set((totals["latencyByResult"] as? [String: Any])?.keys ?? [:].keys) == ["Hit", "Miss", "RefreshHit"])
        let series = try #require((document["series"] as? [[String: Any]])?.first)
        #expect(series["distribution"] as? String == "E1")
        #expect(series["behavior"] as? String == "*")
        #expect(series["pop"] as? String == "IAD89-P1")
        #expect(series["tier"] as? String == "edge")
        let point = try #require(((document["timeSeries"] as? [[String: Any]])?.first?["points"] as? [[String: Any]])?.first)
        #expect(point["second"] as? Int == Int(Events.newYear))
        #expect(point["byteHitRatio"] as? Double == 400.0 / 500.0)
        let hot = try #require((document["hotObjects"] as? [[String: Any]])?.first)
        #expect(hot["path"] as? String == "/app.js")
        #expect(hot["requests"] as? Int == 2)
        #expect((document["invalidations"] as? [[String: Any]])?.first?["id"] as? String == "I2J0I21PCUYOIK")
        // Slashes stay readable.
        #expect(json.contains("\"/app.js\""))
    }

    @Test func undefinedRatiosAreNull() throws {
        let statistics = EdgeStatistics(configuration: .init(stripeCount: 1))
        statistics.record(Events.make(.redirect, bytes: 167))
        let json = statistics.jsonDocument(now: Events.newYear)
        #expect(json.contains("\"hitRatio\":null"))
        #expect(json.contains("\"byteHitRatio\":null"))
    }

    @Test func theDocumentReadsBackForEdgesimStats() throws {
        let statistics = Self.statistics()
        let snapshot = statistics.snapshot()
        let decoded = try EdgeStatistics.snapshot(fromJSON: Data(EdgeStatistics.json(snapshot).utf8))
        #expect(decoded.totals.traffic == snapshot.totals.traffic)
        #expect(decoded.series.map(\.traffic) == snapshot.series.map(\.traffic))
        #expect(decoded.timeSeries.map(\.points) == snapshot.timeSeries.map(\.points))
        #expect(decoded.hotObjects == snapshot.hotObjects)
        #expect(decoded.invalidations == snapshot.invalidations)
        #expect(StatsTable.render(decoded) == StatsTable.render(snapshot))
    }
}
