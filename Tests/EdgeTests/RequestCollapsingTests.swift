import Edge
import NIOHTTP1
import Testing

/// aws-behaviour §1.12: concurrent misses on one cache key make one origin request.
@Suite struct RequestCollapsingTests {
    static let bundle = RecordingOrigin.Reply(
        headers: [("Content-Type", "text/javascript"), ("ETag", "\"b1\""), ("Cache-Control", "max-age=300")],
        body: "export const answer = 42"
    )

    /// Starts `count` requests for `target` at once (each decided by the edge before any origin answer), lets the
    /// first reach the origin, then opens the origin and collects every answer.
    static func concurrently(
        _ count: Int,
        _ target: String,
        edge: EdgeFixture,
        origin: ScriptedOrigin,
        headers: @escaping @Sendable (Int) -> [(String, String)] = { _ in [] }
    ) async -> [EdgeResponse] {
        origin.close()
        let actions = (0..<count).map { edge.receive(.GET, target, headers: headers($0)) }
        return await withTaskGroup(of: EdgeResponse.self) { group in
            for action in actions {
                group.addTask {
                    switch action {
                    case .respond(let response): response
                    case .fetch(let fetch): await fetch.run()
                    }
                }
            }
            _ = await eventually { origin.count >= 1 }
            // Gives the other requests time to join the flight before the origin answers.
            try? await Task.sleep(for: .milliseconds(50))
            origin.open()
            return await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test func concurrentMissesMakeOneOriginRequest() async {
        let origin = ScriptedOrigin(Self.bundle)
        let edge = EdgeFixture(origin: origin)
        let responses = await Self.concurrently(8, "/app.js", edge: edge, origin: origin)
        #expect(origin.count == 1)
        #expect(responses.allSatisfy { $0.status == .ok && $0.text == "export const answer = 42" })
        // The first is the Miss; the collapsed ones are logged as Hits.
        #expect(responses.filter { $0["X-Cache"] == "Miss from cloudfront" }.count == 1)
        #expect(responses.filter { $0["X-Cache"] == "Hit from cloudfront" }.count == 7)
        #expect(Set(responses.map(\.requestID)).count == 8)
    }

    @Test func differentKeysAreNeverCollapsed() async {
        let origin = ScriptedOrigin(Self.bundle)
        let edge = EdgeFixture(origin: origin)
        origin.close()
        let first = edge.receive(.GET, "/a.js")
        let second = edge.receive(.GET, "/b.js")
        await withTaskGroup(of: Void.self) { group in
            for action in [first, second] {
                group.addTask { if case .fetch(let fetch) = action { _ = await fetch.run() } }
            }
            #expect(await eventually { origin.count == 2 })
            origin.open()
        }
        #expect(origin.received.map(\.path).sorted() == ["/a.js", "/b.js"])
    }

    @Test func expiredObjectIsRevalidatedOnceForConcurrentRequests() async {
        let origin = ScriptedOrigin(Self.bundle)
        let edge = EdgeFixture(origin: origin)
        _ = await edge.send(.GET, "/app.js")
        edge.time.advance(301)
        let responses = await Self.concurrently(5, "/app.js", edge: edge, origin: origin)
        #expect(origin.count == 2)
        #expect(origin.received.last?.headers.first(name: "if-none-match") == "\"b1\"")
        #expect(responses.filter { $0["X-Cache"] == "RefreshHit from cloudfront" }.count == 1)
        #expect(responses.filter { $0["X-Cache"] == "Hit from cloudfront" }.count == 4)
    }

    @Test(arguments: ["no-store", "private", "no-cache", "max-age=0", "s-maxage=0"])
    func objectsCloudFrontMayNotCollapseGoToTheOriginEach(directive: String) async {
        let policy = CachePolicy(name: "MinZero", minTTL: 0, defaultTTL: 60, maxTTL: 600)
        var reply = Self.bundle
        reply.headers = [("Content-Type", "text/javascript"), ("Cache-Control", directive)]
        let origin = ScriptedOrigin(reply)
        let edge = EdgeFixture(distribution: EdgeFixture.spaDistribution(policy: policy), origin: origin)
        let responses = await Self.concurrently(4, "/app.js", edge: edge, origin: origin)
        #expect(origin.count == 4)
        #expect(responses.allSatisfy { $0["X-Cache"] == "Miss from cloudfront" && $0.text == "export const answer = 42" })
    }

    @Test func forwardedCookiesTurnCollapsingOff() async {
        let policy = CachePolicy(name: "Cookies", minTTL: 1, defaultTTL: 60, maxTTL: 600, cookies: .whitelist(["session"]))
        let origin = ScriptedOrigin(Self.bundle)
        let edge = EdgeFixture(distribution: EdgeFixture.spaDistribution(policy: policy), origin: origin)
        origin.close()
        let actions = (0..<3).map { _ in edge.receive(.GET, "/app.js", headers: [("Cookie", "session=1")]) }
        await withTaskGroup(of: Void.self) { group in
            for action in actions {
                group.addTask { if case .fetch(let fetch) = action { _ = await fetch.run() } }
            }
            // Uncollapsed, all three reach the origin while it is still closed.
            #expect(await eventually { origin.count == 3 })
            origin.open()
        }
    }

    @Test func waitersAreReleasedWhenTheLeadersOriginFails() async {
        let origin = ScriptedOrigin([.failure(.timeout), .reply(Self.bundle)])
        let edge = EdgeFixture(origin: origin)
        let responses = await Self.concurrently(4, "/app.js", edge: edge, origin: origin)
        #expect(responses.count == 4)
        #expect(responses.filter { $0.status == .gatewayTimeout }.count == 1)
        // The waiters had nothing to share, so each asked the origin itself.
        #expect(origin.count == 4)
        #expect(responses.filter { $0.status == .ok }.count == 3)
    }

    @Test func waitersAreReleasedWhenTheLeaderIsCancelled() async {
        let origin = ScriptedOrigin(Self.bundle)
        let edge = EdgeFixture(origin: origin)
        origin.close()
        guard case .fetch(let leading) = edge.receive(.GET, "/app.js"), case .fetch(let waiting) = edge.receive(.GET, "/app.js") else {
            Issue.record("both requests should need the origin")
            return
        }
        let leader = Task { await leading.run() }
        #expect(await eventually { origin.count == 1 })
        let waiter = Task { await waiting.run() }
        try? await Task.sleep(for: .milliseconds(50))
        leader.cancel()
        _ = await leader.value
        // The waiter goes to the origin itself; let that call through.
        #expect(await eventually { origin.count == 2 })
        origin.open()
        let response = await waiter.value
        #expect(response.status == .ok)
        #expect(response.text == "export const answer = 42")
    }

    @Test func aCancelledWaiterStopsWaiting() async {
        let origin = ScriptedOrigin(Self.bundle)
        let edge = EdgeFixture(origin: origin)
        origin.close()
        guard case .fetch(let leading) = edge.receive(.GET, "/app.js"), case .fetch(let waiting) = edge.receive(.GET, "/app.js") else {
            Issue.record("both requests should need the origin")
            return
        }
        let leader = Task { await leading.run() }
        #expect(await eventually { origin.count == 1 })
        let waiter = Task { await waiting.run() }
        try? await Task.sleep(for: .milliseconds(20))
        waiter.cancel()
        // Cancelled, it stops waiting and its own origin call is cancelled too: an error page, not a hang.
        #expect(await waiter.value.status == .badGateway)
        origin.open()
        #expect(await leader.value.status == .ok)
    }

    @Test func waitersWithAnotherVarySelectionFetchThemselves() async {
        let tenantPolicy = OriginRequestPolicy(name: "Tenant", headers: .whitelist(["X-Tenant"]))
        let behavior = CacheBehavior(targetOriginId: "site", cachePolicy: .cachingOptimized, originRequestPolicy: tenantPolicy)
        var reply = Self.bundle
        reply.headers.append(("Vary", "X-Tenant"))
        let origin = ScriptedOrigin(reply)
        let edge = EdgeFixture(
            distribution: Distribution(id: "E1", aliases: ["app.edgesim.test"], defaultCacheBehavior: behavior),
            origin: origin
        )
        let responses = await Self.concurrently(4, "/app.js", edge: edge, origin: origin) { index in
            [("X-Tenant", index == 0 ? "a" : "b")]
        }
        #expect(responses.count == 4)
        // One for the leader's tenant; the other tenant's waiters could not take it and went themselves.
        #expect(origin.count >= 2)
        #expect(origin.received.filter { $0.headers.first(name: "x-tenant") == "a" }.count == 1)
    }
}
