import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import Testing

@testable import Edge

/// Answers every request with 200, a body naming what it was asked for and an hour of freshness; counts requests.
final class EchoOrigin: Origin {
    private let fetches = NIOLockedValueBox(0)
    var count: Int { fetches.withLockedValue { $0 } }

    func fetch(_ request: OriginRequest) async throws -> OriginResponse {
        fetches.withLockedValue { $0 += 1 }
        let body = request.path + (request.query.map { "?" + $0 } ?? "")
        let headers = HTTPHeaders([("Content-Type", "text/plain"), ("Cache-Control", "max-age=3600"), ("Content-Length", String(body.utf8.count))])
        return OriginResponse(status: .ok, headers: headers, body: ByteBuffer(string: body))
    }
}

/// Seconds that move only when a test moves them.
final class SteppedClock: Sendable {
    private let seconds = NIOLockedValueBox(1_800_000_000.0)
    var clock: EdgeClock { EdgeClock { [seconds] in seconds.withLockedValue { $0 } } }
    func advance(_ delta: Double) { seconds.withLockedValue { $0 += delta } }
}

/// POPs in front of one echo origin, their caches filled through the real pipeline, and a ledger over all of them.
struct PurgeFixture {
    static let distributionID = "E2EDGESIMTEST1"
    let origin = EchoOrigin()
    let time = SteppedClock()
    let distribution: Distribution
    let locations: [EdgeLocation]
    let ledger: InvalidationLedger

    init(
        policy: CachePolicy = .cachingOptimized,
        pops: Int = 1,
        originPath: String = "",
        configuration: InvalidationLedger.Configuration = .init(),
        others: [Distribution] = []
    ) {
        distribution = Distribution(
            id: Self.distributionID,
            aliases: ["app.edgesim.test"],
            origins: [OriginDefinition(id: "site", target: .bucket("site"), originPath: originPath)],
            defaultCacheBehavior: CacheBehavior(targetOriginId: "site", cachePolicy: policy),
            defaultRootObject: "index.html"
        )
        let distributions = [distribution] + others
        var origins: [String: any Origin] = [:]
        for each in distributions { origins[each.originKey("site")] = origin }
        let clock = time.clock
        locations = (0..<pops).map { index in
            EdgeLocation(
                code: "IAD\(89 + index)-P1",
                distributions: distributions,
                origins: origins,
                cache: EdgeCache(capacity: 1 << 20),
                clock: clock
            )
        }
        ledger = InvalidationLedger(distributions: distributions, caches: locations.map(\.cache), configuration: configuration, clock: clock)
    }

    /// A GET through POP `pop`, its origin fetch run when the edge needs one.
    @discardableResult
    func get(_ target: String, host: String = "app.edgesim.test", headers: [(String, String)] = [], pop: Int = 0) async -> EdgeResponse {
        var fields = HTTPHeaders([("Host", host)])
        fields.add(contentsOf: headers)
        let request = ViewerRequest(method: .GET, target: target, headers: fields, isHTTPS: true)
        switch locations[pop].receive(request) {
        case .respond(let response): return response
        case .fetch(let fetch): return await fetch.run()
        }
    }

    /// Whether `target` is answered from the cache (without reaching the origin).
    func isCached(_ target: String, headers: [(String, String)] = [], pop: Int = 0) async -> Bool {
        let before = origin.count
        await get(target, headers: headers, pop: pop)
        return origin.count == before
    }

    @discardableResult
    func invalidate(_ paths: [String], reference: String = "ref-\(Int.random(in: 0..<Int.max))") throws(InvalidationError) -> Invalidation {
        try ledger.create(InvalidationBatch(paths: paths, callerReference: reference), distributionID: Self.distributionID).invalidation
    }
}

@Suite struct InvalidationLedgerTests {
    @Test func anInvalidatedPathIsFetchedAgainOnEveryPOP() async throws {
        let edge = PurgeFixture(pops: 2)
        for pop in 0..<2 { await edge.get("/app.js", pop: pop) }
        await edge.get("/other.js")
        #expect(await edge.isCached("/app.js", pop: 1))

        try edge.invalidate(["/app.js"])
        #expect(edge.locations.map(\.cache.count) == [1, 0])
        #expect(await !edge.isCached("/app.js", pop: 0))
        #expect(await !edge.isCached("/app.js", pop: 1))
        #expect(await edge.isCached("/other.js"))
    }

