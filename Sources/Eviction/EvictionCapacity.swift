/// How much a cache may hold: a number of bytes, or a number of objects.
///
/// In ``objects(_:)`` mode every object weighs 1 whatever its size, as libCacheSim's
/// `ignore_obj_size` runs and the reference miss-ratio table count. Sizes are still recorded,
/// so ``EvictionPolicy/usedBytes`` stays the true sum of resident object sizes.
public enum EvictionCapacity: Sendable, Hashable {
    /// At most this many bytes of resident objects.
    case bytes(Int)
    /// At most this many resident objects.
    case objects(Int)

    /// The bound in the capacity's own unit (bytes or objects); never negative.
    public var limit: Int {
        switch self {
        case .bytes(let bytes): max(0, bytes)
        case .objects(let objects): max(0, objects)
        }
    }

    /// Whether every object weighs 1 (object mode) rather than its size (byte mode).
    public var countsObjects: Bool {
        if case .objects = self { return true }
        return false
    }

    /// What an object of `size` bytes occupies in this capacity's unit.
    ///
    /// Negative sizes, which only malformed input produces, weigh nothing in byte mode.
    @inline(__always)
    public func weight(ofSize size: Int) -> Int {
        countsObjects ? 1 : max(0, size)
    }
}

extension EvictionCapacity: CustomStringConvertible {
    public var description: String {
        switch self {
        case .bytes(let bytes): "\(bytes) bytes"
        case .objects(let objects): "\(objects) objects"
        }
    }
}

extension EvictionCapacity {
    /// How many entries to reserve room for up front: exact in object mode (plus ghosts), a guess in byte mode.
    var expectedEntries: Int {
        switch self {
        case .objects(let objects): max(0, objects) * 2
        case .bytes: 1024
        }
    }
}
