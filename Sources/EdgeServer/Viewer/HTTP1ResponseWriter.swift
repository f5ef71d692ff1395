import Edge
import NIOCore
import NIOHTTP1

/// Turns responses into HTTP/1.x bytes for one viewer connection, in place of NIO's `HTTPResponseEncoder`.
///
/// The edge always holds a whole body, so every response is framed by `Content-Length` and written as one buffer
/// (or, for a large body, as that buffer and the stored body itself, uncopied). The buffer is the connection's own
/// and is reused: once the socket has taken the previous response the storage is unique again, and clearing it
/// allocates nothing. NIO's encoder would turn each response into three pipeline writes (head, body, end) and
/// frame with chunked encoding wherever `Content-Length` is missing.
public struct HTTP1ResponseWriter {
    /// Bodies up to this size are copied behind the head: one write and, over TLS, one record.
    static let copiedBodyLimit = 8 * 1024

    private var buffer: ByteBuffer

    public init(allocator: ByteBufferAllocator) {
        buffer = allocator.buffer(capacity: 2048)
    }

    /// The bytes of one response, and the body to write after them when it was too large to copy. `headers` must
    /// hold valid fields (``ResponseFields``) and the connection's own; `Content-Length` is written where the
    /// fields have it (or last), with the length actually sent, and `Transfer-Encoding` never.
    public mutating func encode(
        version: HTTPVersion,
        status: HTTPResponseStatus,
        headers: HTTPHeaders,
        body: ByteBuffer?,
        requestMethod: HTTPMethod
    ) -> (bytes: ByteBuffer, uncopiedBody: ByteBuffer?) {
        buffer.clear()
        HTTP1Bytes.writeStatusLine(version: version, status: status, into: &buffer)
        var length = Self.contentLength(status: status, headers: headers, body: body, requestMethod: requestMethod)
        for (name, value) in headers {
            if HTTP1Bytes.name(name, is: "content-length") {
                guard let sent = length else { continue }
                writeContentLength(sent)
                length = nil
            } else if !HTTP1Bytes.name(name, is: "transfer-encoding") {
                HTTP1Bytes.writeField(name: name, value: value, into: &buffer)
            }
        }
        if let length { writeContentLength(length) }
        buffer.writeStaticString("\r\n")
        return appending(body)
    }

    /// A ``StoredHit``: its stored head and the POP's fields copied, then the fields that change per response.
    /// The same bytes `encode(version:status:headers:body:requestMethod:)` writes for the hit's full headers.
    public mutating func encode(
        _ hit: StoredHit,
        requestID: String,
        date: () -> String,
        close: Bool,
        body: ByteBuffer?
    ) -> (bytes: ByteBuffer, uncopiedBody: ByteBuffer?) {
        buffer.clear()
        var head = hit.head
        buffer.writeBuffer(&head)
        var edgeFields = hit.edgeFields.http1
        buffer.writeBuffer(&edgeFields)
        buffer.writeString(requestID)
        buffer.writeStaticString("\r\n")
        if hit.age > 0 {
            buffer.writeStaticString("Age: ")
            HTTP1Bytes.writeDecimal(hit.age, into: &buffer)
            buffer.writeStaticString("\r\n")
        }
        if !hit.hasDate { HTTP1Bytes.writeField(name: "Date", value: date(), into: &buffer) }
        if close { buffer.writeStaticString("Connection: close\r\n") }
        buffer.writeStaticString("\r\n")
        return appending(body)
    }

    private mutating func writeContentLength(_ length: Int) {
        buffer.writeStaticString("Content-Length: ")
        HTTP1Bytes.writeDecimal(length, into: &buffer)
        buffer.writeStaticString("\r\n")
    }

    private mutating func appending(_ body: ByteBuffer?) -> (bytes: ByteBuffer, uncopiedBody: ByteBuffer?) {
        guard var body, body.readableBytes > 0 else { return (buffer, nil) }
        guard body.readableBytes <= Self.copiedBodyLimit else { return (buffer, body) }
        buffer.writeBuffer(&body)
        return (buffer, nil)
    }

    /// The `Content-Length` to send: none where a body is forbidden (1xx, 204, 304, RFC 9110 §8.6), the
    /// representation's length for HEAD (the response's own field; the body is not sent), the body's otherwise.
    static func contentLength(status: HTTPResponseStatus, headers: HTTPHeaders, body: ByteBuffer?, requestMethod: HTTPMethod) -> Int? {
        switch status.code {
        case 100..<200, 204, 304:
            return nil
        default:
            if requestMethod == .HEAD {
                return headers.first(name: "content-length").flatMap { Int($0) }
            }
            return body?.readableBytes ?? 0
        }
    }
}
