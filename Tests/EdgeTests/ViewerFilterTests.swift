import Edge
import NIOHTTP1
import Testing

@Suite struct ViewerFilterTests {
    let asset = RecordingOrigin.Reply(
        headers: [("Content-Type", "text/plain"), ("ETag", "\"v1\""), ("Last-Modified", "Tue, 01 Sep 2026 10:00:00 GMT")],
        body: "0123456789"
    )

    func edge() -> EdgeFixture {
        let edge = EdgeFixture()
        edge.origin.set("/d.txt", asset)
        return edge
    }

    @Test(arguments: [
        ("\"v1\"", HTTPResponseStatus.notModified),
        ("W/\"v1\"", .notModified),
        ("\"v0\", \"v1\"", .notModified),
        ("*", .notModified),
        ("\"v2\"", .ok),
    ])
    func ifNoneMatchUsesWeakComparison(value: String, expected: HTTPResponseStatus) async {
        let response = await edge().send(.GET, "/d.txt", headers: [("If-None-Match", value)])
        #expect(response.status == expected)
        if expected == .notModified {
            #expect(response.body == nil)
            #expect(response["ETag"] == "\"v1\"")
            #expect(response["Content-Length"] == nil)
        }
    }

    @Test func ifModifiedSinceAnswers304WhenNotModified() async {
        let edge = edge()
        #expect(await edge.send(.GET, "/d.txt", headers: [("If-Modified-Since", "Tue, 01 Sep 2026 10:00:00 GMT")]).status == .notModified)
        #expect(await edge.send(.GET, "/d.txt", headers: [("If-Modified-Since", "Mon, 31 Aug 2026 10:00:00 GMT")]).status == .ok)
    }

    @Test(
        arguments: [
            ("bytes=0-3", HTTPResponseStatus.partialContent, "0123", "bytes 0-3/10"),
            ("bytes=-2", .partialContent, "89", "bytes 8-9/10"),
            ("bytes=7-", .partialContent, "789", "bytes 7-9/10"),
            ("bytes=0-100", .partialContent, "0123456789", "bytes 0-9/10"),
            ("bytes=100-200", .rangeNotSatisfiable, "", "bytes */10"),
            ("bytes=0-1,5-6", .ok, "0123456789", nil),
            ("bytes=5-1", .ok, "0123456789", nil),
            ("pages=1-2", .ok, "0123456789", nil),
        ] as [(String, HTTPResponseStatus, String, String?)]
    )
    func ranges(range: String, status: HTTPResponseStatus, body: String, contentRange: String?) async {
        let response = await edge().send(.GET, "/d.txt", headers: [("Range", range)])
        #expect(response.status == status)
        #expect(response.text == body)
        #expect(response["Content-Range"] == contentRange)
        #expect(response["Content-Length"] == String(body.utf8.count))
    }
}
