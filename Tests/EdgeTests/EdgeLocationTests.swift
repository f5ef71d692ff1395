import Edge
import NIOHTTP1
import Testing

@Suite struct EdgeLocationTests {
    let asset = RecordingOrigin.Reply(
        headers: [("Content-Type", "text/javascript; charset=utf-8"), ("ETag", "\"abc\""), ("Last-Modified", "Tue, 01 Sep 2026 10:00:00 GMT")],
        body: "console.log('hello world')"
    )
    let index = RecordingOrigin.Reply(
        headers: [("Content-Type", "text/html; charset=utf-8"), ("ETag", "\"idx\"")],
        body: "<!doctype html><title>app</title>"
    )

    @Test func unknownHostGetsCloudFrontsBadRequestPage() async {
        let edge = EdgeFixture()
        let response = await edge.send(.GET, "/", host: "nobody.example")
        #expect(response.status == .forbidden)
        #expect(response["Server"] == "CloudFront")
        #expect(response["Content-Type"] == "text/html")
        #expect(response["X-Cache"] == "Error from cloudfront")
        #expect(response.text.contains("<H1>403 ERROR</H1>"))
        #expect(response.text.contains("\nBad request.\n"))
        #expect(!response.text.contains("We can't connect"))
        #expect(response.text.contains("Request ID: \(response.requestID)"))
        #expect(edge.origin.count == 0)
    }

    @Test func plainHTTPGetIsRedirectedWith301() async {
        let edge = EdgeFixture()
        let response = await edge.send(.GET, "/shows?page=2", https: false)
        #expect(response.status == .movedPermanently)
        #expect(response["Location"] == "https://app.edgesim.test:8443/shows?page=2")
        #expect(response["X-Cache"] == "Redirect from cloudfront")
        #expect(response["Server"] == "CloudFront")
        #expect(response.body?.readableBytes == 167)
        #expect(response.text.hasPrefix("<html>\r\n<head><title>301 Moved Permanently</title></head>\r\n"))
    }

    @Test func otherMethodsGet307OrOn10A403() async throws {
        let all = CacheBehavior(targetOriginId: "site", allowedMethods: .all, cachePolicy: .cachingDisabled)
        let edge = EdgeFixture(
            distribution: Distribution(
                id: "E1",
                aliases: ["app.edgesim.test"],
                origins: [OriginDefinition(id: "site", target: .bucket("site"))],
                defaultCacheBehavior: all
            )
        )
        #expect(await edge.send(.POST, "/x", https: false).status == .temporaryRedirect)
        #expect(await edge.send(.POST, "/x", https: false, version: .http1_0).status == .forbidden)
    }

    @Test func httpsOnlyRefusesPlainHTTP() async {
        let behavior = CacheBehavior(targetOriginId: "site", viewerProtocolPolicy: .httpsOnly)
        let edge = EdgeFixture(distribution: Distribution(id: "E1", aliases: ["app.edgesim.test"], defaultCacheBehavior: behavior))
        let response = await edge.send(.GET, "/", https: false)
        #expect(response.status == .forbidden)
        #expect(response["X-Cache"] == "Error from cloudfront")
    }

    @Test func methodOutsideTheAllowedSetGetsThe403Page() async {
        let edge = EdgeFixture()
        let response = await edge.send(.POST, "/index.html", body: "x")
        #expect(response.status == .forbidden)
        #expect(response.text.contains("This distribution is not configured to allow the HTTP request method"))
        #expect(edge.origin.count == 0)
    }

    @Test func getWithABodyIsRefused() async {
        let edge = EdgeFixture()
        #expect(await edge.send(.GET, "/index.html", body: "payload").status == .forbidden)
    }

    @Test func defaultRootObjectAppliesToTheExactRootOnly() async {
        let edge = EdgeFixture()
        edge.origin.set("/index.html", index)
        #expect(await edge.send(.GET, "/").status == .ok)
        _ = await edge.send(.GET, "/install/")
        // The fallback page for /install/ comes from the cache.
        #expect(edge.origin.received.map(\.path) == ["/index.html", "/install/"])
    }

    @Test func missThenHitWithCloudFrontHeaders() async throws {
        let edge = EdgeFixture()
        edge.origin.set("/assets/app.js", asset)
        let miss = await edge.send(.GET, "/assets/app.js")
        #expect(miss.status == .ok)
        #expect(miss["X-Cache"] == "Miss from cloudfront")
        #expect(miss["Age"] == nil)
        #expect(miss["X-Amz-Cf-Pop"] == "IAD89-P1")
        let via = try #require(miss["Via"])
        #expect(via.wholeMatch(of: /1\.1 [0-9a-f]{32}\.cloudfront\.net \(CloudFront\)/) != nil)
        let id = try #require(miss["X-Amz-Cf-Id"])
        #expect(id.count == 56 && id.hasSuffix("=="))
        #expect(id.dropLast(2).allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        // 40 bytes end in one byte over two characters: the last character's four low bits are zero.
        #expect(id.dropLast(2).last.map { "AQgw".contains($0) } == true)
        #expect(miss["Server"] == nil)
        edge.time.advance(5)
        let hit = await edge.send(.GET, "/assets/app.js?cache-buster=1", headers: [("Cache-Control", "no-cache")])
        #expect(hit["X-Cache"] == "Hit from cloudfront")
        #expect(hit["Age"] == "5")
        #expect(hit.text == "console.log('hello world')")
        #expect(hit["X-Amz-Cf-Id"] != id)
        #expect(edge.origin.count == 1)
    }