    @Test func everyHeaderCookieAndEncodingVariantGoes() async throws {
        let policy = CachePolicy(
            name: "Variants",
            minTTL: 1,
            headers: .whitelist(["X-Variant"]),
            cookies: .all,
            enableAcceptEncodingGzip: true,
            enableAcceptEncodingBrotli: true
        )
        let edge = PurgeFixture(policy: policy)
        let variants: [[(String, String)]] = [
            [], [("X-Variant", "a")], [("X-Variant", "b")], [("Cookie", "session=1")], [("Accept-Encoding", "gzip")],
            [("Accept-Encoding", "br, gzip"), ("X-Variant", "a"), ("Cookie", "theme=dark")],
        ]
        for headers in variants { await edge.get("/page.html", headers: headers) }
        await edge.get("/keep.html")
        #expect(edge.locations[0].cache.count == variants.count + 1)

        try edge.invalidate(["/page.html"])
        #expect(edge.locations[0].cache.count == 1)
        for headers in variants { #expect(await !edge.isCached("/page.html", headers: headers)) }
    }

    @Test func queryStringsInTheKeyMustBeNamedOrWildcarded() async throws {
        let policy = CachePolicy(name: "Query", minTTL: 1, queryStrings: .all)
        let edge = PurgeFixture(policy: policy)
        for target in ["/image.jpg", "/image.jpg?size=small", "/image.jpg?size=large"] { await edge.get(target) }

        try edge.invalidate(["/image.jpg"])
        #expect(await !edge.isCached("/image.jpg"))
        #expect(await edge.isCached("/image.jpg?size=small"))

        try edge.invalidate(["/image.jpg?size=small"])
        #expect(await !edge.isCached("/image.jpg?size=small"))
        #expect(await edge.isCached("/image.jpg?size=large"))

        try edge.invalidate(["/image.jpg*"])
        #expect(await !edge.isCached("/image.jpg?size=large"))
    }

    @Test func aQueryStringOutsideTheKeyIsNotAVariant() async throws {
        let edge = PurgeFixture()
        await edge.get("/app.js?v=1")
        try edge.invalidate(["/app.js"])
        #expect(await !edge.isCached("/app.js?v=2"))
    }

    /// aws-behaviour §1.15's table of wildcard paths.
    @Test(arguments: [
        ("/images/*", ["/images/a.png", "/images/sub/b.png"], ["/images", "/imagesx/a.png", "/logo.png"]),
        ("/images*", ["/images", "/images/a.png", "/images-old/c.png"], ["/image", "/logo.png"]),
        ("/images/logo.*", ["/images/logo.png", "/images/logo.jpg"], ["/images/logo", "/images/other.png"]),
        ("/*", ["/", "/a.html", "/a/b/c"], []),
    ])
    func wildcardPaths(path: String, removed: [String], kept: [String]) async throws {
        let edge = PurgeFixture()
        for target in removed + kept { await edge.get(target) }
        try edge.invalidate([path])
        for target in removed { #expect(await !edge.isCached(target), "\(target) should be invalidated by \(path)") }
        for target in kept { #expect(await edge.isCached(target), "\(target) should survive \(path)") }
    }

    @Test func pathsAreCaseSensitive() async throws {
        let edge = PurgeFixture()
        await edge.get("/images/Image.jpg")
        try edge.invalidate(["/images/image.jpg", "/IMAGES/*"])
        #expect(await edge.isCached("/images/Image.jpg"))
    }

    @Test func theDefaultRootObjectIsInvalidatedByItsOwnPath() async throws {
        let edge = PurgeFixture()
        await edge.get("/")
        try edge.invalidate(["/"])
        #expect(await edge.isCached("/"))
        try edge.invalidate(["/index.html"])
        #expect(await !edge.isCached("/"))
    }

    @Test func unsafeAndNonASCIICharactersMatchInTheirEncodedForm() async throws {
        let edge = PurgeFixture()
        await edge.get("/caf%C3%A9.html")
        await edge.get("/a%20b.html")
        await edge.get("/a.html")
        try edge.invalidate(["/café.html", "/a b.html"])
        #expect(await !edge.isCached("/caf%C3%A9.html"))
        #expect(await !edge.isCached("/a%20b.html"))

        await edge.get("/caf%C3%A9.html")
        try edge.invalidate(["/caf%c3%a9.html"])
        #expect(await !edge.isCached("/caf%C3%A9.html"))

        // Safe characters are not decoded: CloudFront does not invalidate /a.html for /%61.html.
        try edge.invalidate(["/%61.html"])
        #expect(await edge.isCached("/a.html"))
    }

    @Test func otherDistributionsKeepTheirObjects() async throws {
        let other = Distribution(
            id: "E2EDGESIMOTHER",
            aliases: ["other.edgesim.test"],
            origins: [OriginDefinition(id: "site", target: .bucket("site"))],
            defaultCacheBehavior: CacheBehavior(targetOriginId: "site")
        )
        let edge = PurgeFixture(others: [other])
        await edge.get("/app.js")
        await edge.get("/app.js", host: "other.edgesim.test")
        try edge.invalidate(["/*"])
        #expect(edge.locations[0].cache.count == 1)
    }

    @Test func statusTurnsCompletedAfterTheDelay() throws {
        let edge = PurgeFixture(configuration: .init(completionDelay: 5))
        let invalidation = try edge.invalidate(["/a"])
        #expect(invalidation.id.utf8.count == 14 && invalidation.id.hasPrefix("I"))
        #expect(invalidation.id.allSatisfy { $0.isUppercase || $0.isNumber })
        #expect(invalidation.status(at: edge.time.clock.now) == .inProgress)
        #expect(edge.ledger.inProgressCount(distributionID: PurgeFixture.distributionID) == 1)
        edge.time.advance(4.9)
        #expect(
            try edge.ledger.invalidation(id: invalidation.id, distributionID: PurgeFixture.distributionID).status(at: edge.time.clock.now)
                == .inProgress
        )
        edge.time.advance(0.1)
        #expect(invalidation.status(at: edge.time.clock.now) == .completed)
        #expect(edge.ledger.inProgressCount(distributionID: PurgeFixture.distributionID) == 0)
    }

    @Test func theSameCallerReferenceAndPathsIsTheSameInvalidation() async throws {
        let edge = PurgeFixture()
        let first = try edge.ledger.create(
            InvalidationBatch(paths: ["/a", "/b"], callerReference: "deploy-1"),
            distributionID: PurgeFixture.distributionID
        )
        await edge.get("/a")
        let again = try edge.ledger.create(
            InvalidationBatch(paths: ["/b", "/a"], callerReference: "deploy-1"),
            distributionID: PurgeFixture.distributionID
        )
        #expect(first.isNew && !again.isNew)
        #expect(again.invalidation == first.invalidation)
        // A retry is not a second invalidation: what was cached since stays.
        #expect(await edge.isCached("/a"))
        #expect(try edge.ledger.invalidations(distributionID: PurgeFixture.distributionID).count == 1)

        #expect(throws: InvalidationError.callerReferenceReused) {
            try edge.ledger.create(InvalidationBatch(paths: ["/c"], callerReference: "deploy-1"), distributionID: PurgeFixture.distributionID)
        }
        let error = InvalidationError.callerReferenceReused
        #expect(error.code == "InvalidArgument" && error.httpStatus == 400)
        #expect(
            error.message == "Your request contains a caller reference that was used for a previous invalidation batch for the same distribution."
        )
    }

