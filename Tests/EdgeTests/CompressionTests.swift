import ContentCoding
import Edge
import NIOCore
import NIOHTTP1
import Testing

/// Automatic compression through the edge (aws-behaviour §1.14): once per stored object, never per response.
@Suite struct CompressionTests {
    static let script = String(repeating: "export function hello() { return 'hello, world' }\n", count: 60)

    static func bundle(etag: String = "\"abc123\"", extra: [(String, String)] = []) -> RecordingOrigin.Reply {
        RecordingOrigin.Reply(
            headers: [("Content-Type", "application/javascript; charset=utf-8"), ("ETag", etag), ("Cache-Control", "max-age=60")] + extra,
            body: script
        )
    }

    static func decoded(_ response: EdgeResponse, as coding: ContentCoding) throws -> String {
        let body = try #require(response.body)
        return String(buffer: try ContentDecoder.decode(body, as: coding, allocator: ByteBufferAllocator()))
    }

    @Test func brIsServedToAViewerThatAcceptsBoth() async throws {
        let edge = EdgeFixture()
        edge.origin.set("/app.js", Self.bundle())
        let response = await edge.send(.GET, "/app.js", headers: [("Accept-Encoding", "gzip, deflate, br")])
        #expect(response["Content-Encoding"] == "br")
        #expect(try Self.decoded(response, as: .br) == Self.script)
        #expect(response["Content-Length"] == String(response.body?.readableBytes ?? -1))
        #expect((response.body?.readableBytes ?? .max) < Self.script.utf8.count)
        #expect(response["ETag"] == "W/\"abc123\"")
        #expect(response["Vary"] == "Accept-Encoding")
        // The origin was asked with the normalised value and answered identity.
        #expect(edge.origin.received.first?.headers.first(name: "accept-encoding") == "br,gzip")
    }

    @Test func gzipIsServedToAGzipOnlyViewer() async throws {
        let edge = EdgeFixture()
        edge.origin.set("/app.js", Self.bundle())
        let response = await edge.send(.GET, "/app.js", headers: [("Accept-Encoding", "gzip")])
        #expect(response["Content-Encoding"] == "gzip")
        #expect(try Self.decoded(response, as: .gzip) == Self.script)
    }

    @Test func aViewerThatAsksForNothingGetsIdentity() async {
        let edge = EdgeFixture()
        edge.origin.set("/app.js", Self.bundle())
        let response = await edge.send(.GET, "/app.js")
        #expect(response["Content-Encoding"] == nil)
        #expect(response.text == Self.script)
        #expect(response["ETag"] == "\"abc123\"")
        #expect(response["Vary"] == nil)
    }

    @Test func eachEncodingIsMadeOnceAndHitsServeTheStoredBytes() async throws {
        let edge = EdgeFixture()
        edge.origin.set("/app.js", Self.bundle())
        let miss = await edge.send(.GET, "/app.js", headers: [("Accept-Encoding", "br")])
        let hit = await edge.send(.GET, "/app.js", headers: [("Accept-Encoding", "br")])
        #expect(hit["X-Cache"] == "Hit from cloudfront")
        let first = try #require(miss.body)
        let second = try #require(hit.body)
        // The same storage: the hit wrote out the bytes compressed at store time.
        let samePointer = first.withUnsafeReadableBytes { a in second.withUnsafeReadableBytes { b in a.baseAddress == b.baseAddress } }
        #expect(samePointer)
        #expect(edge.origin.count == 1)
    }

    @Test func aWeakETagStaysWeak() async {
        let edge = EdgeFixture()
        edge.origin.set("/app.js", Self.bundle(etag: "W/\"v9\""))
        #expect(await edge.send(.GET, "/app.js", headers: [("Accept-Encoding", "br")])["ETag"] == "W/\"v9\"")
    }

    @Test func anInvalidETagIsRemoved() async {
        let edge = EdgeFixture()
        edge.origin.set("/app.js", Self.bundle(etag: "v9-not-quoted"))
        let response = await edge.send(.GET, "/app.js", headers: [("Accept-Encoding", "br")])
        #expect(response["Content-Encoding"] == "br")
        #expect(response["ETag"] == nil)
    }

