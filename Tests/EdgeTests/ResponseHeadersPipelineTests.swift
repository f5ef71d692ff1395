import NIOHTTP1
import Testing

@testable import Edge

/// The behaviour's policy on the edge's real responses: misses, hits and preflights.
@Suite struct ResponseHeadersPipelineTests {
    static func edge(_ policy: ResponseHeadersPolicy, allowedMethods: AllowedMethods = .getHeadOptions) -> EdgeLocation {
        let distribution = Distribution(
            id: PurgeFixture.distributionID,
            aliases: ["app.edgesim.test"],
            origins: [OriginDefinition(id: "site", target: .bucket("site"))],
            defaultCacheBehavior: CacheBehavior(targetOriginId: "site", allowedMethods: allowedMethods, responseHeadersPolicy: policy)
        )
        return EdgeLocation(
            code: "IAD89-P1",
            distributions: [distribution],
            origins: [distribution.originKey("site"): EchoOrigin()],
            cache: EdgeCache(capacity: 1 << 20)
        )
    }

    static func send(_ edge: EdgeLocation, _ method: HTTPMethod = .GET, _ target: String, headers: [(String, String)] = []) async -> EdgeResponse {
        let request = ViewerRequest(method: method, target: target, headers: HTTPHeaders([("Host", "app.edgesim.test")] + headers), isHTTPS: true)
        switch edge.receive(request) {
        case .respond(let response): return response
        case .fetch(let fetch): return await fetch.run()
        }
    }

    @Test func missesAndHitsBothCarryThePolicysHeaders() async {
        let policy = ResponseHeadersPolicy(
            name: "All",
            cors: .init(allowOrigins: ["*"]),
            securityHeaders: ResponseHeadersPolicy.securityHeadersPolicy.securityHeaders,
            serverTiming: .init(samplingRate: 100)
        )
        let edge = Self.edge(policy)
        let origin = [("Origin", "https://app.example.com")]
        let miss = await Self.send(edge, .GET, "/app.js", headers: origin)
        let hit = await Self.send(edge, .GET, "/app.js", headers: origin)
        #expect(miss.headers.first(name: "X-Cache") == "Miss from cloudfront")
        #expect(hit.headers.first(name: "X-Cache") == "Hit from cloudfront")
        for response in [miss, hit] {
            #expect(response.headers["Access-Control-Allow-Origin"] == ["*"])
            #expect(response.headers["X-Content-Type-Options"] == ["nosniff"])
        }
        #expect(miss.headers.first(name: "Server-Timing")?.contains("cdn-cache-miss") == true)
        #expect(
            hit.headers.first(name: "Server-Timing")?.hasPrefix("cdn-cache-hit,cdn-pop;desc=\"IAD89-P1\",cdn-rid;desc=\"\(hit.requestID)\"") == true
        )
        // The stored object keeps the origin's headers: a request without Origin gets no CORS header from the cache.
        let plain = await Self.send(edge, .GET, "/app.js")
        #expect(!plain.headers.contains(name: "Access-Control-Allow-Origin"))
    }

    @Test func aPreflightGetsTheMethods() async {
        let edge = Self.edge(.corsWithPreflight)
        let response = await Self.send(
            edge,
            .OPTIONS,
            "/api/shows",
            headers: [("Origin", "https://app.example.com"), ("Access-Control-Request-Method", "DELETE")]
        )
        #expect(response.headers["Access-Control-Allow-Methods"] == ["DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"])
        #expect(response.headers["Access-Control-Allow-Origin"] == ["*"])
    }

    @Test func aBehaviourWithoutAPolicyLeavesTheHeadersAlone() async {
        let distribution = Distribution(
            id: PurgeFixture.distributionID,
            aliases: ["app.edgesim.test"],
            origins: [OriginDefinition(id: "site", target: .bucket("site"))],
            defaultCacheBehavior: CacheBehavior(targetOriginId: "site")
        )
        let edge = EdgeLocation(
            code: "IAD89-P1",
            distributions: [distribution],
            origins: [distribution.originKey("site"): EchoOrigin()],
            cache: EdgeCache(capacity: 1 << 20)
        )
        let response = await Self.send(edge, .GET, "/a", headers: [("Origin", "https://x.example"), ("Pragma", "server-timing")])
        #expect(!response.headers.contains(name: "Access-Control-Allow-Origin"))
        #expect(!response.headers.contains(name: "Server-Timing"))
    }
}
