import Eviction
import NIOHTTP1
import Testing

@testable import Edge

/// The bounded edge cache on the `Eviction` module's policies.
@Suite struct EdgeCacheTests {
    static func reply(size: Int) -> RecordingOrigin.Reply {
        RecordingOrigin.Reply(headers: [("Content-Type", "application/octet-stream")], body: String(repeating: "x", count: size))
    }

    /// What one stored `reply(size:)` weighs in a cache (body, header text, stored head and bookkeeping), measured
    /// rather than restated, so that capacities below hold a chosen number of objects.
    static func weight(ofReplySize size: Int, headers: [(String, String)] = []) async -> Int {
        let cache = EdgeCache(capacity: 1 << 20)
        let edge = EdgeFixture(cache: cache)
        edge.origin.set("/probe", reply(size: size))
        _ = await edge.send(.GET, "/probe", headers: headers)
        return cache.usedBytes
    }

    @Test func theDefaultPolicyIsS3FIFO() {
        #expect(EdgeCache(capacity: 1000).policy == .s3fifo)
    }

    @Test(arguments: EvictionPolicyKind.allCases.filter { !$0.needsFuture })
    func everyLivePolicyKeepsTheBound(kind: EvictionPolicyKind) async throws {
        let cache = try EdgeCache(capacity: 20_000, policy: kind)
        let edge = EdgeFixture(cache: cache)
        for index in 0..<40 { edge.origin.set("/o\(index)", Self.reply(size: 1_500)) }
        for round in 0..<3 {
            for index in 0..<40 where (index + round) % 3 != 0 {
                _ = await edge.send(.GET, "/o\(index)")
                #expect(cache.usedBytes <= 20_000)
            }
        }
        #expect(cache.evictions > 0)
        #expect(cache.count > 0 && cache.count < 40)
    }

    @Test func beladyIsRefusedForALiveCache() {
        #expect(throws: EvictionPolicyError.self) { try EdgeCache(capacity: 1000, policy: .belady) }
    }

    @Test func theEvictedObjectIsFetchedAgainAndCounted() async throws {
        // Two fit, three do not.
        let cache = try EdgeCache(capacity: await Self.weight(ofReplySize: 1_000) * 5 / 2, policy: .fifo)
        let edge = EdgeFixture(cache: cache)
        for name in ["a", "b", "c"] { edge.origin.set("/\(name)", Self.reply(size: 1_000)) }
        _ = await edge.send(.GET, "/a")
        _ = await edge.send(.GET, "/b")
        #expect(cache.evictions == 0)
        _ = await edge.send(.GET, "/c")
        #expect(cache.evictions == 1)
        #expect(await edge.send(.GET, "/b")["X-Cache"] == "Hit from cloudfront")
        #expect(await edge.send(.GET, "/a")["X-Cache"] == "Miss from cloudfront")
        #expect(edge.origin.received.map(\.path) == ["/a", "/b", "/c", "/a"])
    }

    @Test func aHitCountsAsAUseForThePolicy() async throws {
        // Three fit, four do not.
        let cache = try EdgeCache(capacity: await Self.weight(ofReplySize: 1_000) * 7 / 2, policy: .lru)
        let edge = EdgeFixture(cache: cache)
        for name in ["a", "b", "c", "d"] { edge.origin.set("/\(name)", Self.reply(size: 1_000)) }
        for name in ["a", "b", "c"] { _ = await edge.send(.GET, "/\(name)") }
        #expect(await edge.send(.GET, "/a")["X-Cache"] == "Hit from cloudfront")
        _ = await edge.send(.GET, "/d")
        // LRU evicted b, the least recently used, not a, which the hit refreshed.
        #expect(await edge.send(.GET, "/a")["X-Cache"] == "Hit from cloudfront")
        #expect(await edge.send(.GET, "/b")["X-Cache"] == "Miss from cloudfront")
    }

    @Test func anObjectLargerThanTheCacheIsServedButNotStored() async throws {
        let cache = EdgeCache(capacity: 2_000)
        let edge = EdgeFixture(cache: cache)
        edge.origin.set("/small", Self.reply(size: 500))
        edge.origin.set("/huge", Self.reply(size: 5_000))
        _ = await edge.send(.GET, "/small")
        let first = await edge.send(.GET, "/huge")
        #expect(first.status == .ok && first.body?.readableBytes == 5_000)
        #expect(await edge.send(.GET, "/huge")["X-Cache"] == "Miss from cloudfront")
        #expect(edge.origin.count == 3)
        // Nothing was evicted to make room for it.
        #expect(await edge.send(.GET, "/small")["X-Cache"] == "Hit from cloudfront")
        #expect(cache.evictions == 0)
    }

