import NIOCore
import NIOHTTP1

/// One answer of ``CloudFrontAPI``: status, headers and body, ready for the control port to write.
public struct CloudFrontAPIResponse: Sendable {
    public var status: HTTPResponseStatus
    public var headers: HTTPHeaders
    public var body: ByteBuffer?

    public init(status: HTTPResponseStatus, headers: HTTPHeaders, body: ByteBuffer?) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The body as a string, for logs and tests.
    public var bodyText: String { body.map { String(buffer: $0) } ?? "" }

    /// An XML document with CloudFront's headers: `x-amzn-RequestId`, `Content-Type: text/xml`, the length.
    static func xml(_ document: String, status: HTTPResponseStatus = .ok, requestID: String, extraHeaders: [(String, String)] = []) -> Self {
        var headers = HTTPHeaders()
        headers.add(name: "x-amzn-RequestId", value: requestID)
        for (name, value) in extraHeaders { headers.add(name: name, value: value) }
        headers.add(name: "Content-Type", value: "text/xml")
        headers.add(name: "Content-Length", value: String(document.utf8.count))
        return Self(status: status, headers: headers, body: ByteBuffer(string: document))
    }

    /// CloudFront's error document (`<ErrorResponse>` with `Type`, `Code`, `Message` and `RequestId`).
    static func error(code: String, message: String, status: Int, requestID: String) -> Self {
        var document = #"<?xml version="1.0"?>"# + "\n"
        document += #"<ErrorResponse xmlns=""# + CloudFrontAPI.namespace + #""><Error><Type>Sender</Type><Code>"#
        document += XMLWriter.escaped(code) + "</Code><Message>" + XMLWriter.escaped(message) + "</Message></Error><RequestId>"
        document += requestID + "</RequestId></ErrorResponse>"
        return xml(document, status: HTTPResponseStatus(statusCode: status), requestID: requestID)
    }

    static func error(_ error: InvalidationError, requestID: String) -> Self {
        .error(code: error.code, message: error.message, status: error.httpStatus, requestID: requestID)
    }
}
