import NIOCore
import NIOHTTP1

/// What the edge sends to the viewer. The listener adds `Date` and connection handling.
public struct EdgeResponse: Sendable {
    public var status: HTTPResponseStatus
    public var headers: HTTPHeaders
    /// Nil for HEAD, 304 and other bodiless answers; `Content-Length` still describes the representation.
    public var body: ByteBuffer?
    public var result: EdgeResult
    /// The classification before any custom error response rewrote it (the log's `x-edge-response-result-type`).
    public var detailedResult: String
    /// CloudFront closes the connection after some answers (413, §1.2).
    public var closeConnection: Bool
    public var distributionID: String?
    /// The distribution's own domain (`d111111abcdef8.cloudfront.net`), the access log's `cs(Host)`.
    public var distributionDomain: String?
    /// The behaviour that answered (`/api/*`, `*` for the default), for statistics per behaviour.
    public var behaviorPathPattern: String?
    /// Whether the behaviour caches this method: CloudFront's hit rate counts only such requests.
    public var isCacheable: Bool
    public var requestID: String
    /// True when the edge knows every header field and the status are valid to send (``ResponseFields``): a stored
    /// object's checked fields plus the edge's own. The listener checks responses without it before writing them.
    public var fieldsAreValid: Bool
    /// A plain hit the HTTP/1.1 listener may write from stored bytes; `headers` is then empty (``StoredHit``).
    public var storedHit: StoredHit?

    public init(
        status: HTTPResponseStatus,
        headers: HTTPHeaders,
        body: ByteBuffer?,
        result: EdgeResult,
        requestID: String,
        distributionID: String? = nil,
        closeConnection: Bool = false
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.result = result
        self.detailedResult = result.rawValue
        self.closeConnection = closeConnection
        self.distributionID = distributionID
        self.distributionDomain = nil
        self.behaviorPathPattern = nil
        self.isCacheable = false
        self.requestID = requestID
        self.fieldsAreValid = false
        self.storedHit = nil
    }
}
