import NIOCore
import NIOHTTP1

/// One stored origin response. Immutable and shared: a hit hands out the same instance to every viewer.
public final class CachedObject: Sendable {
    public let key: CacheKey
    public let status: HTTPResponseStatus
    /// The origin's headers as they go to viewers (hop-by-hop fields removed, `Content-Length` set, `Vary` cut
    /// to what CloudFront keeps, and `Content-Encoding` and a weak `ETag` when the edge compressed the body).
    public let headers: HTTPHeaders
    /// The stored representation: what the origin sent, or its gzip or br encoding made once when stored.
    public let body: ByteBuffer
    /// Epoch seconds when the edge stored (or last refreshed) it.
    public let storedAt: Double
    public let ttl: Int
    public let staleWhileRevalidate: Int
    /// Nil when the origin sent no `stale-if-error`: CloudFront then serves the expired copy through origin errors
    /// for as long as it holds it (aws-behaviour §1.7).
    public let staleIfError: Int?
    /// An error response kept for the error-caching TTL (aws-behaviour §1.7).
    public let isError: Bool
    /// The request fields that selected this response (RFC 9111 §4.1) and their values then.
    let selection: VarySelection
    /// The `Age` the origin reported when it was stored.
    let initialAge: Int
    /// Until then an expired copy is served without asking the origin, because the origin just failed: CloudFront
    /// retries a failing origin at the error-caching interval, not on every request (aws-behaviour §1.7).
    let staleHeldUntil: Double
    /// The origin's validators, sent when revalidating (the viewer's `ETag` is weakened if the edge compressed).
    let etag: String?
    let lastModified: String?
    /// Whether the edge compressed the body (aws-behaviour §1.14); a 304 then keeps the weak `ETag` it was given.
    let isEncodedAtEdge: Bool
    /// Whether the stored status and headers may be sent as they are (``ResponseFields``), checked once here so
    /// that no hit checks them again. Origins such as a Lambda integration behind API Gateway choose header values.
    let hasValidFields: Bool
    /// The status line and fields as HTTP/1.1 bytes, written once here so that a plain hit copies them (``StoredHit``).
    /// Only for a 200 with valid fields: other statuses and invalid fields always take the general path.
    let storedHead: ByteBuffer?
    /// Whether the origin's `Date` is among the fields; the listener adds one otherwise.
    let hasDate: Bool
    /// Bytes the object takes in memory, as the cache's capacity counts them: the storage of the body and of the
    /// stored head (a `ByteBuffer` allocates a power of two, so a 100 KiB body holds 128 KiB), the header text, and an
    /// estimate of the bookkeeping around them (``fieldOverhead``, ``objectOverhead``). Counting the bodies' bytes
    /// alone, a 128 MiB cache held 175 MiB through a churn of 1 KiB to 1 MiB objects.
    public let size: Int

    /// Per stored field: its slot in `HTTPHeaders` (two `String`s) and, for names or values over 15 bytes, the
    /// string storage's own header.
    static let fieldOverhead = 48
    /// Per object: this instance, its key's strings, the cache's index entry and the eviction policy's slot.
    static let objectOverhead = 256

    init(
        key: CacheKey,
        status: HTTPResponseStatus,
        headers: HTTPHeaders,
        body: ByteBuffer,
        storedAt: Double,
        freshness: Freshness,
        isError: Bool,
        selection: VarySelection = .none,
        staleHeldUntil: Double = 0,
        originETag: String? = nil,
        isEncodedAtEdge: Bool = false
    ) {
        self.key = key
        self.status = status
        self.headers = headers
        self.body = Self.compacted(body)
        self.storedAt = storedAt
        self.ttl = freshness.ttl
        self.staleWhileRevalidate = freshness.staleWhileRevalidate
        self.staleIfError = freshness.staleIfError
        self.initialAge = freshness.age
        self.isError = isError
        self.selection = selection
        self.staleHeldUntil = staleHeldUntil
        // Compression weakened (or removed) the viewer's ETag; the origin only knows its own.
        self.etag = isEncodedAtEdge ? originETag : headers.first(name: "etag")
        self.lastModified = headers.first(name: "last-modified")
        self.isEncodedAtEdge = isEncodedAtEdge
        self.hasValidFields = ResponseFields.areValid(status: status, headers: headers)
        self.hasDate = headers.contains(name: "date")
        // `name: value\r\n` per field: the header text, and exactly the fields' part of the stored head.
        let headerBytes = headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
        self.storedHead = status == .ok && hasValidFields ? Self.http1Head(status: status, headers: headers, fieldBytes: headerBytes) : nil
        let bookkeeping = Self.objectOverhead + Self.fieldOverhead * headers.count
        self.size = self.body.storageCapacity + headerBytes + (storedHead?.storageCapacity ?? 0) + bookkeeping
    }

