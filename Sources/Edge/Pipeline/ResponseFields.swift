import NIOHTTP1

/// Whether a response's status line and header fields may be written as they are (RFC 9110 §5.1, §5.5, RFC 9112
/// §4): names are tokens, values and the reason phrase hold no control characters other than tab. The same rule as
/// NIO's outbound header validator, which the viewer listener leaves out of its pipeline: checking every response
/// there costs the hit path a pass over every field, while a stored object's fields are checked once, when stored
/// (``CachedObject/hasValidFields``), and the edge's own fields are valid by construction.
public enum ResponseFields {
    public static func areValid(status: HTTPResponseStatus, headers: HTTPHeaders) -> Bool {
        status.reasonPhrase.utf8.allSatisfy(isValueByte) && areValid(headers)
    }

    public static func areValid(_ headers: HTTPHeaders) -> Bool {
        headers.allSatisfy { name, value in
            !name.isEmpty && name.utf8.allSatisfy(isNameByte) && value.utf8.allSatisfy(isValueByte)
        }
    }

    /// `tchar` (RFC 9110 §5.6.2).
    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"),
            UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"),
            UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    /// Visible characters, space, tab and obs-text; no CR, LF, NUL or other control character.
    private static func isValueByte(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\t") || (byte >= 0x20 && byte != 0x7F)
    }
}
