import ContentCoding
import NIOCore
import Testing

@Suite("Round trips through our encoder and decoder")
struct ContentCodingRoundTripTests {
    let allocator = ByteBufferAllocator()

    @Test(arguments: [ContentCoding.gzip, .br], Sample.allCases)
    func decodesWhatItEncodes(coding: ContentCoding, sample: Sample) throws {
        let body = sample.body
        let encoded = try ContentEncoder.encode(body, as: coding, allocator: self.allocator)
        #expect(encoded.readableBytes > 0)
        let decoded = try ContentDecoder.decode(encoded, as: coding, allocator: self.allocator, maximumSize: 10_000_000)
        #expect(decoded.readableBytes == body.readableBytes)
        #expect(decoded == body)
    }

    @Test func gzipOutputIsAGzipMember() throws {
        let encoded = try ContentEncoder.encode(Sample.text1000.body, as: .gzip, allocator: self.allocator)
        // RFC 1952 §2.3.1: ID1 ID2 CM(deflate)
        #expect(Array(encoded.readableBytesView.prefix(3)) == [0x1F, 0x8B, 0x08])
    }

    @Test func encodingLeavesTheBodyUnchanged() throws {
        let body = Sample.text1000.body
        let copy = ByteBuffer(bytes: body.readableBytesView)
        for coding in [ContentCoding.gzip, .br] {
            _ = try ContentEncoder.encode(body, as: coding, allocator: self.allocator)
            #expect(body == copy)
            #expect(body.readerIndex == 0)
        }
    }

    @Test(arguments: [ContentCoding.gzip, .br])
    func repetitiveTextShrinks(coding: ContentCoding) throws {
        let body = Sample.text(count: 100_000)
        let encoded = try ContentEncoder.encode(body, as: coding, allocator: self.allocator)
        #expect(encoded.readableBytes * 3 < body.readableBytes)
    }

    @Test func levelsReachTheCodecs() throws {
        let body = Sample.text(count: 200_000)
        let fastGzip = try ContentEncoder.encode(body, as: .gzip, allocator: self.allocator, configuration: .init(gzipLevel: 1))
        let bestGzip = try ContentEncoder.encode(body, as: .gzip, allocator: self.allocator, configuration: .init(gzipLevel: 9))
        #expect(bestGzip.readableBytes < fastGzip.readableBytes)
        let fastBr = try ContentEncoder.encode(body, as: .br, allocator: self.allocator, configuration: .init(brotliQuality: 0))
        let bestBr = try ContentEncoder.encode(body, as: .br, allocator: self.allocator, configuration: .init(brotliQuality: 9))
        #expect(bestBr.readableBytes < fastBr.readableBytes)
    }

    @Test func defaultsAreGzipSixAndBrotliFive() {
        let configuration = ContentEncoder.Configuration()
        #expect(configuration.gzipLevel == 6)
        #expect(configuration.brotliQuality == 5)
    }

    @Test func gzipMembersDecodeToTheirConcatenation() throws {
        var twoMembers = try ContentEncoder.encode(ByteBuffer(string: "first,"), as: .gzip, allocator: self.allocator)
        var second = try ContentEncoder.encode(ByteBuffer(string: "second"), as: .gzip, allocator: self.allocator)
        twoMembers.writeBuffer(&second)
        let decoded = try ContentDecoder.decode(twoMembers, as: .gzip, allocator: self.allocator)
        #expect(decoded == ByteBuffer(string: "first,second"))
    }
}