    @Test func fileAndWildcardPathsInProgressAreLimitedApart() throws {
        let edge = PurgeFixture(configuration: .init(completionDelay: 60))
        try edge.invalidate((0..<2_999).map { "/f\($0)" })
        try edge.invalidate(["/last"])
        #expect(throws: InvalidationError.tooManyFilesInProgress) { try edge.invalidate(["/one-more"]) }
        // The wildcard limit is independent of the file limit.
        try edge.invalidate((0..<15).map { "/dir\($0)/*" })
        #expect(throws: InvalidationError.tooManyWildcardsInProgress) { try edge.invalidate(["/x*"]) }

        edge.time.advance(60)
        try edge.invalidate(["/one-more", "/x*"])
        #expect(InvalidationError.tooManyFilesInProgress.code == "TooManyInvalidationsInProgress")
        #expect(
            InvalidationError.tooManyWildcardsInProgress.message
                == "Processing your request will cause you to exceed the maximum number of in-progress wildcard invalidations."
        )
    }

    @Test func aBatchOverTheFileLimitIsTooLarge() {
        let edge = PurgeFixture()
        #expect(throws: InvalidationError.batchTooLarge) { try edge.invalidate((0..<3_001).map { "/f\($0)" }) }
        #expect(InvalidationError.batchTooLarge.httpStatus == 413)
    }

    @Test func unknownDistributionsInvalidationsAndBadPathsAreRefused() throws {
        let edge = PurgeFixture()
        #expect(throws: InvalidationError.noSuchDistribution) {
            try edge.ledger.create(InvalidationBatch(paths: ["/a"], callerReference: "r"), distributionID: "E0000000000000")
        }
        #expect(throws: InvalidationError.noSuchInvalidation) {
            try edge.ledger.invalidation(id: "I2J0I21PCUYOIK", distributionID: PurgeFixture.distributionID)
        }
        #expect(throws: InvalidationError.invalidPaths) { try edge.invalidate(["/ok", "images/*"]) }
        #expect(throws: InvalidationError.invalidPaths) { try edge.invalidate(["/images/*.jpg"]) }
        #expect(throws: InvalidationError.emptyBatch) { try edge.invalidate([]) }
        #expect(try edge.ledger.invalidations(distributionID: PurgeFixture.distributionID).isEmpty)
    }

    @Test func listsAreNewestFirst() throws {
        let edge = PurgeFixture()
        let first = try edge.invalidate(["/a"])
        edge.time.advance(1)
        let second = try edge.invalidate(["/b"])
        #expect(try edge.ledger.invalidations(distributionID: PurgeFixture.distributionID).map(\.id) == [second.id, first.id])
    }
}
