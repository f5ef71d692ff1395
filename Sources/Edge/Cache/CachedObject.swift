import NIOCore
import NIOHTTP1

/// One stored origin response. Immutable and shared: a hit hands out the same instance to every viewer.
public final class CachedObject: Sendable {
    public let key: CacheKey
    public let status: HTTPResponseStatus
    /// The origin's headers as they go to viewers (hop-by-hop fields removed, `Content-Length` set).
    public let headers: HTTPHeaders
    public let body: ByteBuffer
    /// Epoch seconds when the edge stored (or last refreshed) it.
    public let storedAt: Double
    public let ttl: Int
    public let staleWhileRevalidate: Int
    public let staleIfError: Int
    /// An error response kept for the error-caching TTL (aws-behaviour §1.7).
    public let isError: Bool
    let etag: String?
    let lastModified: String?

    init(key: CacheKey, status: HTTPResponseStatus, headers: HTTPHeaders, body: ByteBuffer, storedAt: Double, freshness: Freshness, isError: Bool) {
        self.key = key
        self.status = status
        self.headers = headers
        self.body = body
        self.storedAt = storedAt
        self.ttl = freshness.ttl
        self.staleWhileRevalidate = freshness.staleWhileRevalidate
        self.staleIfError = freshness.staleIfError
        self.isError = isError
        self.etag = headers.first(name: "etag")
        self.lastModified = headers.first(name: "last-modified")
    }

    /// Bytes the object takes in the cache: body plus header text, as capacity is counted.
    public var size: Int {
        headers.reduce(body.readableBytes) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
    }

    func isFresh(at now: Double) -> Bool { now < storedAt + Double(ttl) }

    /// Seconds since it was stored, as the `Age` header shows it.
    func age(at now: Double) -> Int { max(0, Int(now - storedAt)) }

    /// The same object with a new lifetime and the headers of a 304 merged in (RFC 9111 §4.3.4).
    func refreshed(with notModified: HTTPHeaders, at now: Double, freshness: Freshness) -> CachedObject {
        var headers = self.headers
        for (name, value) in notModified where !Self.keptOnRefresh.contains(name.lowercased()) {
            headers.replaceOrAdd(name: name, value: value)
        }
        return CachedObject(key: key, status: status, headers: headers, body: body, storedAt: now, freshness: freshness, isError: isError)
    }

    /// A 304 cannot change the representation's length or encoding.
    private static let keptOnRefresh: Set<String> = ["content-length", "content-encoding", "transfer-encoding", "content-range"]
}