    @Test func anOriginVaryAcceptEncodingIsNotRepeated() async {
        let edge = EdgeFixture()
        edge.origin.set("/app.js", Self.bundle(extra: [("Vary", "Accept-Encoding")]))
        let response = await edge.send(.GET, "/app.js", headers: [("Accept-Encoding", "br")])
        #expect(response.headers["vary"] == ["Accept-Encoding"])
    }

    @Test func varyCanBeLeftToTheOriginBySettings() async {
        let origin = RecordingOrigin()
        let distribution = EdgeFixture.spaDistribution()
        let location = EdgeLocation(
            code: "IAD89-P1",
            distributions: [distribution],
            origins: [distribution.originKey("site"): origin],
            cache: EdgeCache(capacity: 1 << 20),
            compression: CompressionSettings(addsVaryAcceptEncoding: false)
        )
        origin.set("/app.js", Self.bundle())
        let request = ViewerRequest(
            method: .GET,
            target: "/app.js",
            headers: HTTPHeaders([("Host", "app.edgesim.test"), ("Accept-Encoding", "br")]),
            isHTTPS: true
        )
        guard case .fetch(let fetch) = location.receive(request) else {
            Issue.record("a first request must miss")
            return
        }
        let response = await fetch.run()
        #expect(response.headers.first(name: "content-encoding") == "br")
        #expect(response.headers.first(name: "vary") == nil)
    }

    @Test func anOriginEncodedBodyIsStoredAsItCame() async {
        let edge = EdgeFixture()
        edge.origin.set("/app.js", Self.bundle(extra: [("Content-Encoding", "gzip")]))
        let response = await edge.send(.GET, "/app.js", headers: [("Accept-Encoding", "br")])
        #expect(response["Content-Encoding"] == "gzip")
        #expect(response.text == Self.script)
        #expect(response["ETag"] == "\"abc123\"")
    }

    @Test func aRevalidatedCompressedCopyKeepsItsEncodingAndWeakETag() async throws {
        let edge = EdgeFixture()
        edge.origin.set("/app.js", Self.bundle())
        _ = await edge.send(.GET, "/app.js", headers: [("Accept-Encoding", "br")])
        edge.time.advance(61)
        let refreshed = await edge.send(.GET, "/app.js", headers: [("Accept-Encoding", "br")])
        #expect(refreshed["X-Cache"] == "RefreshHit from cloudfront")
        // The origin was asked with its own strong validator, and the 304 did not undo the compression.
        #expect(edge.origin.received.last?.headers.first(name: "if-none-match") == "\"abc123\"")
        #expect(refreshed["ETag"] == "W/\"abc123\"")
        #expect(refreshed["Content-Encoding"] == "br")
        #expect(try Self.decoded(refreshed, as: .br) == Self.script)
    }

    @Test func aViewerConditionalRequestMatchesTheWeakETag() async {
        let edge = EdgeFixture()
        edge.origin.set("/app.js", Self.bundle())
        _ = await edge.send(.GET, "/app.js", headers: [("Accept-Encoding", "br")])
        let conditional = await edge.send(.GET, "/app.js", headers: [("Accept-Encoding", "br"), ("If-None-Match", "W/\"abc123\"")])
        #expect(conditional.status == .notModified)
    }

    @Test func theSPAFallbackPageIsCompressedToo() async throws {
        let edge = EdgeFixture()
        let page = "<!doctype html><title>app</title>" + String(repeating: "<p>content</p>", count: 100)
        edge.origin.set("/index.html", RecordingOrigin.Reply(headers: [("Content-Type", "text/html")], body: page))
        let response = await edge.send(.GET, "/shows/42", headers: [("Accept-Encoding", "gzip")])
        #expect(response.status == .ok)
        #expect(response["Content-Encoding"] == "gzip")
        #expect(try Self.decoded(response, as: .gzip) == page)
    }
}
