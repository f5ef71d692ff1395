import NIOCore

/// Compresses whole response bodies into a ``ContentCoding``.
///
/// The edge calls this once per object and encoding and caches the result; it is not meant to run per response.
public enum ContentEncoder {
    /// How hard each codec works.
    ///
    /// CloudFront does not publish its levels [UNCONFIRMED], and it compresses on the fly when an object is first
    /// requested, so the defaults are the usual on-the-fly middle ground rather than the maximum: zlib's own default
    /// level 6 for gzip, and Brotli quality 5, the fast end of Brotli's middle range (qualities 10–11 are meant for
    /// precompressed assets and are orders of magnitude slower).
    public struct Configuration: Sendable, Equatable {
        /// zlib compression level, 1 (fastest) to 9 (smallest).
        public var gzipLevel: Int
        /// Brotli quality, 0 (fastest) to 11 (smallest).
        public var brotliQuality: Int

        /// The levels a CloudFront-like edge uses; see ``ContentEncoder/Configuration``.
        public init(gzipLevel: Int = 6, brotliQuality: Int = 5) {
            self.gzipLevel = gzipLevel
            self.brotliQuality = brotliQuality
        }
    }

    /// Compresses `body` whole; throws ``ContentEncoderError`` on a codec failure.
    ///
    /// - Parameters:
    ///   - body: The identity body; only its readable bytes are read, and it is left unchanged.
    ///   - coding: The coding to produce.
    ///   - allocator: Allocates the returned buffer.
    ///   - configuration: Compression levels; out-of-range levels throw rather than being clamped.
    /// - Returns: A complete gzip member or Brotli stream holding `body`.
    public static func encode(
        _ body: ByteBuffer,
        as coding: ContentCoding,
        allocator: ByteBufferAllocator,
        configuration: Configuration = Configuration()
    ) throws -> ByteBuffer {
        switch coding {
        case .gzip:
            return try Gzip.encode(body, level: configuration.gzipLevel, allocator: allocator)
        case .br:
            return try Brotli.encode(body, quality: configuration.brotliQuality, allocator: allocator)
        }
    }
}
