/// An open-addressing map from 64-bit keys to node indices: linear probing, backward-shift deletion,
/// at most half full. It grows by doubling; a lookup, insert or removal never allocates otherwise.
struct KeyIndex: Sendable {
    private struct Slot: Sendable {
        var key: UInt64
        /// The node index, or `-1` for an empty slot.
        var node: Int32
    }

    private var slots: ContiguousArray<Slot>
    private var mask: Int
    private var shift: UInt64
    private(set) var count = 0

    init(minimumCapacity: Int = 16) {
        var size = 16
        while size < minimumCapacity * 2 { size <<= 1 }
        slots = ContiguousArray(repeating: Slot(key: 0, node: -1), count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// Fibonacci hashing on a folded key: sequential and strided ids spread over the table.
    @inline(__always)
    private func home(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: ((key ^ (key >> 29)) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The node stored for `key`, or `-1`.
    @inline(__always)
    func find(_ key: UInt64) -> Int32 {
        var position = home(key)
        while true {
            let slot = slots[position]
            if slot.node < 0 { return -1 }
            if slot.key == key { return slot.node }
            position = (position &+ 1) & mask
        }
    }

    /// Adds `key`, which must be absent.
    @inline(__always)
    mutating func insert(_ key: UInt64, node: Int32) {
        if (count &+ 1) &* 2 > slots.count { grow() }
        var position = home(key)
        while slots[position].node >= 0 { position = (position &+ 1) & mask }
        slots[position] = Slot(key: key, node: node)
        count &+= 1
    }

    /// Removes `key` if present, shifting later entries of its probe run back so no tombstones remain.
    @inline(__always)
    mutating func remove(_ key: UInt64) {
        var hole = home(key)
        while true {
            let slot = slots[hole]
            if slot.node < 0 { return }
            if slot.key == key { break }
            hole = (hole &+ 1) & mask
        }
        var probe = hole
        while true {
            probe = (probe &+ 1) & mask
            let slot = slots[probe]
            if slot.node < 0 { break }
            let wanted = home(slot.key)
            // The entry may move into the hole only if its home is not cyclically in (hole, probe].
            let stays = hole <= probe ? (wanted > hole && wanted <= probe) : (wanted > hole || wanted <= probe)
            if !stays {
                slots[hole] = slot
                hole = probe
            }
        }
        slots[hole].node = -1
        count &-= 1
    }

    private mutating func grow() {
        let old = slots
        var bigger = KeyIndex(minimumCapacity: old.count)
        for slot in old where slot.node >= 0 {
            bigger.insert(slot.key, node: slot.node)
        }
        self = bigger
    }
}
