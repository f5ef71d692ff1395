import Synchronization

/// Makes `X-Amz-Cf-Id` values: 40 bytes as 56 characters of base64url ending in `==` (aws-behaviour §1.1).
/// A counter through a 64-bit mixer: unique per process, lock-free, no system call per request.
final class RequestIDGenerator: Sendable {
    private let counter: Atomic<UInt64>
    private let seed: UInt64

    init(seed: UInt64 = UInt64.random(in: .min ... .max)) {
        self.seed = seed
        self.counter = Atomic(0)
    }

    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    func next() -> String {
        var state = seed &+ counter.wrappingAdd(1, ordering: .relaxed).newValue &* 0x9E37_79B9_7F4A_7C15
        return String(unsafeUninitializedCapacity: 56) { output in
            var written = 0
            // 40 bytes = 13 groups of 3 bytes + 1 byte; each group of 3 bytes is 4 characters.
            for group in 0..<14 {
                state = Self.mix(&state)
                let bits = state >> 40
                if group < 13 {
                    for index in 0..<4 {
                        output[written] = Self.alphabet[Int((bits >> UInt64(18 - 6 * index)) & 63)]
                        written += 1
                    }
                } else {
                    // A lone final byte fills one character and two bits of the next, whose low bits stay zero.
                    output[written] = Self.alphabet[Int((bits >> 18) & 63)]
                    output[written + 1] = Self.alphabet[Int((bits >> 12) & 48)]
                    written += 2
                }
            }
            output[written] = UInt8(ascii: "=")
            output[written + 1] = UInt8(ascii: "=")
            return written + 2
        }
    }

    /// splitmix64.
    private static func mix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
