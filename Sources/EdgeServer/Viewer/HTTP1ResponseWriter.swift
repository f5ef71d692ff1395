import NIOCore
import NIOHTTP1

/// Turns responses into HTTP/1.x bytes for one viewer connection, in place of NIO's `HTTPResponseEncoder`.
///
/// The edge always holds a whole body, so every response is framed by `Content-Length` and written as one buffer
/// (or, for a large body, as that buffer and the stored body itself, uncopied). The buffer is the connection's own
/// and is reused: once the socket has taken the previous response the storage is unique again, and clearing it
/// allocates nothing. NIO's encoder would turn each response into three pipeline writes (head, body, end) and
/// frame with chunked encoding wherever `Content-Length` is missing.
struct HTTP1ResponseWriter {
    /// Bodies up to this size are copied behind the head: one write and, over TLS, one record.
    static let copiedBodyLimit = 8 * 1024

    private var buffer: ByteBuffer

    init(allocator: ByteBufferAllocator) {
        buffer = allocator.buffer(capacity: 2048)
    }

    /// The bytes of one response, and the body to write after them when it was too large to copy.
    /// `headers` must hold valid fields (``ResponseFields``); `Date` and connection fields are the caller's.
    mutating func encode(
        version: HTTPVersion,
        status: HTTPResponseStatus,
        headers: HTTPHeaders,
        body: ByteBuffer?,
        requestMethod: HTTPMethod
    ) -> (bytes: ByteBuffer, uncopiedBody: ByteBuffer?) {
        buffer.clear()
        Self.writeStatusLine(version: version, status: status, into: &buffer)
        for (name, value) in headers where !Self.isFraming(name) {
            Self.writeField(name: name, value: value, into: &buffer)
        }
        if let length = Self.contentLength(status: status, headers: headers, body: body, requestMethod: requestMethod) {
            buffer.writeStaticString("Content-Length: ")
            buffer.writeString(String(length))
            buffer.writeStaticString("\r\n")
        }
        buffer.writeStaticString("\r\n")
        return appending(body)
    }

    /// A response whose status line and fields are already bytes (a stored hit's ``StoredHead``), followed by the
    /// fields that change per response.
    mutating func encode(prefix: ByteBuffer, fields: (inout ByteBuffer) -> Void, body: ByteBuffer?) -> (bytes: ByteBuffer, uncopiedBody: ByteBuffer?) {
        buffer.clear()
        var prefix = prefix
        buffer.writeBuffer(&prefix)
        fields(&buffer)
        buffer.writeStaticString("\r\n")
        return appending(body)
    }

    private mutating func appending(_ body: ByteBuffer?) -> (bytes: ByteBuffer, uncopiedBody: ByteBuffer?) {
        guard var body, body.readableBytes > 0 else { return (buffer, nil) }
        guard body.readableBytes <= Self.copiedBodyLimit else { return (buffer, body) }
        buffer.writeBuffer(&body)
        return (buffer, nil)
    }

    static func writeStatusLine(version: HTTPVersion, status: HTTPResponseStatus, into buffer: inout ByteBuffer) {
        if version.major == 1, version.minor == 0 {
            buffer.writeStaticString("HTTP/1.0 ")
        } else {
            buffer.writeStaticString("HTTP/1.1 ")
        }
        let code = Int(status.code)
        buffer.writeInteger(UInt8(ascii: "0") + UInt8(code / 100 % 10))
        buffer.writeInteger(UInt8(ascii: "0") + UInt8(code / 10 % 10))
        buffer.writeInteger(UInt8(ascii: "0") + UInt8(code % 10))
        buffer.writeInteger(UInt8(ascii: " "))
        buffer.writeString(status.reasonPhrase)
        buffer.writeStaticString("\r\n")
    }

    static func writeField(name: String, value: String, into buffer: inout ByteBuffer) {
        buffer.writeString(name)
        buffer.writeStaticString(": ")
        buffer.writeString(value)
        buffer.writeStaticString("\r\n")
    }

    /// The edge sends whole bodies, so it frames them itself: any `Content-Length` or `Transfer-Encoding` in the
    /// fields is replaced by the length of what is sent (see ``contentLength(status:headers:body:requestMethod:)``).
    private static func isFraming(_ name: String) -> Bool {
        // ASCII case folding by OR-ing 0x20: exact for letters, digits and `-`; names are tokens, so no other
        // byte (CR would fold to `-`) can reach here.
        let folded = { (byte: UInt8, lower: UInt8) in byte | 0x20 == lower }
        return name.utf8.elementsEqual("content-length".utf8, by: folded)
            || name.utf8.elementsEqual("transfer-encoding".utf8, by: folded)
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
