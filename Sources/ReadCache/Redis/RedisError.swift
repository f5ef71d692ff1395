/// A command the Redis server refused: its error reply, such as `WRONGTYPE Operation against a key holding the
/// wrong kind of value` or `NOAUTH Authentication required.`
public struct RedisError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The server's message, as sent (after the `-`).
    public let message: String
    /// The command that was refused.
    public let command: String

    public init(message: String, command: String) {
        self.message = message
        self.command = command
    }

    /// The error's code: the message's first word (`ERR`, `WRONGTYPE`, `NOAUTH`, `WRONGPASS`).
    public var code: Substring {
        message.prefix { $0 != " " }
    }

    public var description: String {
        "Redis refused \(command): \(message)"
    }
}
