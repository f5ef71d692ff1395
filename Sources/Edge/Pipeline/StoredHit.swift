import NIOCore
import NIOHTTP1

/// A fresh hit that a listener writes from what was made in advance: over HTTP/1.1 the object's stored head
/// (``CachedObject/storedHead``) and the POP's own fields up to `X-Amz-Cf-Id: ` as bytes, over HTTP/2 the stored
/// fields and the POP's as they are; then the request id, `Age`, `Date` when the origin sent none, and the
/// connection's fields. The same response the general path writes for the same hit, without copying and extending
/// the stored `HTTPHeaders` first.
///
/// The edge makes one only for a request that accepts it (``ViewerRequest/acceptsStoredHit``) and only where the
/// general path would add nothing but those fields: a GET of a stored 200 with valid fields, no `If-None-Match`,
/// `If-Modified-Since` or `Range`, and no response headers policy on the behaviour. The ``EdgeResponse`` carrying
/// it has no `headers`.
public struct StoredHit: Sendable {
    let object: CachedObject
    /// The POP's own fields (``EdgeLocation``'s).
    public let edgeFields: HitFields
    /// The `Age` to send; none when zero, as on the general path.
    public let age: Int

    /// The status line and the stored fields, for HTTP/1.1.
    public var head: ByteBuffer { object.storedHead! }
    /// The stored fields themselves, for HTTP/2, which lower-cases their names.
    public var fields: HTTPHeaders { object.headers }
    /// Whether the stored fields hold a `Date`.
    public var hasDate: Bool { object.hasDate }
    /// For the access log; not read on the hit path.
    public var contentType: String? { object.headers.first(name: "content-type") }
}

/// The fields a POP adds to every hit ahead of `X-Amz-Cf-Id`: `X-Cache: Hit from cloudfront`, `Via` and
/// `X-Amz-Cf-Pop`, made once per POP.
public struct HitFields: Sendable {
    /// As HTTP/1 text, followed by the name of `X-Amz-Cf-Id`, whose value comes next.
    public let http1: ByteBuffer
    /// As HTTP/2 sends them: names in lower case (RFC 9113 §8.2.1).
    public let http2: [(name: String, value: String)]

    init(via: String, pop: String) {
        let fields = [("X-Cache", EdgeResult.hit.xCache), ("Via", via), ("X-Amz-Cf-Pop", pop)]
        var text = ByteBuffer()
        for (name, value) in fields { HTTP1Bytes.writeField(name: name, value: value, into: &text) }
        text.writeString("X-Amz-Cf-Id: ")
        http1 = text
        http2 = fields.map { (name: $0.0.lowercased(), value: $0.1) }
    }
}
