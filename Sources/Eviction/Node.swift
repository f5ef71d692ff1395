/// One resident or ghost entry, stored by value in a flat array and linked to its neighbours by index.
///
/// Lists run from the head (newest, most recently used) to the tail (oldest): `prev` points one step
/// toward the head, `next` one step toward the tail, `-1` ends a list.
struct Node: Sendable {
    var key: UInt64
    var size: Int
    var prev: Int32
    var next: Int32
    /// Policy-defined extra link: LFU's frequency bucket, Belady's heap position.
    var aux: Int32
    /// Which of the policy's lists holds the node; `NodeStore.freeQueue` for a free slot.
    var queue: UInt8
    /// Policy-defined small state: a reference bit, a 2-bit frequency, a visited flag.
    var bits: UInt8
}

/// A doubly linked list threaded through a ``NodeStore``: just its ends and running totals.
struct NodeList: Sendable {
    var head: Int32 = -1
    var tail: Int32 = -1
    var count = 0
    /// The sum of the listed nodes' sizes in bytes.
    var bytes = 0

    var isEmpty: Bool { count == 0 }

    /// The list's weight in the capacity's unit.
    @inline(__always)
    func weight(countsObjects: Bool) -> Int {
        countsObjects ? count : bytes
    }
}
