import NIOCore
import NIOHTTP1

/// Decodes the `aws-chunked` content encoding that SDKs use for streaming uploads.
///
/// Sent with `x-amz-content-sha256: STREAMING-AWS4-HMAC-SHA256-PAYLOAD` (each chunk `<hex-size>;chunk-signature=…`),
/// `STREAMING-UNSIGNED-PAYLOAD-TRAILER` (`<hex-size>` chunks, then checksum trailers) or the signed trailer variant.
/// Chunk signatures are not verified: EdgeSim checks no signatures.
enum AWSChunkedPayload {
    /// Whether the request's body is `aws-chunked`.
    static func isChunked(_ headers: HTTPHeaders) -> Bool {
        if let sha = headers.first(name: "x-amz-content-sha256"), sha.hasPrefix("STREAMING-") { return true }
        return headers[canonicalForm: "Content-Encoding"].contains { $0.lowercased() == "aws-chunked" }
    }

    /// The decoded payload and the trailing headers (lower-cased names), or S3's error for a malformed body.
    static func decode(_ body: ByteBuffer) throws(S3Error) -> (payload: ByteBuffer, trailers: [(name: String, value: String)]) {
        var input = body
        var payload = ByteBufferAllocator().buffer(capacity: input.readableBytes)
        while true {
            guard let line = readLine(&input) else { throw .incompleteBody }
            let sizeField = line.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            guard let size = Int(sizeField.trimmingSpaces, radix: 16), size >= 0 else { throw .incompleteBody }
            if size == 0 { break }
            guard var chunk = input.readSlice(length: size) else { throw .incompleteBody }
            payload.writeBuffer(&chunk)
            guard readLine(&input) == "" else { throw .incompleteBody }
        }
        var trailers: [(name: String, value: String)] = []
        while let line = readLine(&input), !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { throw .incompleteBody }
            trailers.append((line[..<colon].trimmingSpaces.lowercased(), String(line[line.index(after: colon)...].trimmingSpaces)))
        }
        return (payload, trailers)
    }

    /// One CRLF-terminated line (a bare LF is accepted), without its terminator.
    private static func readLine(_ buffer: inout ByteBuffer) -> String? {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let length = newline - buffer.readerIndex
        guard var line = buffer.readString(length: length) else { return nil }
        buffer.moveReaderIndex(forwardBy: 1)
        if line.utf8.last == UInt8(ascii: "\r") { line.removeLast() }
        return line
    }
}

extension StringProtocol {
    fileprivate var trimmingSpaces: String {
        let text = Substring(self)
        let utf8 = text.utf8
        let start = utf8.firstIndex { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") } ?? utf8.endIndex
        let end = utf8.lastIndex { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }.map { utf8.index(after: $0) } ?? start
        return String(text[start..<Swift.max(start, end)])
    }
}
