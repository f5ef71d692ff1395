import NIOCore
import NIOHTTP1

/// HTTP/1.1 pipelining for `ViewerHandler`: responses must leave in the order requests came, so while one request
/// waits for the origin, the parts of those behind it are held here, and so is the channel's next read.
struct HeldRequests {
    enum Input {
        case part(HTTPServerRequestPart)
        /// Where the decoder found input it could not parse; nothing after it is decoded.
        case malformed
    }

    private var parts = CircularBuffer<Input>(initialCapacity: 4)
    private var readHeld = false
    /// A request is waiting for the origin (or the gateway).
    private(set) var isWaiting = false

    mutating func startWaiting() { isWaiting = true }
    mutating func stopWaiting() { isWaiting = false }

    mutating func append(_ part: Input) { parts.append(part) }

    /// The next held part, oldest first.
    mutating func next() -> Input? { parts.popFirst() }

    /// Whether a read must wait: while a request waits, or held requests remain. Remembers the read for later.
    mutating func holdRead() -> Bool {
        guard isWaiting || !parts.isEmpty else { return false }
        readHeld = true
        return true
    }

    /// Whether a held read is due now.
    mutating func releaseRead() -> Bool {
        defer { readHeld = false }
        return readHeld
    }
}
