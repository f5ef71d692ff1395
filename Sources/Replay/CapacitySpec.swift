import Eviction

/// A cache size as a user gives it: `1%` or `0.5%` of the working set, bytes (`100MB`, `64KiB`, `2GB`),
/// or a plain count (`5000`: objects with `--count-objects`, bytes otherwise).
public enum CapacitySpec: Sendable, Hashable, CustomStringConvertible {
    /// A share of the working set (distinct objects, or their bytes), from 0 to 1.
    case fraction(Double)
    /// Bytes.
    case bytes(Int)
    /// A plain number: objects in object mode, bytes in byte mode.
    case count(Int)

    private static let units: [(suffix: String, multiplier: Double)] = [
        ("kib", 1024), ("mib", 1024 * 1024), ("gib", 1024 * 1024 * 1024), ("tib", 1024 * 1024 * 1024 * 1024),
        ("kb", 1e3), ("mb", 1e6), ("gb", 1e9), ("tb", 1e12), ("k", 1e3), ("m", 1e6), ("g", 1e9), ("b", 1),
    ]

    /// Parses one capacity; decimal (KB, MB, GB, TB) and binary (KiB, MiB, GiB, TiB) units, case-insensitive.
    public init(parsing text: String) throws(ReplayError) {
        let trimmed = text.trimmingSpaces.lowercased().replacingUnderscores
        if trimmed.hasSuffix("%") {
            guard let percent = Double(trimmed.dropLast()), percent >= 0, percent <= 100 else {
                throw .invalidCapacity(text, "a percentage must be a number from 0 to 100, such as 1% or 0.5%")
            }
            self = .fraction(percent / 100)
            return
        }
        if let count = Int(trimmed), count >= 0 {
            self = .count(count)
            return
        }
        for unit in Self.units where trimmed.hasSuffix(unit.suffix) {
            guard let value = Double(trimmed.dropLast(unit.suffix.count).trimmingSpaces), value >= 0,
                value * unit.multiplier < 9e18
            else { break }
            self = .bytes(Int((value * unit.multiplier).rounded()))
            return
        }
        throw .invalidCapacity(
            text,
            "give a share of the working set (1%, 10%), bytes (100MB, 64KiB) or, with --count-objects, a number of objects (5000)"
        )
    }

    /// Parses a comma-separated list (`1%,10%,100MB`).
    public static func parseList(_ text: String) throws(ReplayError) -> [CapacitySpec] {
        var specs: [CapacitySpec] = []
        for item in text.split(separator: ",") where !item.trimmingSpaces.isEmpty {
            specs.append(try CapacitySpec(parsing: String(item)))
        }
        guard !specs.isEmpty else { throw .invalidCapacity(text, "no capacity given; list sizes such as 1%,10%,100MB") }
        return specs
    }

    /// The capacity for a working set of `objects` distinct objects totalling `bytes`.
    /// Shares round down, as libCacheSim sizes its caches (1% of 96,568 objects is 965).
    public func resolve(objects: Int, bytes: Int, countsObjects: Bool) throws(ReplayError) -> EvictionCapacity {
        switch self {
        case .fraction(let share):
            countsObjects ? .objects(Int(Double(objects) * share)) : .bytes(Int(Double(bytes) * share))
        case .count(let count):
            countsObjects ? .objects(count) : .bytes(count)
        case .bytes(let size):
            if countsObjects {
                throw .invalidCapacity(description, "--count-objects counts objects, so give a count (5000) or a percentage")
            } else {
                .bytes(size)
            }
        }
    }

    public var description: String {
        switch self {
        case .fraction(let share): "\(Self.trimmed(share * 100))%"
        case .bytes(let bytes): ByteCount.format(bytes)
        case .count(let count): "\(count)"
        }
    }

    private static func trimmed(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
