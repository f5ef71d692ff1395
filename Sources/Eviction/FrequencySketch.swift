/// TinyLFU's popularity estimate: a Count-Min sketch of depth 4 with 4-bit counters (hitrate.md §1.6).
///
/// Every access increments the key's four counters (saturating at 15); the estimate is their minimum.
/// After `10 × width` increments every counter is halved, so old popularity fades ("reset"). The sketch
/// grows (and restarts) when the cache holds more objects than it has counters per row, as Caffeine's
/// `ensureCapacity` does.
struct FrequencySketch: Sendable {
    private static let depth = 4
    private static let seeds: (UInt64, UInt64, UInt64, UInt64) = (
        0x97CB_3127_A6F8_9C3B, 0xC3A5_C85C_97CB_3127, 0xB492_B66F_BE98_F273, 0x9AE1_6A3B_2F90_404F
    )

    /// 16 counters of 4 bits per word; row `r` uses words `[r × wordsPerRow, (r + 1) × wordsPerRow)`.
    private var table: ContiguousArray<UInt64>
    private var rowMask: Int
    private var wordsPerRow: Int
    private var additions = 0
    private var sampleSize: Int
    private(set) var width: Int

    init(expectedEntries: Int) {
        let width = Self.width(for: expectedEntries)
        self.width = width
        rowMask = width - 1
        wordsPerRow = width / 16
        table = ContiguousArray(repeating: 0, count: wordsPerRow * Self.depth)
        sampleSize = 10 * width
    }

    private static func width(for entries: Int) -> Int {
        var width = 16
        while width < entries && width < 1 << 26 { width <<= 1 }
        return width
    }

    /// Restarts with room for `entries` objects when the current width is too small.
    mutating func ensureCapacity(_ entries: Int) {
        guard entries > width && width < 1 << 26 else { return }
        self = FrequencySketch(expectedEntries: entries)
    }

    @inline(__always)
    private func spread(_ key: UInt64) -> UInt64 {
        var hash = key &+ 0x9E37_79B9_7F4A_7C15
        hash = (hash ^ (hash >> 30)) &* 0xBF58_476D_1CE4_E5B9
        hash = (hash ^ (hash >> 27)) &* 0x94D0_49BB_1331_11EB
        return hash ^ (hash >> 31)
    }

    @inline(__always)
    private func counterIndex(_ hash: UInt64, seed: UInt64) -> Int {
        var mixed = (hash ^ seed) &* 0x9E37_79B9_7F4A_7C15
        mixed ^= mixed >> 32
        return Int(truncatingIfNeeded: mixed) & rowMask
    }

    @inline(__always)
    private func counter(row: Int, index: Int) -> UInt64 {
        (table[row * wordsPerRow + (index >> 4)] >> UInt64((index & 15) << 2)) & 0xF
    }

    @inline(__always)
    private mutating func increment(row: Int, index: Int) -> Bool {
        let word = row * wordsPerRow + (index >> 4)
        let offset = UInt64((index & 15) << 2)
        guard (table[word] >> offset) & 0xF < 15 else { return false }
        table[word] &+= 1 << offset
        return true
    }

    /// The estimated number of recent accesses to `key`, 0 to 15.
    func frequency(_ key: UInt64) -> Int {
        let hash = spread(key)
        var minimum = counter(row: 0, index: counterIndex(hash, seed: Self.seeds.0))
        minimum = min(minimum, counter(row: 1, index: counterIndex(hash, seed: Self.seeds.1)))
        minimum = min(minimum, counter(row: 2, index: counterIndex(hash, seed: Self.seeds.2)))
        minimum = min(minimum, counter(row: 3, index: counterIndex(hash, seed: Self.seeds.3)))
        return Int(minimum)
    }

    /// Records one access to `key`.
    mutating func record(_ key: UInt64) {
        let hash = spread(key)
        var added = increment(row: 0, index: counterIndex(hash, seed: Self.seeds.0))
        added = increment(row: 1, index: counterIndex(hash, seed: Self.seeds.1)) || added
        added = increment(row: 2, index: counterIndex(hash, seed: Self.seeds.2)) || added
        added = increment(row: 3, index: counterIndex(hash, seed: Self.seeds.3)) || added
        if added {
            additions += 1
            if additions >= sampleSize { reset() }
        }
    }

    /// Halves every counter: shift each word right by one and clear the bit that crossed a counter boundary.
    private mutating func reset() {
        for word in table.indices {
            table[word] = (table[word] >> 1) & 0x7777_7777_7777_7777
        }
        additions /= 2
    }
}
