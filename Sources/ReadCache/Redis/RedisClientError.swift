/// Why a command to Redis did not get a reply: the connection, the URL or a timeout, not the server's refusal
/// (that is ``RedisError``).
public struct RedisClientError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Reason: Sendable, Hashable {
        case invalidURL(url: String, problem: String)
        case connectFailed(address: String, underlying: String)
        case unavailable(address: String, retryInMilliseconds: Int, lastError: String)
        case connectionClosed(address: String, command: String)
        case timedOut(address: String, command: String, milliseconds: Int)
        case protocolViolation(address: String, detail: String)
        case unexpectedReply(command: String, reply: String)
        case shutDown
    }

    private let reason: Reason

    static func invalidURL(_ url: String, _ problem: String) -> Self {
        Self(reason: .invalidURL(url: url, problem: problem))
    }

    static func connectFailed(_ address: String, _ underlying: any Error) -> Self {
        Self(reason: .connectFailed(address: address, underlying: "\(underlying)"))
    }

    static func unavailable(_ address: String, retryIn: Duration, lastError: String) -> Self {
        let (seconds, attoseconds) = retryIn.components
        let milliseconds = Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
        return Self(reason: .unavailable(address: address, retryInMilliseconds: max(0, milliseconds), lastError: lastError))
    }

    static func connectionClosed(_ address: String, command: String) -> Self {
        Self(reason: .connectionClosed(address: address, command: command))
    }

    static func timedOut(_ address: String, command: String, after timeout: Duration) -> Self {
        let (seconds, attoseconds) = timeout.components
        return Self(
            reason: .timedOut(address: address, command: command, milliseconds: Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
        )
    }

    static func protocolViolation(_ address: String, _ error: any Error) -> Self {
        Self(reason: .protocolViolation(address: address, detail: "\(error)"))
    }

    static func unexpectedReply(command: String, reply: RESPValue) -> Self {
        Self(reason: .unexpectedReply(command: command, reply: reply.description))
    }

    static let shutDown = Self(reason: .shutDown)

    /// Whether the connection dropped with the command in flight (it may or may not have run).
    public var isConnectionClosed: Bool {
        if case .connectionClosed = reason { return true }
        return false
    }

    /// Whether no reply came within the command timeout.
    public var isTimeout: Bool {
        if case .timedOut = reason { return true }
        return false
    }

    /// Whether the server could not be reached (refused, unreachable, or still backing off after that).
    public var isUnreachable: Bool {
        switch reason {
        case .connectFailed, .unavailable: true
        default: false
        }
    }

    public var description: String {
        switch reason {
        case .invalidURL(let url, let problem):
            "The Redis URL \(url) is not valid: \(problem). Write it as redis://[[username]:password@]host[:port][/database]."
        case .connectFailed(let address, let underlying):
            "Could not connect to Redis at \(address) (\(underlying)). Start redis-server there or fix the readCache url."
        case .unavailable(let address, let retry, let lastError):
            "Redis at \(address) is unreachable (last attempt: \(lastError)); the next connection attempt is in \(retry) ms."
        case .connectionClosed(let address, let command):
            "The connection to Redis at \(address) closed before the server replied to \(command); the command may or may not "
                + "have run. The next command reconnects."
        case .timedOut(let address, let command, let milliseconds):
            "Redis at \(address) did not reply to \(command) within \(milliseconds) ms; the connection was closed and the next "
                + "command reconnects. Raise the command timeout if the server is slow."
        case .protocolViolation(let address, let detail):
            "Redis at \(address): \(detail)"
        case .unexpectedReply(let command, let reply):
            "Redis replied to \(command) with \(reply), which is not a reply \(command) has; is the server Redis-compatible?"
        case .shutDown:
            "The Redis client was shut down; commands can no longer be sent."
        }
    }
}
