import NIOCore

/// Expands bodies sent with a ``ContentCoding`` back to identity.
///
/// Used by tests to check the encoder, and for origins that answer with `Content-Encoding: gzip` or `br`.
public enum ContentDecoder {
    /// The default bound on a decoded body: a few kilobytes of gzip or br can expand to gigabytes.
    public static let defaultMaximumSize = 64 * 1024 * 1024

    /// Decodes `body` whole; throws ``ContentDecoderError`` for corrupt, truncated or oversized input.
    ///
    /// - Parameters:
    ///   - body: The encoded body; only its readable bytes are read, and it is left unchanged.
    ///   - coding: The coding `body` was sent with.
    ///   - allocator: Allocates the returned buffer.
    ///   - maximumSize: The largest decoded body accepted, in bytes; negative values count as zero.
    /// - Returns: The identity body. A gzip body made of several members (RFC 1952 §2.2) decodes to their concatenation.
    public static func decode(
        _ body: ByteBuffer,
        as coding: ContentCoding,
        allocator: ByteBufferAllocator,
        maximumSize: Int = defaultMaximumSize
    ) throws -> ByteBuffer {
        let maximumSize = max(0, maximumSize)
        switch coding {
        case .gzip:
            return try Gzip.decode(body, maximumSize: maximumSize, allocator: allocator)
        case .br:
            return try Brotli.decode(body, maximumSize: maximumSize, allocator: allocator)
        }
    }
}
