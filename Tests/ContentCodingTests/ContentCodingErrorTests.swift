import NIOCore
import Testing

@testable import ContentCoding

@Suite("Codec failures are reported, never crashed on")
struct ContentCodingErrorTests {
    let allocator = ByteBufferAllocator()

    @Test(arguments: [0, 10, -1])
    func gzipLevelOutOfRangeThrows(level: Int) {
        #expect(throws: ContentEncoderError.levelOutOfRange(.gzip, level: level, range: 1...9, setting: "gzipLevel")) {
            try ContentEncoder.encode(Sample.text1000.body, as: .gzip, allocator: self.allocator, configuration: .init(gzipLevel: level))
        }
    }

    @Test(arguments: [-1, 12])
    func brotliQualityOutOfRangeThrows(quality: Int) {
        #expect(throws: ContentEncoderError.levelOutOfRange(.br, level: quality, range: 0...11, setting: "brotliQuality")) {
            try ContentEncoder.encode(Sample.text1000.body, as: .br, allocator: self.allocator, configuration: .init(brotliQuality: quality))
        }
    }

    @Test func encoderErrorSaysWhatAndHowToFix() {
        let error = ContentEncoderError.levelOutOfRange(.br, level: 12, range: 0...11, setting: "brotliQuality")
        #expect(error.description == "br level 12 is outside 0...11; set ContentEncoder.Configuration.brotliQuality to a value in that range")
    }

    @Test(arguments: [ContentCoding.gzip, .br])
    func garbageIsCorrupt(coding: ContentCoding) {
        let garbage = ByteBuffer(string: String(repeating: "this is not compressed data ", count: 20))
        let error = #expect(throws: ContentDecoderError.self) {
            try ContentDecoder.decode(garbage, as: coding, allocator: self.allocator)
        }
        #expect(error?.coding == coding)
        #expect(error?.description.hasPrefix("the \(coding.rawValue) body is not valid \(coding.rawValue) data") == true)
    }

    @Test(arguments: [ContentCoding.gzip, .br])
    func truncatedStreamIsTruncated(coding: ContentCoding) throws {
        let encoded = try ContentEncoder.encode(Sample.text(count: 50_000), as: coding, allocator: self.allocator)
        let cut = encoded.getSlice(at: encoded.readerIndex, length: encoded.readableBytes / 2)!
        #expect(throws: ContentDecoderError.truncated(coding)) {
            try ContentDecoder.decode(cut, as: coding, allocator: self.allocator)
        }
    }

    @Test(arguments: [ContentCoding.gzip, .br])
    func streamMissingItsLastByteIsTruncated(coding: ContentCoding) throws {
        let encoded = try ContentEncoder.encode(Sample.text1000.body, as: coding, allocator: self.allocator)
        let cut = encoded.getSlice(at: encoded.readerIndex, length: encoded.readableBytes - 1)!
        #expect(throws: ContentDecoderError.truncated(coding)) {
            try ContentDecoder.decode(cut, as: coding, allocator: self.allocator)
        }
    }

    @Test(arguments: [ContentCoding.gzip, .br])
    func emptyBodyIsTruncated(coding: ContentCoding) {
        #expect(throws: ContentDecoderError.truncated(coding)) {
            try ContentDecoder.decode(ByteBuffer(), as: coding, allocator: self.allocator)
        }
    }

    @Test func bytesAfterTheBrotliStreamAreRejected() throws {
        var encoded = try ContentEncoder.encode(Sample.text1000.body, as: .br, allocator: self.allocator)
        encoded.writeString("xyz")
        #expect(throws: ContentDecoderError.trailingData(.br, byteCount: 3)) {
            try ContentDecoder.decode(encoded, as: .br, allocator: self.allocator)
        }
    }

    @Test func bytesAfterTheGzipMemberAreCorrupt() throws {
        var encoded = try ContentEncoder.encode(Sample.text1000.body, as: .gzip, allocator: self.allocator)
        encoded.writeString("this is no gzip member")
        let error = #expect(throws: ContentDecoderError.self) {
            try ContentDecoder.decode(encoded, as: .gzip, allocator: self.allocator)
        }
        #expect(error?.description.hasPrefix("the gzip body is not valid gzip data") == true)
    }

    @Test(arguments: [ContentCoding.gzip, .br])
    func decodedSizeIsBounded(coding: ContentCoding) throws {
        let body = Sample.text(count: 1_000_000)
        let encoded = try ContentEncoder.encode(body, as: coding, allocator: self.allocator)
        #expect(throws: ContentDecoderError.tooLarge(coding, maximumSize: 999_999)) {
            try ContentDecoder.decode(encoded, as: coding, allocator: self.allocator, maximumSize: 999_999)
        }
        let exact = try ContentDecoder.decode(encoded, as: coding, allocator: self.allocator, maximumSize: 1_000_000)
        #expect(exact == body)
    }
}
