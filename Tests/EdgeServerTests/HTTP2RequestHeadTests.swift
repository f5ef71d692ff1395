import NIOHPACK
import NIOHTTP1
import Testing

@testable import EdgeServer

/// An HTTP/2 request's header block as the viewer handler reads it (RFC 9113 §8.2, §8.3.1).
@Suite struct HTTP2RequestHeadTests {
    static func block(_ fields: [(String, String)]) -> HPACKHeaders {
        HPACKHeaders(fields)
    }

    static let pseudo = [(":method", "GET"), (":scheme", "https"), (":authority", "app.edgesim.test"), (":path", "/a?b=1")]

    @Test func aRequestBecomesAHeadWithHostFromTheAuthority() throws {
        let head = try #require(HTTPRequestHead(http2Block: Self.block(Self.pseudo + [("accept", "*/*")])))
        #expect(head.method == .GET)
        #expect(head.uri == "/a?b=1")
        #expect(head.version == .http2)
        #expect(head.headers["host"] == ["app.edgesim.test"])
        #expect(head.headers["accept"] == ["*/*"])
    }

    @Test(arguments: [
        [("Accept", "*/*")],
        [("connection", "keep-alive")],
        [("transfer-encoding", "chunked")],
        [("te", "gzip")],
    ])
    func malformedFieldsAreRefused(_ fields: [(String, String)]) {
        #expect(HTTPRequestHead(http2Block: Self.block(Self.pseudo + fields)) == nil)
    }

    @Test func pseudoFieldsMustComeFirstAndBeKnown() {
        #expect(HTTPRequestHead(http2Block: Self.block([("accept", "*/*")] + Self.pseudo)) == nil)
        #expect(HTTPRequestHead(http2Block: Self.block(Self.pseudo + [(":protocol", "websocket")])) == nil)
        #expect(HTTPRequestHead(http2Block: Self.block(Array(Self.pseudo.dropLast()))) == nil)
        #expect(HTTPRequestHead(http2Block: Self.block(Self.pseudo + [("te", "trailers")])) != nil)
    }
}
