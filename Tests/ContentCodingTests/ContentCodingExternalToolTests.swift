import ContentCoding
import NIOCore
import Testing

/// Independent codecs agree with ours in both directions: the system `gzip` and `brotli` (apt: gzip, brotli).
@Suite("Cross-checks with the gzip and brotli command-line tools")
struct ContentCodingExternalToolTests {
    let allocator = ByteBufferAllocator()

    @Test(arguments: Sample.allCases)
    func gzipToolDecodesOurGzip(sample: Sample) async throws {
        let encoded = try ContentEncoder.encode(sample.body, as: .gzip, allocator: self.allocator)
        let decoded = try await ExternalTool.run("/usr/bin/gzip", ["-d", "-c"], input: encoded)
        #expect(decoded == sample.body)
    }

    @Test(arguments: Sample.allCases)
    func brotliToolDecodesOurBrotli(sample: Sample) async throws {
        let encoded = try ContentEncoder.encode(sample.body, as: .br, allocator: self.allocator)
        let decoded = try await ExternalTool.run("/usr/bin/brotli", ["-d", "-c"], input: encoded)
        #expect(decoded == sample.body)
    }

    @Test(arguments: [Sample.empty, .text1000, .binary1000, .text10MB])
    func weDecodeTheGzipTool(sample: Sample) async throws {
        let encoded = try await ExternalTool.run("/usr/bin/gzip", ["-6", "-c", "-n"], input: sample.body)
        let decoded = try ContentDecoder.decode(encoded, as: .gzip, allocator: self.allocator, maximumSize: 10_000_000)
        #expect(decoded == sample.body)
    }

    @Test(arguments: [Sample.empty, .text1000, .binary1000, .text10MB])
    func weDecodeTheBrotliTool(sample: Sample) async throws {
        let encoded = try await ExternalTool.run("/usr/bin/brotli", ["-q", "5", "-c"], input: sample.body)
        let decoded = try ContentDecoder.decode(encoded, as: .br, allocator: self.allocator, maximumSize: 10_000_000)
        #expect(decoded == sample.body)
    }

    /// Same codec, same level: zlib 6 through compress-nio must be byte-identical to `gzip -6 -n` apart from the
    /// header's OS byte, which proves the level reaches zlib.
    @Test func gzipLevelSixMatchesTheTool() async throws {
        let body = Sample.text1000.body
        let ours = try ContentEncoder.encode(body, as: .gzip, allocator: self.allocator)
        let tool = try await ExternalTool.run("/usr/bin/gzip", ["-6", "-c", "-n"], input: body)
        #expect(Array(ours.readableBytesView.dropFirst(10)) == Array(tool.readableBytesView.dropFirst(10)))
    }

    /// Brotli output depends only on the quality and window, so quality 5 must match `brotli -q 5 -w 22`.
    @Test func brotliQualityFiveMatchesTheTool() async throws {
        let body = Sample.text1000.body
        let ours = try ContentEncoder.encode(body, as: .br, allocator: self.allocator)
        let tool = try await ExternalTool.run("/usr/bin/brotli", ["-q", "5", "-w", "22", "-c"], input: body)
        #expect(ours == tool)
    }
}
