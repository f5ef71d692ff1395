import NIOCore
import NIOHTTP1

/// Where a behaviour's misses go: a bucket, the gateway or an HTTP server. The server adapts each into this.
public protocol Origin: Sendable {
    func fetch(_ request: OriginRequest) async throws -> OriginResponse
}

/// What CloudFront sends to an origin (aws-behaviour §1.16).
public struct OriginRequest: Sendable {
    public var method: HTTPMethod
    /// The request path as the viewer sent it (still percent-encoded), after the default-root-object rewrite.
    public var path: String
    public var query: String?
    public var headers: HTTPHeaders
    public var body: ByteBuffer?
    /// The viewer's `Host`, kept for origins (like the gateway) that route on it even when it is not forwarded.
    public var viewerHost: String
    public var viewerIsHTTPS: Bool

    public init(method: HTTPMethod, path: String, query: String?, headers: HTTPHeaders, body: ByteBuffer?, viewerHost: String, viewerIsHTTPS: Bool) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.viewerHost = viewerHost
        self.viewerIsHTTPS = viewerIsHTTPS
    }
}

public struct OriginResponse: Sendable {
    public var status: HTTPResponseStatus
    public var headers: HTTPHeaders
    public var body: ByteBuffer

    public init(status: HTTPResponseStatus, headers: HTTPHeaders, body: ByteBuffer) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// An origin that could not be reached or answered badly; the edge answers 502 or 504 (aws-behaviour §1.16).
public struct OriginError: Error, Sendable {
    public enum Kind: Sendable { case connect, timeout, invalidResponse }
    public var kind: Kind
    public var detail: String

    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }
}
