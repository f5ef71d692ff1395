import NIOCore

/// A fresh hit that the HTTP/1.1 listener writes from bytes made in advance: the object's stored head
/// (``CachedObject/storedHead``), the POP's own fields up to `X-Amz-Cf-Id: `, then the request id, `Age`, `Date`
/// when the origin sent none, and the connection's fields. Byte for byte what the general path writes for the
/// same hit, without copying and extending the stored `HTTPHeaders` and writing them out field by field.
///
/// The edge makes one only for a request that accepts it (``ViewerRequest/acceptsStoredHit``) and only where the
/// general path would add nothing but those fields: a GET of a stored 200 with valid fields, no `If-None-Match`,
/// `If-Modified-Since` or `Range`, and no response headers policy on the behaviour. The ``EdgeResponse`` carrying
/// it has no `headers`.
public struct StoredHit: Sendable {
    let object: CachedObject
    /// `X-Cache: Hit from cloudfront`, `Via`, `X-Amz-Cf-Pop` and the name of `X-Amz-Cf-Id` (``EdgeLocation``'s).
    public let edgeFields: ByteBuffer
    /// The `Age` to send; none when zero, as on the general path.
    public let age: Int

    /// The status line and the stored fields.
    public var head: ByteBuffer { object.storedHead! }
    /// Whether the stored fields hold a `Date`.
    public var hasDate: Bool { object.hasDate }
    /// For the access log; not read on the hit path.
    public var contentType: String? { object.headers.first(name: "content-type") }
}