    @Test func queryStringsInTheKeyOnlyWhenThePolicyNamesThem() async {
        let policy = CachePolicy(name: "Versioned", minTTL: 0, defaultTTL: 60, maxTTL: 60, queryStrings: .whitelist(["v"]))
        let edge = EdgeFixture(distribution: EdgeFixture.spaDistribution(policy: policy))
        edge.origin.set("/a.js", asset)
        _ = await edge.send(.GET, "/a.js?v=1&utm=x")
        #expect(await edge.send(.GET, "/a.js?v=1&utm=y")["X-Cache"] == "Hit from cloudfront")
        #expect(await edge.send(.GET, "/a.js?v=2")["X-Cache"] == "Miss from cloudfront")
        #expect(edge.origin.received.map(\.query) == ["v=1", "v=2"])
    }

    @Test func expiredObjectIsRevalidatedIntoARefreshHit() async {
        let edge = EdgeFixture()
        var reply = asset
        reply.headers.append(("Cache-Control", "max-age=60"))
        edge.origin.set("/a.js", reply)
        _ = await edge.send(.GET, "/a.js")
        edge.time.advance(30)
        #expect(await edge.send(.GET, "/a.js")["X-Cache"] == "Hit from cloudfront")
        edge.time.advance(31)
        let refreshed = await edge.send(.GET, "/a.js")
        #expect(refreshed["X-Cache"] == "RefreshHit from cloudfront")
        #expect(refreshed.text == "console.log('hello world')")
        #expect(edge.origin.received.last?.headers.first(name: "if-none-match") == "\"abc\"")
        #expect(await edge.send(.GET, "/a.js")["X-Cache"] == "Hit from cloudfront")
    }

    @Test func noCacheIsKeptForMinTTLUnderCachingOptimized() async {
        let edge = EdgeFixture()
        var reply = index
        reply.headers.append(("Cache-Control", "no-cache"))
        edge.origin.set("/index.html", reply)
        _ = await edge.send(.GET, "/index.html")
        #expect(await edge.send(.GET, "/index.html")["X-Cache"] == "Hit from cloudfront")
        edge.time.advance(1.5)
        #expect(await edge.send(.GET, "/index.html")["X-Cache"] == "RefreshHit from cloudfront")
    }

    @Test func noStoreWithMinTTLZeroIsAlwaysAMiss() async {
        let policy = CachePolicy(name: "Zero", minTTL: 0, defaultTTL: 86_400, maxTTL: 31_536_000)
        let edge = EdgeFixture(distribution: EdgeFixture.spaDistribution(policy: policy))
        var reply = asset
        reply.headers.append(("Cache-Control", "no-store"))
        edge.origin.set("/a.js", reply)
        _ = await edge.send(.GET, "/a.js")
        #expect(await edge.send(.GET, "/a.js")["X-Cache"] == "Miss from cloudfront")
        #expect(edge.origin.count == 2)
    }

    @Test func sMaxAgeWinsOverMaxAgeAndIsClampedToMaxTTL() async {
        let policy = CachePolicy(name: "Capped", minTTL: 0, defaultTTL: 10, maxTTL: 100)
        let edge = EdgeFixture(distribution: EdgeFixture.spaDistribution(policy: policy))
        var reply = asset
        reply.headers.append(("Cache-Control", "max-age=5, s-maxage=1000"))
        edge.origin.set("/a.js", reply)
        _ = await edge.send(.GET, "/a.js")
        edge.time.advance(50)
        #expect(await edge.send(.GET, "/a.js")["X-Cache"] == "Hit from cloudfront")
        edge.time.advance(51)
        #expect(await edge.send(.GET, "/a.js")["X-Cache"] == "RefreshHit from cloudfront")
    }

    @Test func cachingDisabledNeverStores() async {
        let edge = EdgeFixture(distribution: EdgeFixture.spaDistribution(policy: .cachingDisabled))
        edge.origin.set("/a.js", asset)
        _ = await edge.send(.GET, "/a.js")
        #expect(await edge.send(.GET, "/a.js")["X-Cache"] == "Miss from cloudfront")
        #expect(edge.origin.count == 2)
    }

    @Test func headHasNoBodyButTheLength() async {
        let edge = EdgeFixture()
        edge.origin.set("/a.js", asset)
        let response = await edge.send(.HEAD, "/a.js")
        #expect(response.body == nil)
        #expect(response["Content-Length"] == "26")
        #expect(edge.origin.received.first?.method == .GET)
    }
}
