import NIOCore

/// A command ready to send: its RESP2 encoding (an array of bulk strings), built once.
public struct RedisCommand: Sendable {
    /// The command's name, for error messages (`GET`, `SET`).
    public let name: String
    /// The bytes on the wire.
    public let encoded: ByteBuffer

    /// A command from its name and arguments; strings are sent as UTF-8.
    public init(_ name: String, _ arguments: [Argument] = []) {
        self.name = name
        var buffer = ByteBuffer()
        buffer.reserveCapacity(16 + name.utf8.count + arguments.reduce(0) { $0 + $1.byteCount + 16 })
        buffer.writeStaticString("*")
        buffer.writeString(String(arguments.count + 1))
        buffer.writeStaticString("\r\n")
        Self.writeBulk(.string(name), into: &buffer)
        for argument in arguments { Self.writeBulk(argument, into: &buffer) }
        encoded = buffer
    }

    /// One argument: text or bytes.
    public enum Argument: Sendable, ExpressibleByStringLiteral {
        case string(String)
        case bytes(ByteBuffer)

        public init(stringLiteral value: String) {
            self = .string(value)
        }

        var byteCount: Int {
            switch self {
            case .string(let text): text.utf8.count
            case .bytes(let bytes): bytes.readableBytes
            }
        }
    }

    private static func writeBulk(_ argument: Argument, into buffer: inout ByteBuffer) {
        buffer.writeStaticString("$")
        buffer.writeString(String(argument.byteCount))
        buffer.writeStaticString("\r\n")
        switch argument {
        case .string(let text): buffer.writeString(text)
        case .bytes(let bytes): buffer.writeImmutableBuffer(bytes)
        }
        buffer.writeStaticString("\r\n")
    }
}

extension RedisCommand {
    /// `GET key`
    public static func get(_ key: String) -> Self { Self("GET", [.string(key)]) }

    /// `SET key value`, with `EX seconds` for a whole-second TTL and `PX milliseconds` otherwise (a TTL under
    /// a millisecond is sent as 1 ms, since Redis refuses 0).
    public static func set(_ key: String, value: ByteBuffer, expiresIn ttl: Duration? = nil) -> Self {
        guard let ttl else { return Self("SET", [.string(key), .bytes(value)]) }
        let (seconds, attoseconds) = ttl.components
        if attoseconds == 0, seconds > 0 {
            return Self("SET", [.string(key), .bytes(value), "EX", .string(String(seconds))])
        }
        let milliseconds = max(1, seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
        return Self("SET", [.string(key), .bytes(value), "PX", .string(String(milliseconds))])
    }

    /// `DEL key [key ...]`
    public static func del(_ keys: [String]) -> Self { Self("DEL", keys.map(Argument.string)) }

    /// `MGET key [key ...]`
    public static func mget(_ keys: [String]) -> Self { Self("MGET", keys.map(Argument.string)) }

    /// `PING`
    public static let ping = Self("PING")

    /// `AUTH password` or, with a user name (Redis 6 ACLs), `AUTH username password`.
    public static func auth(username: String?, password: String) -> Self {
        if let username { return Self("AUTH", [.string(username), .string(password)]) }
        return Self("AUTH", [.string(password)])
    }

    /// `SELECT index`
    public static func select(_ database: Int) -> Self { Self("SELECT", [.string(String(database))]) }
}
