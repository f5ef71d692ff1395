import NIOCore
import NIOHTTP1

/// A viewer's request as the listener decoded it.
public struct ViewerRequest: Sendable {
    public var method: HTTPMethod
    /// The raw request-target (`/path?query`).
    public var target: String
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    public var body: ByteBuffer?
    public var isHTTPS: Bool
    public var clientAddress: String
    /// Whether the listener writes ``StoredHit``s: the viewer listeners do; tests read `headers`.
    public var acceptsStoredHit = false

    public init(
        method: HTTPMethod,
        target: String,
        version: HTTPVersion = .http1_1,
        headers: HTTPHeaders,
        body: ByteBuffer? = nil,
        isHTTPS: Bool,
        clientAddress: String = "127.0.0.1"
    ) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
        self.isHTTPS = isHTTPS
        self.clientAddress = clientAddress
    }

    var path: Substring {
        let target = self.target[...]
        return target.firstIndex(of: "?").map { target[..<$0] } ?? target
    }

    var query: Substring? {
        guard let mark = target.firstIndex(of: "?") else { return nil }
        return target[target.index(after: mark)...]
    }

    var host: Substring {
        headers.first(name: "host").map { Substring($0) } ?? ""
    }

    /// A body on a GET is refused by CloudFront (aws-behaviour §1.2 step 3).
    var hasBody: Bool {
        if let body, body.readableBytes > 0 { return true }
        if let length = headers.first(name: "content-length"), let bytes = Int(length), bytes > 0 { return true }
        return headers.contains(name: "transfer-encoding")
    }
}
