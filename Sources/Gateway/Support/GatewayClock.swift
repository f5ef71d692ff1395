import Foundation
import NIOConcurrencyHelpers

extension Gateway {
    /// Where the gateway reads the time: seconds since the epoch. Token buckets, quotas, token expiry, the stage
    /// cache and event timestamps all read it, so tests drive them with a clock they move by hand.
    public struct Clock: Sendable {
        public var now: @Sendable () -> Double

        public init(now: @escaping @Sendable () -> Double) {
            self.now = now
        }

        /// The system's wall clock.
        public static let system = Clock { Date().timeIntervalSince1970 }
    }

    /// Where canary releases draw their dice: numbers in `0..<1`.
    public struct RandomSource: Sendable {
        public var next: @Sendable () -> Double

        public init(next: @escaping @Sendable () -> Double) {
            self.next = next
        }

        public static let system = RandomSource { Double.random(in: 0..<1) }

        /// A reproducible sequence (SplitMix64) for tests and repeatable runs.
        public static func seeded(_ seed: UInt64) -> RandomSource {
            let state = NIOLockedValueBox(seed)
            return RandomSource {
                let value = state.withLockedValue { state -> UInt64 in
                    state &+= 0x9E37_79B9_7F4A_7C15
                    var z = state
                    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                    return z ^ (z >> 31)
                }
                return Double(value >> 11) / Double(UInt64(1) << 53)
            }
        }
    }
}
