import Edge
import HTTPSemantics
import NIOHTTP1
import Testing

/// stale-while-revalidate, stale-if-error and CloudFront's serving of expired objects through origin errors
/// (aws-behaviour §1.5, §1.6, §1.7).
@Suite struct StaleContentTests {
    static func page(_ body: String, cacheControl: String, etag: String = "\"v1\"") -> RecordingOrigin.Reply {
        RecordingOrigin.Reply(headers: [("Content-Type", "text/html"), ("ETag", etag), ("Cache-Control", cacheControl)], body: body)
    }

    static let serverError = RecordingOrigin.Reply(status: .internalServerError, headers: [("Content-Type", "text/plain")], body: "boom")
    static let gone = RecordingOrigin.Reply(status: .notFound, headers: [("Content-Type", "text/plain")], body: "missing")

    /// A distribution without custom error responses, so origin errors reach the viewer as they are.
    static let plain = Distribution(id: "E1", aliases: ["app.edgesim.test"], defaultCacheBehavior: CacheBehavior(targetOriginId: "site"))

    /// Runs `body` while the POP's background work runs.
    static func withBackgroundWork(_ edge: EdgeFixture, _ body: () async -> Void) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await edge.location.run() }
            await body()
            group.cancelAll()
        }
    }

    @Test func withinStaleWhileRevalidateTheStaleCopyIsServedAtOnceAndRefreshedOnce() async {
        let origin = ScriptedOrigin(Self.page("old", cacheControl: "max-age=60, stale-while-revalidate=30"))
        let edge = EdgeFixture(distribution: Self.plain, origin: origin)
        await Self.withBackgroundWork(edge) {
            _ = await edge.send(.GET, "/news")
            origin.script([.reply(Self.page("new", cacheControl: "max-age=60, stale-while-revalidate=30", etag: "\"v2\""))])
            origin.close()
            edge.time.advance(70)
            // Both answered on the spot, from the cache, while the one refresh waits on the origin.
            guard case .respond(let first) = edge.receive(.GET, "/news"), case .respond(let second) = edge.receive(.GET, "/news") else {
                origin.open()
                Issue.record("inside stale-while-revalidate the edge must answer without the origin")
                return
            }
            #expect(first.text == "old" && second.text == "old")
            #expect(first["X-Cache"] == "Hit from cloudfront")
            #expect(first["Age"] == "70")
            #expect(await eventually { origin.count == 2 })
            #expect(origin.received[1].headers.first(name: "if-none-match") == "\"v1\"")
            origin.open()
            var refreshed = await edge.send(.GET, "/news")
            for _ in 0..<400 where refreshed.text != "new" {
                try? await Task.sleep(for: .milliseconds(5))
                refreshed = await edge.send(.GET, "/news")
            }
            #expect(refreshed.text == "new")
            #expect(refreshed["X-Cache"] == "Hit from cloudfront")
            #expect(refreshed["Age"] == nil)
            #expect(origin.count == 2)
        }
    }

    @Test func pastStaleWhileRevalidateTheViewerWaitsForTheOrigin() async {
        let origin = ScriptedOrigin(Self.page("old", cacheControl: "max-age=60, stale-while-revalidate=30"))
        let edge = EdgeFixture(distribution: Self.plain, origin: origin)
        _ = await edge.send(.GET, "/news")
        edge.time.advance(91)
        let response = await edge.send(.GET, "/news")
        #expect(response["X-Cache"] == "RefreshHit from cloudfront")
        #expect(origin.count == 2)
    }

    @Test func withoutStaleWhileRevalidateAnExpiredObjectIsRevalidatedInline() async {
        let origin = ScriptedOrigin(Self.page("old", cacheControl: "max-age=60"))
        let edge = EdgeFixture(distribution: Self.plain, origin: origin)
        _ = await edge.send(.GET, "/news")
        edge.time.advance(61)
        guard case .fetch = edge.receive(.GET, "/news") else {
            Issue.record("an expired object without stale-while-revalidate must go to the origin")
            return
        }
    }

    @Test(arguments: [500, 502, 503, 504])
    func anExpiredObjectIsServedWhenTheOriginAnswers5xx(status: Int) async {
        let origin = ScriptedOrigin(Self.page("kept", cacheControl: "max-age=60"))
        let edge = EdgeFixture(distribution: Self.plain, origin: origin)
        _ = await edge.send(.GET, "/news")
        var failure = Self.serverError
        failure.status = HTTPResponseStatus(statusCode: status)
        origin.script([.reply(failure)])
        edge.time.advance(120)
        let response = await edge.send(.GET, "/news")
        #expect(response.status == .ok)
        #expect(response.text == "kept")
        #expect(response["X-Cache"] == "Hit from cloudfront")
    }

    @Test(arguments: [OriginError.Kind.timeout, .connect])
    func anExpiredObjectIsServedWhenTheOriginFails(kind: OriginError.Kind) async {
        let origin = ScriptedOrigin(Self.page("kept", cacheControl: "max-age=60"))
        let edge = EdgeFixture(distribution: Self.plain, origin: origin)
        _ = await edge.send(.GET, "/news")
        origin.script([.failure(kind)])
        edge.time.advance(120)
        #expect(await edge.send(.GET, "/news").text == "kept")
    }

    @Test func aFailingOriginIsRetriedAtTheErrorCachingInterval() async {
        let origin = ScriptedOrigin(Self.page("kept", cacheControl: "max-age=60"))
        let edge = EdgeFixture(distribution: Self.plain, origin: origin)
        _ = await edge.send(.GET, "/news")
        origin.script([.reply(Self.serverError)])
        edge.time.advance(120)
        _ = await edge.send(.GET, "/news")
        edge.time.advance(5)
        #expect(await edge.send(.GET, "/news").text == "kept")
        #expect(origin.count == 2)
        edge.time.advance(6)
        #expect(await edge.send(.GET, "/news").text == "kept")
        #expect(origin.count == 3)
    }

    @Test func a4xxFromTheOriginIsPassedOnInsteadOfTheExpiredObject() async {
        let origin = ScriptedOrigin(Self.page("kept", cacheControl: "max-age=60"))
        let edge = EdgeFixture(distribution: Self.plain, origin: origin)
        _ = await edge.send(.GET, "/news")
        origin.script([.reply(Self.gone)])
        edge.time.advance(120)
        let response = await edge.send(.GET, "/news")
        #expect(response.status == .notFound)
        #expect(response.text == "missing")
        #expect(response["X-Cache"] == "Error from cloudfront")
    }

    @Test func staleIfErrorLimitsHowLongTheExpiredObjectStandsIn() async {
        let origin = ScriptedOrigin(Self.page("kept", cacheControl: "max-age=60, stale-if-error=100"))
        let edge = EdgeFixture(distribution: Self.plain, origin: origin)
        _ = await edge.send(.GET, "/news")
        origin.script([.reply(Self.serverError)])
        edge.time.advance(150)
        #expect(await edge.send(.GET, "/news").text == "kept")
        // The hold ends with the window (160 s), before the error-caching interval would.
        edge.time.advance(11)
        let late = await edge.send(.GET, "/news")
        #expect(late.status == .internalServerError)
        #expect(late.text == "boom")
        #expect(origin.count == 3)
    }

    @Test func staleIfErrorZeroPassesTheErrorOn() async {
        let origin = ScriptedOrigin(Self.page("kept", cacheControl: "max-age=60, stale-if-error=0"))
        let edge = EdgeFixture(distribution: Self.plain, origin: origin)
        _ = await edge.send(.GET, "/news")
        origin.script([.reply(Self.serverError)])
        edge.time.advance(61)
        #expect(await edge.send(.GET, "/news").status == .internalServerError)
    }

    @Test func noCacheUnderMinTTLIsServedStaleWhenTheOriginIsDown() async {
        // aws-behaviour §1.5's warning case: MinTTL > 0 keeps a no-cache object, which outlives an unreachable origin.
        let origin = ScriptedOrigin(Self.page("kept", cacheControl: "no-cache"))
        let edge = EdgeFixture(distribution: EdgeFixture.spaDistribution(), origin: origin)
        _ = await edge.send(.GET, "/index.html")
        origin.script([.failure(.connect)])
        edge.time.advance(2)
        #expect(await edge.send(.GET, "/index.html").text == "kept")
    }

    @Test func upstreamAgeCountsInTheLifetimeAndTheAgeHeader() async {
        var reply = Self.page("aged", cacheControl: "max-age=60")
        reply.headers.append(("Age", "30"))
        let origin = ScriptedOrigin(reply)
        let edge = EdgeFixture(distribution: Self.plain, origin: origin)
        let miss = await edge.send(.GET, "/news")
        #expect(miss["Age"] == "30")
        edge.time.advance(20)
        let hit = await edge.send(.GET, "/news")
        #expect(hit["X-Cache"] == "Hit from cloudfront")
        #expect(hit["Age"] == "50")
        edge.time.advance(11)
        #expect(await edge.send(.GET, "/news")["X-Cache"] == "RefreshHit from cloudfront")
    }

    @Test func anExpiresDateIsNotShortenedByTheUpstreamAge() async {
        // Expires names an instant, which the time spent upstream does not move (RFC 9111 §4.2.1).
        let origin = ScriptedOrigin([])
        let fixture = EdgeFixture(distribution: Self.plain, origin: origin)
        let expires = HTTPDate.format(epochSeconds: Int(fixture.time.clock.now) + 60)
        origin.script([.reply(RecordingOrigin.Reply(headers: [("Content-Type", "text/html"), ("Expires", expires), ("Age", "30")], body: "dated"))])
        _ = await fixture.send(.GET, "/news")
        fixture.time.advance(50)
        #expect(await fixture.send(.GET, "/news")["X-Cache"] == "Hit from cloudfront")
        fixture.time.advance(11)
        #expect(await fixture.send(.GET, "/news")["X-Cache"] != "Hit from cloudfront")
    }
}