    @Test func anObjectThatOutgrowsTheCacheTakesItsOldCopyAlong() async throws {
        let cache = EdgeCache(capacity: 2_000)
        var first = Self.reply(size: 500)
        first.headers.append(("ETag", "\"v1\""))
        let origin = ScriptedOrigin([.reply(first), .reply(Self.reply(size: 5_000)), .reply(Self.reply(size: 500))])
        let edge = EdgeFixture(cache: cache, origin: origin)
        _ = await edge.send(.GET, "/grows")
        edge.time.advance(86_401)
        #expect(await edge.send(.GET, "/grows").body?.readableBytes == 5_000)
        #expect(cache.count == 0)
        #expect(cache.usedBytes == 0)
        // The next request is a plain miss, not a revalidation of the outdated copy.
        _ = await edge.send(.GET, "/grows")
        #expect(origin.received.last?.headers.first(name: "if-none-match") == nil)
        #expect(origin.count == 3)
    }

    @Test func thePolicyKeysAURLAsTheReplayReadsItsLogLine() async throws {
        let distribution = EdgeFixture.spaDistribution(
            policy: CachePolicy(name: "Query", minTTL: 0, defaultTTL: 60, maxTTL: 60, queryStrings: .all)
        )
        let edge = EdgeFixture(distribution: distribution)
        edge.origin.set("/app.js", Self.reply(size: 10))
        _ = await edge.send(.GET, "/app.js?v=2")
        _ = await edge.send(.GET, "/app.js")
        let keys = Self.keys(of: edge, targets: ["/app.js?v=2", "/app.js"])
        #expect(keys[0] == EvictionKey.hash(distribution.domainName + "/app.js?v=2"))
        #expect(keys[1] == EvictionKey.hash(distribution.domainName + "/app.js"))
    }

    @Test func encodingVariantsShareOneEntryAndLeaveTogether() async throws {
        // Two fit, three do not.
        let weight = await Self.weight(ofReplySize: 900, headers: [("Accept-Encoding", "gzip")])
        let cache = try EdgeCache(capacity: weight * 5 / 2, policy: .fifo)
        let edge = EdgeFixture(cache: cache)
        edge.origin.set("/a", Self.reply(size: 900))
        edge.origin.set("/b", Self.reply(size: 900))
        _ = await edge.send(.GET, "/a", headers: [("Accept-Encoding", "gzip")])
        _ = await edge.send(.GET, "/a", headers: [("Accept-Encoding", "br")])
        #expect(cache.count == 2)
        let keys =
            Self.keys(of: edge, targets: ["/a"], headers: [("Accept-Encoding", "gzip")])
            + Self.keys(of: edge, targets: ["/a"], headers: [("Accept-Encoding", "br")])
        #expect(keys[0] == keys[1])
        // /b does not fit beside both variants of /a, and evicting /a drops both of them.
        _ = await edge.send(.GET, "/b")
        #expect(cache.evictions == 1)
        #expect(cache.count == 1)
        #expect(await edge.send(.GET, "/a", headers: [("Accept-Encoding", "br")])["X-Cache"] == "Miss from cloudfront")
    }

    @Test func removeTakesEveryVariantOfAMatchingKey() async {
        let edge = EdgeFixture()
        edge.origin.set("/a", Self.reply(size: 100))
        edge.origin.set("/b", Self.reply(size: 100))
        _ = await edge.send(.GET, "/a", headers: [("Accept-Encoding", "gzip")])
        _ = await edge.send(.GET, "/a")
        _ = await edge.send(.GET, "/b")
        let before = edge.location.cache.usedBytes
        #expect(edge.location.cache.remove { $0.path == "/a" } == 2)
        #expect(edge.location.cache.count == 1)
        #expect(edge.location.cache.usedBytes < before)
        #expect(await edge.send(.GET, "/a")["X-Cache"] == "Miss from cloudfront")
        #expect(await edge.send(.GET, "/b")["X-Cache"] == "Hit from cloudfront")
    }

    /// The eviction keys the edge gives GETs of `targets`.
    static func keys(of edge: EdgeFixture, targets: [String], headers: [(String, String)] = []) -> [UInt64] {
        targets.map { target in
            var fields = HTTPHeaders([("Host", "app.edgesim.test")])
            fields.add(contentsOf: headers)
            let request = ViewerRequest(method: .GET, target: target, headers: fields, isHTTPS: true)
            let distribution = edge.location.table.distributions[0]
            let behavior = distribution.behavior(forPath: request.path)
            return edge.location.cacheKey(for: request, behavior: behavior, distribution: distribution, path: request.path).evictionKey
        }
    }
}
