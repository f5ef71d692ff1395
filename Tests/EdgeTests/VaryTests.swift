import Edge
import NIOHTTP1
import Testing

/// `Vary` at the edge (RFC 9111 §4.1, aws-behaviour §1.5 and §1.17).
@Suite struct VaryTests {
    static let tenantPolicy = OriginRequestPolicy(name: "Tenant", headers: .whitelist(["X-Tenant"]))

    static func distribution(policy: CachePolicy = .cachingOptimized, requestPolicy: OriginRequestPolicy? = tenantPolicy) -> Distribution {
        Distribution(
            id: "E1",
            aliases: ["app.edgesim.test"],
            defaultCacheBehavior: CacheBehavior(targetOriginId: "site", cachePolicy: policy, originRequestPolicy: requestPolicy)
        )
    }

    static func reply(vary: String, body: String = "hello") -> RecordingOrigin.Reply {
        RecordingOrigin.Reply(headers: [("Content-Type", "text/plain"), ("Vary", vary), ("Cache-Control", "max-age=60")], body: body)
    }

    @Test func responsesAreStoredPerValueOfAForwardedHeaderTheyVaryOn() async {
        let edge = EdgeFixture(distribution: Self.distribution())
        edge.origin.set("/me", Self.reply(vary: "X-Tenant"))
        #expect(await edge.send(.GET, "/me", headers: [("X-Tenant", "a")])["X-Cache"] == "Miss from cloudfront")
        #expect(await edge.send(.GET, "/me", headers: [("X-Tenant", "b")])["X-Cache"] == "Miss from cloudfront")
        #expect(await edge.send(.GET, "/me")["X-Cache"] == "Miss from cloudfront")
        #expect(await edge.send(.GET, "/me", headers: [("X-Tenant", "a")])["X-Cache"] == "Hit from cloudfront")
        #expect(await edge.send(.GET, "/me", headers: [("X-Tenant", "b")])["X-Cache"] == "Hit from cloudfront")
        #expect(await edge.send(.GET, "/me")["X-Cache"] == "Hit from cloudfront")
        #expect(edge.origin.received.map { $0.headers.first(name: "x-tenant") } == ["a", "b", nil])
        #expect(edge.location.cache.count == 3)
    }

    @Test func fieldLinesAreComparedJoined() async {
        let edge = EdgeFixture(distribution: Self.distribution())
        edge.origin.set("/me", Self.reply(vary: "X-Tenant"))
        _ = await edge.send(.GET, "/me", headers: [("X-Tenant", "a"), ("x-tenant", "b")])
        #expect(await edge.send(.GET, "/me", headers: [("X-Tenant", "a, b")])["X-Cache"] == "Hit from cloudfront")
        #expect(await edge.send(.GET, "/me", headers: [("X-Tenant", "a")])["X-Cache"] == "Miss from cloudfront")
    }

    @Test func aNameThatIsNotForwardedIsRemovedAndDoesNotSplitTheCache() async {
        let edge = EdgeFixture(distribution: Self.distribution(requestPolicy: nil))
        edge.origin.set("/me", Self.reply(vary: "X-Tenant, Accept-Encoding, Accept-Language"))
        let miss = await edge.send(.GET, "/me", headers: [("X-Tenant", "a")])
        #expect(miss["Vary"] == "Accept-Encoding")
        let hit = await edge.send(.GET, "/me", headers: [("X-Tenant", "b")])
        #expect(hit["X-Cache"] == "Hit from cloudfront")
        #expect(hit["Vary"] == "Accept-Encoding")
    }

    @Test func varyAcceptEncodingIsPassedOnAndMatchedByTheNormalisedKey() async {
        let edge = EdgeFixture(distribution: Self.distribution(requestPolicy: nil))
        edge.origin.set("/me", Self.reply(vary: "Accept-Encoding"))
        let miss = await edge.send(.GET, "/me", headers: [("Accept-Encoding", "gzip, deflate, br")])
        #expect(miss["Vary"] == "Accept-Encoding")
        // Another spelling normalises to the same key value (br,gzip), so the stored response matches it.
        #expect(await edge.send(.GET, "/me", headers: [("Accept-Encoding", "br;q=0.9, gzip")])["X-Cache"] == "Hit from cloudfront")
    }

    @Test func varyStarSendsEveryRequestToTheOriginWithoutConditionalHeaders() async {
        let policy = CachePolicy(name: "MinZero", minTTL: 0, defaultTTL: 60, maxTTL: 600)
        let edge = EdgeFixture(distribution: Self.distribution(policy: policy))
        var reply = Self.reply(vary: "*")
        reply.headers.append(("ETag", "\"s1\""))
        edge.origin.set("/me", reply)
        let first = await edge.send(.GET, "/me")
        #expect(first["Vary"] == "*")
        let second = await edge.send(.GET, "/me")
        #expect(second["X-Cache"] == "Miss from cloudfront")
        #expect(second.status == .ok)
        #expect(edge.origin.count == 2)
        #expect(edge.origin.received.allSatisfy { $0.headers.first(name: "if-none-match") == nil })
    }

    @Test func theNewestVaryGoverns() async {
        let edge = EdgeFixture(distribution: Self.distribution())
        edge.origin.set("/me", RecordingOrigin.Reply(headers: [("Content-Type", "text/plain"), ("Cache-Control", "max-age=60")], body: "plain"))
        _ = await edge.send(.GET, "/me", headers: [("X-Tenant", "a")])
        edge.time.advance(61)
        edge.origin.set("/me", Self.reply(vary: "X-Tenant", body: "tenant"))
        #expect(await edge.send(.GET, "/me", headers: [("X-Tenant", "a")]).text == "tenant")
        // The response that did not vary is gone; tenant b gets its own.
        #expect(await edge.send(.GET, "/me", headers: [("X-Tenant", "b")])["X-Cache"] == "Miss from cloudfront")
        #expect(edge.location.cache.count == 2)
    }
}
