/// The eviction policies EdgeSim implements, by the names users type (`--policy lru,sieve,s3fifo`,
/// the stack file's `evictionPolicy`).
public enum EvictionPolicyKind: String, Sendable, Hashable, CaseIterable, Codable {
    case lru
    case fifo
    case clock
    case sieve
    case s3fifo
    case wtinylfu
    case arc
    case lfu
    /// Belady's MIN; needs the future, so replays only.
    case belady

    /// Parses a policy name: case-insensitive, ignoring `-` and `_` (`S3-FIFO`, `w_tinylfu`);
    /// `opt` and `min` name Belady, `tinylfu` W-TinyLFU, `clock1` CLOCK.
    public init?(_ name: String) {
        let folded = String(name.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " })
        switch folded {
        case "opt", "min", "belady": self = .belady
        case "tinylfu", "wtinylfu": self = .wtinylfu
        case "clock", "clock1", "secondchance", "fiforeinsertion": self = .clock
        default:
            guard let kind = EvictionPolicyKind(rawValue: folded) else { return nil }
            self = kind
        }
    }

    /// The name as reports print it.
    public var displayName: String {
        switch self {
        case .lru: "LRU"
        case .fifo: "FIFO"
        case .clock: "CLOCK"
        case .sieve: "SIEVE"
        case .s3fifo: "S3-FIFO"
        case .wtinylfu: "W-TinyLFU"
        case .arc: "ARC"
        case .lfu: "LFU"
        case .belady: "Belady"
        }
    }

    /// Whether the policy needs the whole request sequence in advance (only Belady).
    public var needsFuture: Bool { self == .belady }
}

extension EvictionPolicyKind: CustomStringConvertible {
    public var description: String { rawValue }
}
