import Testing

@testable import Edge

@Suite struct InvalidationAutoInvalidateTests {
    @Test func changedKeysAreInvalidatedWithEveryQueryVariant() async throws {
        let edge = PurgeFixture(policy: CachePolicy(name: "Query", minTTL: 1, queryStrings: .all))
        for target in ["/assets/app.js", "/assets/app.js?v=2", "/", "/assets/other.js"] { await edge.get(target) }

        let recorded = edge.ledger.invalidateChangedKeys(["assets/app.js", "index.html"], inBucket: "site")
        #expect(recorded.count == 1)
        #expect(recorded.first?.batch.paths == ["/assets/app.js", "/index.html"])
        #expect(recorded.first?.batch.callerReference.hasPrefix("edgesim-autoInvalidate-site-") == true)
        #expect(try edge.ledger.invalidations(distributionID: PurgeFixture.distributionID).map(\.id) == recorded.map(\.id))
        for target in ["/assets/app.js", "/assets/app.js?v=2", "/"] { #expect(await !edge.isCached(target), "\(target)") }
        #expect(await edge.isCached("/assets/other.js"))
    }

    @Test func theOriginPathMapsKeysToViewerPaths() async {
        let edge = PurgeFixture(originPath: "/v1")
        await edge.get("/app.js")
        let recorded = edge.ledger.invalidateChangedKeys(["v1/app.js", "v2/app.js"], inBucket: "site")
        #expect(recorded.map(\.batch.paths) == [["/app.js"]])
        #expect(await !edge.isCached("/app.js"))
    }

    @Test func otherBucketsAndKeysOutsideTheOriginPathChangeNothing() async {
        let edge = PurgeFixture(originPath: "/v1")
        await edge.get("/app.js")
        #expect(edge.ledger.invalidateChangedKeys(["v1/app.js"], inBucket: "media").isEmpty)
        #expect(edge.ledger.invalidateChangedKeys(["app.js"], inBucket: "site").isEmpty)
        #expect(await edge.isCached("/app.js"))
    }

    @Test func keysWithSpecialCharactersStayLiteralPaths() async {
        let edge = PurgeFixture()
        await edge.get("/a%20b.html")
        await edge.get("/q%3Fx.html")
        let recorded = edge.ledger.invalidateChangedKeys(["a b.html", "q?x.html", "star*.html"], inBucket: "site")
        #expect(recorded.first?.batch.paths == ["/a b.html", "/q%3Fx.html", "/star%2A.html"])
        #expect(await !edge.isCached("/a%20b.html"))
        #expect(await !edge.isCached("/q%3Fx.html"))
    }

    @Test func moreChangesThanMayBeInProgressBecomeOneWildcard() async {
        let edge = PurgeFixture(configuration: .init(maximumFilePathsInProgress: 3))
        await edge.get("/zzz.js")
        let recorded = edge.ledger.invalidateChangedKeys(["a.js", "b.js", "c.js", "d.js"], inBucket: "site")
        #expect(recorded.map(\.batch.paths) == [["/*"]])
        #expect(await !edge.isCached("/zzz.js"))
    }

    @Test func theCachesArePurgedEvenWhenTheLimitsRefuseARecord() async throws {
        let edge = PurgeFixture(configuration: .init(completionDelay: 60, maximumFilePathsInProgress: 1))
        try edge.invalidate(["/busy"])
        await edge.get("/app.js")
        #expect(edge.ledger.invalidateChangedKeys(["app.js"], inBucket: "site").isEmpty)
        #expect(await !edge.isCached("/app.js"))
        #expect(try edge.ledger.invalidations(distributionID: PurgeFixture.distributionID).count == 1)
    }
}