    /// A body kept in storage more than twice its size (a slice of a larger read, or a buffer grown while
    /// receiving) is copied into its own, so the cache does not hold, nor count, the rest.
    private static func compacted(_ body: ByteBuffer) -> ByteBuffer {
        guard body.storageCapacity > 2 * max(body.readableBytes, 1) else { return body }
        var copy = EdgeLocation.allocator.buffer(capacity: body.readableBytes)
        copy.writeImmutableBuffer(body)
        return copy
    }

    private static func http1Head(status: HTTPResponseStatus, headers: HTTPHeaders, fieldBytes: Int) -> ByteBuffer {
        // `HTTP/1.1 200 `, the reason phrase's line and the fields: sized up front, so it never grows while written.
        var head = EdgeLocation.allocator.buffer(capacity: 15 + status.reasonPhrase.utf8.count + fieldBytes)
        HTTP1Bytes.writeStatusLine(version: .http1_1, status: status, into: &head)
        for (name, value) in headers {
            HTTP1Bytes.writeField(name: name, value: value, into: &head)
        }
        return head
    }

    func isFresh(at now: Double) -> Bool { now < expiresAt }

    /// Epoch seconds when it stops being fresh.
    var expiresAt: Double { storedAt + Double(ttl) }

    /// Expired, but inside `stale-while-revalidate`: served at once while the edge refreshes it in the background.
    func allowsStaleWhileRevalidate(at now: Double) -> Bool {
        !isError && staleWhileRevalidate > 0 && now < expiresAt + Double(staleWhileRevalidate)
    }

    /// Whether the expired copy may stand in for an origin that failed or answered 5xx (aws-behaviour §1.5, §1.7):
    /// always without `stale-if-error`, within its window with it (`stale-if-error=0` forbids it). Cached errors
    /// are never served in place of a new error.
    func allowsStaleIfError(at now: Double) -> Bool {
        guard !isError else { return false }
        guard let staleIfError else { return true }
        return now < expiresAt + Double(staleIfError)
    }

    /// Seconds since it left the origin, as the `Age` header shows it: the upstream `Age` plus time at the edge.
    func age(at now: Double) -> Int { initialAge + max(0, Int(now - storedAt)) }

    /// The same object with a new lifetime and the headers of a 304 merged in (RFC 9111 §4.3.4).
    func refreshed(with notModified: HTTPHeaders, at now: Double, freshness: Freshness) -> CachedObject {
        var headers = self.headers
        for (name, value) in notModified where !Self.keptOnRefresh.contains(name.lowercased()) {
            // A compressed copy keeps its weak validator: a 304 does not recompress (§1.14).
            if isEncodedAtEdge, name.lowercased() == "etag" { continue }
            headers.replaceOrAdd(name: name, value: value)
        }
        return CachedObject(
            key: key,
            status: status,
            headers: headers,
            body: body,
            storedAt: now,
            freshness: freshness,
            isError: isError,
            selection: selection,
            originETag: notModified.first(name: "etag") ?? etag,
            isEncodedAtEdge: isEncodedAtEdge
        )
    }

    /// The same object, served without asking the origin until `until` because the origin failed.
    func holdingStale(until: Double) -> CachedObject {
        CachedObject(
            key: key,
            status: status,
            headers: headers,
            body: body,
            storedAt: storedAt,
            freshness: Freshness(ttl: ttl, staleWhileRevalidate: staleWhileRevalidate, staleIfError: staleIfError, age: initialAge),
            isError: isError,
            selection: selection,
            staleHeldUntil: until,
            originETag: etag,
            isEncodedAtEdge: isEncodedAtEdge
        )
    }

    /// A 304 cannot change the representation's length or encoding, nor what it varies on; hop-by-hop and edge
    /// fields never enter the stored headers.
    private static let keptOnRefresh: Set<String> = [
        "content-length", "content-encoding", "transfer-encoding", "content-range", "vary", "age", "connection", "keep-alive",
    ]
}
