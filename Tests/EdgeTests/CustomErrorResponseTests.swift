import Edge
import NIOHTTP1
import Testing

@Suite struct CustomErrorResponseTests {
    let index = RecordingOrigin.Reply(
        headers: [("Content-Type", "text/html; charset=utf-8"), ("ETag", "\"idx\"")],
        body: "<!doctype html><title>app</title>"
    )

    @Test func deepLinkFallsBackToIndexWith200() async {
        let edge = EdgeFixture()
        edge.origin.set("/index.html", index)
        let response = await edge.send(.GET, "/shows/42")
        #expect(response.status == .ok)
        #expect(response.text == "<!doctype html><title>app</title>")
        #expect(response["X-Cache"] == "Error from cloudfront")
        #expect(response["Content-Type"] == "text/html; charset=utf-8")
        #expect(edge.origin.received.map(\.path) == ["/shows/42", "/index.html"])
        // The 403 is cached for errorCachingMinTTL (10 s) and the page through the cache: no origin trip.
        let again = await edge.send(.GET, "/shows/42")
        #expect(again.status == .ok)
        #expect(edge.origin.count == 2)
        edge.time.advance(11)
        _ = await edge.send(.GET, "/shows/42")
        #expect(edge.origin.received.map(\.path) == ["/shows/42", "/index.html", "/shows/42"])
    }

    @Test func missingErrorPageAnswersWithTheStatusOfItsOrigin() async {
        let edge = EdgeFixture()
        let response = await edge.send(.GET, "/nothing")
        #expect(response.status == .forbidden)
        #expect(response.text.contains("AccessDenied"))
    }

    @Test func errorsAreCachedForTheErrorCachingMinTTLWithoutRules() async {
        let distribution = Distribution(
            id: "E1",
            aliases: ["app.edgesim.test"],
            origins: [OriginDefinition(id: "site", target: .bucket("site"))],
            defaultCacheBehavior: CacheBehavior(targetOriginId: "site")
        )
        let edge = EdgeFixture(distribution: distribution)
        edge.origin.set("/gone", .init(status: .notFound, headers: [("Content-Type", "text/plain")], body: "no"))
        #expect(await edge.send(.GET, "/gone")["X-Cache"] == "Error from cloudfront")
        #expect(await edge.send(.GET, "/gone").status == .notFound)
        #expect(edge.origin.count == 1)
        edge.time.advance(10)
        _ = await edge.send(.GET, "/gone")
        #expect(edge.origin.count == 2)
    }

    @Test func forbiddenWithoutMaxAgeIsNotCached() async {
        let distribution = Distribution(
            id: "E1",
            aliases: ["app.edgesim.test"],
            origins: [OriginDefinition(id: "site", target: .bucket("site"))],
            defaultCacheBehavior: CacheBehavior(targetOriginId: "site")
        )
        let edge = EdgeFixture(distribution: distribution)
        _ = await edge.send(.GET, "/secret")
        _ = await edge.send(.GET, "/secret")
        #expect(edge.origin.count == 2)
    }

    @Test func unreachableOriginIs502() async {
        let distribution = Distribution(
            id: "E1",
            aliases: ["app.edgesim.test"],
            origins: [],
            defaultCacheBehavior: CacheBehavior(targetOriginId: "nowhere")
        )
        let edge = EdgeFixture(distribution: distribution)
        let response = await edge.send(.GET, "/")
        #expect(response.status == .badGateway)
        #expect(response["Server"] == "CloudFront")
        #expect(response.text.contains("<H1>502 ERROR</H1>"))
    }

    @Test func oversizedRequestIs413AndCloses() {
        let response = EdgeFixture().location.requestTooLarge()
        #expect(response.status == .payloadTooLarge)
        #expect(response.closeConnection)
    }
}
