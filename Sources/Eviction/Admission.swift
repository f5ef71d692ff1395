/// What ``EvictionPolicy/admit(_:size:onEviction:)`` did with an object fetched from the origin.
public enum Admission: Sendable, Hashable {
    /// The object is now resident.
    case admitted
    /// The object weighs more than the whole capacity, so it was not stored (nothing was evicted for it).
    /// libCacheSim follows the same rule; a replay counts such requests as uncacheable.
    case rejectedTooLarge
    /// The policy chose not to keep the object: W-TinyLFU's frequency filter preferred the resident
    /// victim, or S3-FIFO refused an object larger than its small queue (when configured to).
    case rejectedByPolicy

    /// Whether the object is resident after the call.
    public var isAdmitted: Bool { self == .admitted }
}
