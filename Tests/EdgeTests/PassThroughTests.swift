import Edge
import NIOCore
import NIOHTTP1
import Testing

/// Responses the edge passes on without storing, and requests that do not touch the cache.
@Suite struct PassThroughTests {
    static let resource = RecordingOrigin.Reply(
        headers: [("Content-Type", "application/json"), ("Cache-Control", "max-age=60")],
        body: #"{"id":1}"#
    )

    static func allMethods(policy: CachePolicy = .cachingOptimized) -> Distribution {
        Distribution(
            id: "E1",
            aliases: ["app.edgesim.test"],
            defaultCacheBehavior: CacheBehavior(targetOriginId: "site", allowedMethods: .all, cachePolicy: policy)
        )
    }

    @Test(arguments: [HTTPMethod.POST, .PUT, .PATCH, .DELETE])
    func aSuccessfulUnsafeMethodLeavesTheStoredResponseAlone(method: HTTPMethod) async {
        // CloudFront sends proxy methods straight to the origin and never invalidates on them (aws-behaviour §1.15,
        // §1.18), unlike RFC 9111 §4.4: the stored GET keeps being served until it expires or is invalidated.
        let edge = EdgeFixture(distribution: Self.allMethods())
        edge.origin.set("/items/1", Self.resource)
        _ = await edge.send(.GET, "/items/1")
        let write = await edge.send(method, "/items/1", body: #"{"id":1,"name":"x"}"#)
        #expect(write.status == .ok)
        #expect(write["X-Cache"] == "Miss from cloudfront")
        #expect(edge.origin.received.last?.method == method)
        #expect(edge.origin.received.last?.body.map { String(buffer: $0) } == #"{"id":1,"name":"x"}"#)
        #expect(await edge.send(.GET, "/items/1")["X-Cache"] == "Hit from cloudfront")
        #expect(edge.origin.count == 2)
    }

    @Test func aBodyShorterThanItsContentLengthIsServedButNotStored() async {
        let origin = ScriptedOrigin(
            RecordingOrigin.Reply(headers: [("Content-Type", "text/plain"), ("Content-Length", "100")], body: "truncated")
        )
        let edge = EdgeFixture(origin: origin)
        let first = await edge.send(.GET, "/file.txt")
        #expect(first.status == .ok)
        #expect(first.text == "truncated")
        #expect(await edge.send(.GET, "/file.txt")["X-Cache"] == "Miss from cloudfront")
        #expect(origin.count == 2)
    }
}
