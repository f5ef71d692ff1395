import NIOCore
import NIOHTTP1

/// HTTP/1.x response text (RFC 9112 §4, §5): the status line and header fields as bytes. Shared by the viewer
/// listener, which writes every HTTP/1 response with it, and the cache, which writes a stored response's head once
/// (``CachedObject/storedHead``) so that plain hits copy it instead of writing it field by field.
public enum HTTP1Bytes {
    public static func writeStatusLine(version: HTTPVersion, status: HTTPResponseStatus, into buffer: inout ByteBuffer) {
        if version.major == 1, version.minor == 0 {
            buffer.writeStaticString("HTTP/1.0 ")
        } else {
            buffer.writeStaticString("HTTP/1.1 ")
        }
        writeDecimal(Int(status.code), into: &buffer)
        buffer.writeInteger(UInt8(ascii: " "))
        buffer.writeString(status.reasonPhrase)
        buffer.writeStaticString("\r\n")
    }

    /// A non-negative integer in decimal, without making a `String` of it.
    public static func writeDecimal(_ value: Int, into buffer: inout ByteBuffer) {
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = max(0, value)
        while divisor > 0 {
            buffer.writeInteger(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    public static func writeField(name: String, value: String, into buffer: inout ByteBuffer) {
        buffer.writeString(name)
        buffer.writeStaticString(": ")
        buffer.writeString(value)
        buffer.writeStaticString("\r\n")
    }

    /// Whether a field name has an ASCII upper-case letter: HTTP/2 sends names in lower case (RFC 9113 §8.2.1).
    public static func hasUpperCase(_ name: String) -> Bool {
        name.utf8.contains { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
    }

    /// Whether the field name `name` is `lowercased`, ignoring ASCII case, without making a lowercased copy.
    /// Folding by OR-ing 0x20 is exact for the letters, digits and `-` of `lowercased`; `name` is a token (as the
    /// decoder and ``ResponseFields`` ensure), so no other byte can fold into them (CR would fold to `-`).
    public static func name(_ name: String, is lowercased: String) -> Bool {
        name.utf8.count == lowercased.utf8.count && name.utf8.elementsEqual(lowercased.utf8) { $0 | 0x20 == $1 }
    }
}
