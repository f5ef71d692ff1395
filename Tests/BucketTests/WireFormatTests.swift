import AWSXML
import HTTPSemantics
import NIOCore
import NIOHTTP1
import Testing

@testable import Bucket

@Suite struct WireFormatTests {
    @Test(arguments: [
        (ChecksumAlgorithm.crc32, UInt64(0xCBF4_3926)),
        (.crc32c, 0xE306_9283),
        (.crc64nvme, 0xAE8B_1486_0A79_9888),
    ])
    func checksumsMatchTheirCatalogueCheckValues(algorithm: ChecksumAlgorithm, check: UInt64) {
        let bytes = Array("123456789".utf8)
        let value: UInt64 =
            switch algorithm {
            case .crc32: UInt64(CRC.crc32(bytes, table: CRC.crc32Table))
            case .crc32c: UInt64(CRC.crc32(bytes, table: CRC.crc32cTable))
            default: CRC.crc64nvme(bytes)
            }
        #expect(value == check)
    }

    @Test func checksumsAreBase64OfTheBigEndianDigest() {
        #expect(ChecksumAlgorithm.crc32.checksum(of: ByteBuffer(string: "hello")) == "NhCmhg==")
        #expect(ChecksumAlgorithm.sha256.checksum(of: ByteBuffer(string: "abc")) == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")
    }

    @Test(arguments: [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foobar", "Zm9vYmFy")])
    func base64FollowsRFC4648(plain: String, encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(Base64.decode(encoded) == Array(plain.utf8))
    }

    @Test(arguments: ["Zg", "Zg=", "Z===", "Zm9v!", "Zg==Zg=="])
    func base64RefusesNonCanonicalInput(text: String) {
        #expect(Base64.decode(text) == nil)
    }

    @Test func awsChunkedDecodingKeepsChunkBoundariesAndTrailers() throws {
        let (payload, trailers) = try AWSChunkedPayload.decode(
            ByteBuffer(string: "3;chunk-signature=x\r\nabc\r\n1\r\n\n\r\n0\r\nx-amz-checksum-crc32: AAAA \r\nx-amz-trailer-signature:sig\r\n\r\n")
        )
        #expect(String(buffer: payload) == "abc\n")
        #expect(trailers.map(\.name) == ["x-amz-checksum-crc32", "x-amz-trailer-signature"])
        #expect(trailers.first?.value == "AAAA")
    }

    @Test(arguments: ["", "zz\r\n", "5\r\nabc\r\n", "3\r\nabcX\r\n0\r\n\r\n"])
    func awsChunkedDecodingRefusesTruncatedBodies(body: String) {
        #expect(throws: S3Error.self) { try AWSChunkedPayload.decode(ByteBuffer(string: body)) }
    }

    @Test func xmlParserReadsS3RequestDocuments() throws {
        let document = try XML.parse(
            Array(
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- a comment -->
                <Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                  <Quiet>true</Quiet>
                  <Object><Key>a&amp;b &lt;c&gt; &#233;&#x41;</Key></Object>
                  <Object><Key><![CDATA[x<y]]></Key><VersionId/></Object>
                </Delete>
                """.utf8
            )
        )
        #expect(document.name == "Delete")
        #expect(document.child("Quiet")?.text == "true")
        #expect(document.children("Object").compactMap { $0.child("Key")?.text } == ["a&b <c> éA", "x<y"])
    }

    @Test(arguments: ["<Delete>", "<Delete></Other>", "<a><b></a></b>", "text", "<a>&bogus;</a>", "<a></a><b/>"])
    func xmlParserRefusesMalformedDocuments(text: String) {
        #expect(throws: XML.ParseError.self) { try XML.parse(Array(text.utf8)) }
    }

    @Test func iso8601TimestampsHaveMilliseconds() {
        #expect(ISO8601Timestamp.format(epochSeconds: 1_255_369_830) == "2009-10-12T17:50:30.000Z")
        #expect(ISO8601Timestamp.format(epochSeconds: 0) == "1970-01-01T00:00:00.000Z")
        #expect(ISO8601Timestamp.format(epochSeconds: 951_825_600) == "2000-02-29T12:00:00.000Z")
        #expect(ISO8601Timestamp.format(epochSeconds: -1) == "1969-12-31T23:59:59.000Z")
    }

    @Test func urlEncodingIsS3s() {
        #expect(ObjectListing.urlEncoded("a b+c/é~_.-") == "a+b%2Bc/%C3%A9~_.-")
    }

    @Test func queryParametersDecodeOnceAndKeepValuelessOnes() {
        let query = QueryParameters("list-type=2&prefix=a%2Fb+c&delete&empty=")
        #expect(query["list-type"] == "2")
        #expect(query["prefix"] == "a/b c")
        #expect(query.contains("delete") && query["delete"] == "")
        #expect(query["empty"] == "")
        #expect(query["missing"] == nil)
    }

    @Test func pagingStartsAfterACommonPrefixPastAllOfItsKeys() throws {
        let files = try ["a/1", "a/2", "b"].map { ScannedFile(key: try #require(ObjectKey($0)), path: "", identity: Self.identity) }
        let page = ObjectListing.page(files, prefix: "", delimiter: "/", after: "a/", maxKeys: 10)
        #expect(page.commonPrefixes.isEmpty)
        #expect(page.contents.map(\.key.rawValue) == ["b"])
        let multiByteDelimiter = ObjectListing.page(files, prefix: "", delimiter: "/2", after: nil, maxKeys: 10)
        #expect(multiByteDelimiter.commonPrefixes == ["a/2"])
        #expect(multiByteDelimiter.contents.map(\.key.rawValue) == ["a/1", "b"])
    }

    static let identity = FileIdentity(
        device: 0,
        inode: 0,
        size: 0,
        modifiedSeconds: 0,
        modifiedNanoseconds: 0,
        changedSeconds: 0,
        changedNanoseconds: 0
    )
}
