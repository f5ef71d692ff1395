import Foundation

/// CPython's `random.Random`, bit for bit: the MT19937 generator seeded as `random.seed(int)` does,
/// and the algorithms `random()`, `getrandbits`, `shuffle`, `normalvariate`, `lognormvariate` and
/// `choices(cum_weights:)` use in CPython 3.11.
///
/// It exists so a synthetic Zipf workload reproduces `tools/gen_zipf_trace.py` exactly: the same seed
/// gives the same trace, and so the same miss ratios as hitrate.md's reference table.
struct PythonRandom: Sendable {
    private static let stateSize = 624
    private static let shiftSize = 397

    private var state: ContiguousArray<UInt32>
    private var position: Int

    /// `random.Random(seed)`: `init_by_array` over the seed's 32-bit words, least significant first.
    init(seed: UInt64) {
        var key: [UInt32] = [UInt32(truncatingIfNeeded: seed)]
        if seed >> 32 != 0 { key.append(UInt32(truncatingIfNeeded: seed >> 32)) }
        state = ContiguousArray(repeating: 0, count: Self.stateSize)
        position = Self.stateSize
        seedByArray(key)
    }

    private mutating func seedLinear(_ seed: UInt32) {
        state[0] = seed
        for index in 1..<Self.stateSize {
            let previous = state[index - 1]
            state[index] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(index)
        }
        position = Self.stateSize
    }

    private mutating func seedByArray(_ key: [UInt32]) {
        seedLinear(19_650_218)
        let count = Self.stateSize
        var index = 1
        var keyIndex = 0
        for _ in 0..<max(count, key.count) {
            let previous = state[index - 1]
            state[index] = (state[index] ^ ((previous ^ (previous >> 30)) &* 1_664_525)) &+ key[keyIndex] &+ UInt32(keyIndex)
            index += 1
            keyIndex += 1
            if index >= count {
                state[0] = state[count - 1]
                index = 1
            }
            if keyIndex >= key.count { keyIndex = 0 }
        }
        for _ in 0..<(count - 1) {
            let previous = state[index - 1]
            state[index] = (state[index] ^ ((previous ^ (previous >> 30)) &* 1_566_083_941)) &- UInt32(index)
            index += 1
            if index >= count {
                state[0] = state[count - 1]
                index = 1
            }
        }
        state[0] = 0x8000_0000
    }

    private mutating func twist() {
        let count = Self.stateSize
        for index in 0..<count {
            let mixed = (state[index] & 0x8000_0000) | (state[(index + 1) % count] & 0x7FFF_FFFF)
            var next = state[(index + Self.shiftSize) % count] ^ (mixed >> 1)
            if mixed & 1 != 0 { next ^= 0x9908_B0DF }
            state[index] = next
        }
        position = 0
    }

    /// `genrand_uint32`.
    mutating func nextUInt32() -> UInt32 {
        if position >= Self.stateSize { twist() }
        var value = state[position]
        position += 1
        value ^= value >> 11
        value ^= (value << 7) & 0x9D2C_5680
        value ^= (value << 15) & 0xEFC6_0000
        value ^= value >> 18
        return value
    }

    /// `random.random()`: 53 random bits as a double in [0, 1).
    mutating func random() -> Double {
        let high = Double(nextUInt32() >> 5)
        let low = Double(nextUInt32() >> 6)
        return (high * 67_108_864.0 + low) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `random.getrandbits(bits)` for 1 to 64 bits: 32-bit words from the least significant up.
    mutating func randomBits(_ bits: Int) -> UInt64 {
        if bits <= 32 { return UInt64(nextUInt32() >> UInt32(32 - bits)) }
        let low = UInt64(nextUInt32())
        let high = UInt64(nextUInt32() >> UInt32(64 - bits))
        return high << 32 | low
    }

    /// `_randbelow_with_getrandbits(bound)`: a uniform integer in `0..<bound` by rejection.
    mutating func below(_ bound: Int) -> Int {
        let bits = Int.bitWidth - bound.leadingZeroBitCount
        var value = randomBits(bits)
        while value >= UInt64(bound) { value = randomBits(bits) }
        return Int(value)
    }

    /// `random.shuffle(elements)`.
    mutating func shuffle<Element>(_ elements: inout ContiguousArray<Element>) {
        var index = elements.count - 1
        while index >= 1 {
            elements.swapAt(index, below(index + 1))
            index -= 1
        }
    }

    /// `random.normalvariate(mu, sigma)`: Kinderman and Monahan's ratio method.
    mutating func normal(mean: Double, deviation: Double) -> Double {
        let magic = 4 * exp(-0.5) / 2.0.squareRoot()
        while true {
            let first = random()
            let second = 1.0 - random()
            let z = magic * (first - 0.5) / second
            if z * z / 4.0 <= -log(second) { return mean + z * deviation }
        }
    }

    /// `random.lognormvariate(mu, sigma)`.
    mutating func logNormal(mean: Double, deviation: Double) -> Double {
        exp(normal(mean: mean, deviation: deviation))
    }

    /// One draw of `random.choices(range(n), cum_weights=cumulative)`: `bisect_right` over all but the last weight.
    mutating func choice(cumulativeWeights cumulative: ContiguousArray<Double>) -> Int {
        let target = random() * (cumulative[cumulative.count - 1] + 0.0)
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if target < cumulative[middle] { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
