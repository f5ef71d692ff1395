import NIOConcurrencyHelpers
import NIOCore

/// A stage's response cache (aws-behaviour §3.10): entries keyed by method, path and the configured cache key
/// parameters, each living its TTL; responses over 1,048,576 bytes are not cached; past the capacity the oldest
/// entries go first.
final class StageCache: Sendable {
    static let maximumEntryBytes = 1_048_576

    private struct Entry {
        let response: APIResponse
        let expiresAt: Double
        let bytes: Int
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var order = CircularBuffer<String>()
        var bytes = 0
    }

    private let state = NIOLockedValueBox(State())
    let capacityBytes: Int

    init(capacityBytes: Int) {
        self.capacityBytes = capacityBytes
    }

    /// The fresh entry for `key`, if any.
    func lookup(_ key: String, now: Double) -> APIResponse? {
        state.withLockedValue { state in
            guard let entry = state.entries[key] else { return nil }
            guard entry.expiresAt > now else {
                Self.remove(key, from: &state)
                return nil
            }
            return entry.response
        }
    }

    func store(_ key: String, response: APIResponse, ttl: Int, now: Double) {
        let bytes = response.body.readableBytes + response.headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count }
        guard ttl > 0, bytes <= Self.maximumEntryBytes, bytes <= capacityBytes else { return }
        state.withLockedValue { state in
            Self.remove(key, from: &state)
            while state.bytes + bytes > capacityBytes, let oldest = state.order.popFirst() {
                if let entry = state.entries.removeValue(forKey: oldest) { state.bytes -= entry.bytes }
            }
            state.entries[key] = Entry(response: response, expiresAt: now + Double(ttl), bytes: bytes)
            state.order.append(key)
            state.bytes += bytes
        }
    }

    /// Drops the entry for `key`, as a client's `Cache-Control: max-age=0` does.
    func invalidate(_ key: String) {
        state.withLockedValue { Self.remove(key, from: &$0) }
    }

    /// Drops every entry (the stage's "flush cache").
    func flush() {
        state.withLockedValue { $0 = State() }
    }

    var count: Int { state.withLockedValue { $0.entries.count } }

    private static func remove(_ key: String, from state: inout State) {
        guard let entry = state.entries.removeValue(forKey: key) else { return }
        state.bytes -= entry.bytes
        if let index = state.order.firstIndex(of: key) { state.order.remove(at: index) }
    }
}
