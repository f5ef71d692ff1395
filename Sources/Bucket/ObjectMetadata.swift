import NIOCore

/// What S3 keeps about an object besides its bytes, as a folder bucket derives it from the file.
public struct ObjectMetadata: Sendable, Hashable {
    /// The object's key.
    public var key: ObjectKey
    /// The object's length in bytes.
    public var size: Int
    /// The quoted hex MD5 of the content, as S3 computes it for single-part plaintext and SSE-S3 objects.
    public var etag: String
    /// The file's modification time in whole seconds since the epoch (S3 keeps one-second resolution).
    public var lastModified: Int
    /// `lastModified` as an IMF-fixdate, ready for the `Last-Modified` header.
    public var lastModifiedHTTPDate: String
    /// The `Content-Type` served for the object (see ``MediaTypes``).
    public var contentType: String

    public init(key: ObjectKey, size: Int, etag: String, lastModified: Int, lastModifiedHTTPDate: String, contentType: String) {
        self.key = key
        self.size = size
        self.etag = etag
        self.lastModified = lastModified
        self.lastModifiedHTTPDate = lastModifiedHTTPDate
        self.contentType = contentType
    }
}

/// An object as read from a bucket: its metadata and the bytes the reader asked for.
public struct BucketObject: Sendable {
    /// The object's metadata.
    public var metadata: ObjectMetadata
    /// The requested bytes: nil when only metadata was asked for.
    public var body: ByteBuffer?
    /// The byte range `body` holds, when a range was asked for.
    public var range: ClosedRange<Int>?
}

/// Which bytes of an object a reader wants, decided once its metadata (size, ETag) is known.
public enum ObjectRead: Sendable, Equatable {
    /// Metadata only, as for HEAD or a 304/412 answer.
    case metadataOnly
    /// The whole content.
    case whole
    /// The bytes `first...last`, with `last` below the object's size.
    case bytes(ClosedRange<Int>)
}
