import Testing

@testable import Telemetry

@Suite("Hottest objects (space-saving)")
struct HotObjectsTests {
    private func record(_ summary: inout HotObjects, _ path: String, hit: Bool = false) {
        summary.record(key: HotObjects.key(distribution: "E1", path: path[...]), distribution: "E1", path: path[...], hit: hit)
    }

    @Test func countsExactlyWhileEveryObjectFits() {
        var summary = HotObjects(capacity: 3)
        for (path, times) in [("/a", 5), ("/b", 3), ("/c", 1)] {
            for request in 0..<times { record(&summary, path, hit: request > 0) }
        }
        let top = HotObjects.merged(Array(summary.heap), limit: 10)
        #expect(top.map(\.path) == ["/a", "/b", "/c"])
        #expect(top.map(\.requests) == [5, 3, 1])
        #expect(top.map(\.hits) == [4, 2, 0])
        #expect(top.allSatisfy { $0.overestimate == 0 })
    }

    @Test func aNewObjectTakesTheLeastCountedPlace() {
        var summary = HotObjects(capacity: 2)
        for _ in 0..<4 { record(&summary, "/a") }
        for _ in 0..<2 { record(&summary, "/b") }
        // /c replaces /b (the minimum, 2): its count is 2 + 1 = 3 with an overestimate of 2.
        record(&summary, "/c", hit: true)
        let top = HotObjects.merged(Array(summary.heap), limit: 10)
        #expect(top.map(\.path) == ["/a", "/c"])
        #expect(top.map(\.requests) == [4, 3])
        #expect(top.map(\.overestimate) == [0, 2])
        #expect(top.map(\.hits) == [0, 1])
        // Space-saving's guarantee: an object with more than N/k = 7/2 requests is held (/a, 4).
    }

    @Test func stripesMergeByObject() {
        var first = HotObjects(capacity: 4)
        var second = HotObjects(capacity: 4)
        for _ in 0..<3 { record(&first, "/a") }
        record(&first, "/b")
        for _ in 0..<2 { record(&second, "/b") }
        record(&second, "/a")
        let top = HotObjects.merged(Array(first.heap) + Array(second.heap), limit: 1)
        #expect(top == [HotObject(distribution: "E1", path: "/a", requests: 4, hits: 0, overestimate: 0)])
    }

    @Test func snapshotListsPathsWithoutQueries() {
        let statistics = EdgeStatistics(configuration: .init(hotObjectsShown: 2, stripeCount: 1))
        for _ in 0..<3 { statistics.record(Events.make(.hit, uri: "/app.js?v=1")) }
        statistics.record(Events.make(.miss, uri: "/app.js?v=2"))
        for _ in 0..<2 { statistics.record(Events.make(.hit, uri: "/index.html")) }
        statistics.record(Events.make(.hit, uri: "/favicon.ico"))
        let hot = statistics.snapshot(now: Events.newYear).hotObjects
        #expect(
            hot == [
                HotObject(distribution: "E1", path: "/app.js", requests: 4, hits: 3, overestimate: 0),
                HotObject(distribution: "E1", path: "/index.html", requests: 2, hits: 2, overestimate: 0),
            ]
        )
    }
}
