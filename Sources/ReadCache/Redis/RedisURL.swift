/// Where a Redis server is and how to log in: `redis://[[username]:password@]host[:port][/database]`.
///
/// The port defaults to 6379 and the database to 0. User name and password are percent-decoded. TLS (`rediss://`)
/// and Unix sockets are not supported.
public struct RedisURL: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int
    /// The ACL user for `AUTH username password` (Redis 6 and later); nil sends `AUTH password`.
    public var username: String?
    /// Sent with `AUTH` on every new connection; nil sends no `AUTH`.
    public var password: String?
    /// Chosen with `SELECT` on every new connection when not 0.
    public var database: Int

    public init(host: String, port: Int = 6379, username: String? = nil, password: String? = nil, database: Int = 0) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
    }

    /// Parses a `redis://` URL.
    public init(_ text: String) throws(RedisClientError) {
        let lowered = text.lowercased()
        if lowered.hasPrefix("rediss://") {
            throw .invalidURL(text, "TLS (rediss://) is not supported; use redis:// to a server without TLS")
        }
        guard lowered.hasPrefix("redis://") else { throw .invalidURL(text, "it must start with redis://") }
        var rest = Substring(text.dropFirst("redis://".count))
        if rest.contains("?") || rest.contains("#") { throw .invalidURL(text, "query parameters and fragments are not supported") }

        var username: String?
        var password: String?
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                let user = userInfo[..<colon]
                username = user.isEmpty ? nil : try Self.percentDecoded(user, url: text)
                password = try Self.percentDecoded(userInfo[userInfo.index(after: colon)...], url: text)
            } else if !userInfo.isEmpty {
                // `redis://secret@host` is how many clients spell a password without a user.
                password = try Self.percentDecoded(userInfo, url: text)
            }
        }

        var database = 0
        if let slash = rest.firstIndex(of: "/") {
            let path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
            if !path.isEmpty {
                guard let number = Int(path), number >= 0 else {
                    throw .invalidURL(text, "the path /\(path) is not a database number (0, 1, 2, ...)")
                }
                database = number
            }
        }

        var host: Substring
        var port = 6379
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw .invalidURL(text, "an IPv6 host is missing its closing ]") }
            host = rest[rest.index(after: rest.startIndex)..<close]
            rest = rest[rest.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { throw .invalidURL(text, "expected :port after the IPv6 host") }
                port = try Self.port(rest.dropFirst(), url: text)
            }
        } else if let colon = rest.firstIndex(of: ":") {
            host = rest[..<colon]
            port = try Self.port(rest[rest.index(after: colon)...], url: text)
        } else {
            host = rest
        }
        guard !host.isEmpty else { throw .invalidURL(text, "the host is missing") }
        self.init(host: String(host), port: port, username: username, password: password, database: database)
    }

    /// The URL, with the password masked (safe to log).
    public var description: String {
        var text = "redis://"
        if password != nil { text += (username ?? "") + ":***@" }
        text += host.contains(":") ? "[\(host)]" : host
        text += ":\(port)"
        if database != 0 { text += "/\(database)" }
        return text
    }

    /// `host:port`, for messages.
    var address: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    private static func port(_ text: Substring, url: String) throws(RedisClientError) -> Int {
        guard let port = Int(text), (1...65535).contains(port) else {
            throw .invalidURL(url, "the port \(text) is not a number from 1 to 65535")
        }
        return port
    }

    private static func percentDecoded(_ text: Substring, url: String) throws(RedisClientError) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw .invalidURL(url, "a % in the user name or password is not followed by two hex digits")
            }
            bytes.append(high << 4 | low)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
