import NIOCore
import NIOHTTP1
import Testing

@testable import Edge

/// The HTTP/1 text the listener writes and the cache stores (RFC 9112 §4, §5), and which stored objects carry a
/// ready-made head.
@Suite struct HTTP1BytesTests {
    static func text(_ write: (inout ByteBuffer) -> Void) -> String {
        var buffer = ByteBuffer()
        write(&buffer)
        return String(buffer: buffer)
    }

    @Test(arguments: [(0, "0"), (7, "7"), (10, "10"), (999, "999"), (86_400, "86400"), (1_000_000_007, "1000000007")])
    func decimalsAreWrittenWithoutAString(value: Int, text: String) {
        #expect(Self.text { HTTP1Bytes.writeDecimal(value, into: &$0) } == text)
    }

    @Test func statusLinesFollowTheRequestVersion() {
        #expect(Self.text { HTTP1Bytes.writeStatusLine(version: .http1_1, status: .ok, into: &$0) } == "HTTP/1.1 200 OK\r\n")
        #expect(Self.text { HTTP1Bytes.writeStatusLine(version: .http1_0, status: .notFound, into: &$0) } == "HTTP/1.0 404 Not Found\r\n")
        #expect(
            Self.text { HTTP1Bytes.writeStatusLine(version: .http1_1, status: .custom(code: 599, reasonPhrase: "Odd"), into: &$0) }
                == "HTTP/1.1 599 Odd\r\n"
        )
    }

    @Test func fieldNamesCompareWithoutRegardToCase() {
        #expect(HTTP1Bytes.name("Content-Length", is: "content-length"))
        #expect(HTTP1Bytes.name("IF-NONE-MATCH", is: "if-none-match"))
        #expect(!HTTP1Bytes.name("Content-Lengths", is: "content-length"))
        #expect(!HTTP1Bytes.name("Content_Length", is: "content-length"))
        #expect(!HTTP1Bytes.name("Range2", is: "range"))
    }

    static func object(status: HTTPResponseStatus, headers: HTTPHeaders, body: ByteBuffer = ByteBuffer(string: "hello")) -> CachedObject {
        let key = CacheKey(
            distributionID: "E1",
            domainName: "d1.cloudfront.net",
            method: "GET",
            path: "/a",
            query: nil,
            headers: [:],
            policy: .cachingOptimized,
            encoding: nil
        )
        return CachedObject(
            key: key,
            status: status,
            headers: headers,
            body: body,
            storedAt: 0,
            freshness: Freshness(ttl: 60, staleWhileRevalidate: 0, staleIfError: nil, age: 0),
            isError: status.code >= 400
        )
    }

    @Test func aStored200CarriesItsHeadAndCountsIt() {
        let object = Self.object(status: .ok, headers: ["Content-Type": "text/plain", "Content-Length": "5"])
        let head = String(buffer: object.storedHead ?? ByteBuffer())
        #expect(head == "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n")
        // Sized up front: the allocator's rounding to a power of two is the only slack.
        #expect((object.storedHead?.capacity ?? 0) < 2 * head.utf8.count)
        // The body's and the head's storage (powers of two), the header text (`name: value\r\n` per field), and the
        // bookkeeping for two fields.
        #expect(object.size == 8 + 26 + 19 + 64 + CachedObject.objectOverhead + 2 * CachedObject.fieldOverhead)
        #expect(!object.hasDate)
    }

    @Test func aBodyHeldInALargerStorageIsCopiedIntoItsOwn() {
        var large = ByteBuffer()
        large.writeString(String(repeating: "x", count: 4_000))
        let slice = large.getSlice(at: 0, length: 100)!
        let object = Self.object(status: .ok, headers: ["Content-Length": "100"], body: slice)
        #expect(object.body == slice)
        #expect(object.body.storageCapacity == 128)
    }

    @Test func otherStatusesAndUnsafeFieldsHaveNoStoredHead() {
        #expect(Self.object(status: .notFound, headers: ["Content-Length": "5"]).storedHead == nil)
        #expect(Self.object(status: .ok, headers: ["X-Bad": "a\r\nb"]).storedHead == nil)
        #expect(Self.object(status: .ok, headers: ["Date": "Wed, 25 Nov 2026 05:00:00 GMT"]).hasDate)
    }
}
