import NIOCore
import NIOHTTP1

/// A response from API Gateway: a gateway error, a preflight answer or what an integration returned.
public struct APIResponse: Sendable {
    public var status: HTTPResponseStatus
    public var headers: HTTPHeaders
    public var body: ByteBuffer

    public init(status: HTTPResponseStatus, headers: HTTPHeaders = HTTPHeaders(), body: ByteBuffer = ByteBuffer()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The body as UTF-8 text.
    public var bodyText: String {
        String(buffer: body)
    }
}
