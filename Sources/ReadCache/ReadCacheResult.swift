import NIOCore

/// Whether a read was answered from the cache or had to load from the source.
public enum ReadCacheOutcome: String, Sendable, Hashable {
    /// Answered from the cache: the source was not read.
    case hit
    /// Not in the cache (absent or expired): the source was read, by this call or by a concurrent one it waited for.
    case miss
}

/// What ``ReadCache/value(for:ttl:load:)`` found.
public struct ReadCacheResult: Sendable, Hashable {
    /// The value, or nil when the source has none under the key.
    public var value: ByteBuffer?
    /// Hit or miss, recorded per call so that callers and tests can assert it (aws-behaviour §6).
    public var outcome: ReadCacheOutcome

    public init(value: ByteBuffer?, outcome: ReadCacheOutcome) {
        self.value = value
        self.outcome = outcome
    }
}
