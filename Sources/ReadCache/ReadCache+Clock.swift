import NIOCore

extension ReadCache {
    /// Where the read cache reads the time: monotonic nanoseconds. The in-process backend's expiry and the
    /// load latency histogram both read it, so tests drive TTLs with a clock they move by hand.
    public struct Clock: Sendable {
        /// Nanoseconds since an arbitrary fixed point; never decreases.
        public var nanoseconds: @Sendable () -> UInt64

        public init(nanoseconds: @escaping @Sendable () -> UInt64) {
            self.nanoseconds = nanoseconds
        }

        /// The system's monotonic clock.
        public static let system = Clock { NIODeadline.now().uptimeNanoseconds }
    }

    /// Where TTL jitter draws its numbers: uniform in `0..<1`.
    public struct RandomSource: Sendable {
        public var next: @Sendable () -> Double

        public init(next: @escaping @Sendable () -> Double) {
            self.next = next
        }

        /// The system's generator.
        public static let system = RandomSource { Double.random(in: 0..<1) }
    }
}

extension Duration {
    /// The duration in whole nanoseconds, clamped to `0...UInt64.max`.
    var clampedNanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        let (whole, overflow) = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return .max }
        let (sum, overflowSum) = whole.addingReportingOverflow(UInt64(max(0, attoseconds) / 1_000_000_000))
        return overflowSum ? .max : sum
    }
}
