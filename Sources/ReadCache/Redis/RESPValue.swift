import NIOCore

/// A RESP2 reply (https://redis.io/docs/latest/develop/reference/protocol-spec/).
public enum RESPValue: Sendable, Hashable {
    /// `+OK\r\n`
    case simpleString(String)
    /// `-ERR message\r\n`: the server refused the command.
    case error(String)
    /// `:42\r\n`
    case integer(Int64)
    /// `$3\r\nfoo\r\n`; nil for the null bulk string `$-1\r\n` (GET of a missing key).
    case bulkString(ByteBuffer?)
    /// `*2\r\n...`; nil for the null array `*-1\r\n`. Elements may be arrays themselves.
    case array([RESPValue]?)
}

extension RESPValue {
    /// The reply as text: a simple or bulk string, or an integer's digits; nil for anything else.
    public var string: String? {
        switch self {
        case .simpleString(let text): text
        case .bulkString(let bytes?): String(buffer: bytes)
        case .integer(let number): String(number)
        default: nil
        }
    }

    /// The bytes of a bulk string; nil for a null one and for any other reply.
    public var bytes: ByteBuffer? {
        if case .bulkString(let bytes) = self { return bytes }
        return nil
    }

    /// The number of an integer reply.
    public var integer: Int64? {
        if case .integer(let number) = self { return number }
        return nil
    }

    /// Whether the reply is a null bulk string or a null array.
    public var isNull: Bool {
        switch self {
        case .bulkString(nil), .array(nil): true
        default: false
        }
    }
}

extension RESPValue: CustomStringConvertible {
    public var description: String {
        switch self {
        case .simpleString(let text): "+\(text)"
        case .error(let message): "-\(message)"
        case .integer(let number): ":\(number)"
        case .bulkString(nil): "(nil)"
        case .bulkString(let bytes?): "\"\(String(buffer: bytes))\""
        case .array(nil): "(nil array)"
        case .array(let elements?): "[" + elements.map(\.description).joined(separator: ", ") + "]"
        }
    }
}
