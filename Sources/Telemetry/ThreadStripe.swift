import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Spreads recording threads over stripes so that event loops rarely share a lock: each thread hashes to one
/// stripe, so a stripe's lock is, in practice, taken by one thread at a time and costs an uncontended
/// compare-and-swap. Two threads that hash alike share a stripe and stay correct, only slower.
enum ThreadStripe {
    /// The calling thread's stripe among `count`, which must be a power of two.
    @inline(__always)
    static func index(count: Int) -> Int {
        #if canImport(Darwin)
        let thread = UInt64(UInt(bitPattern: pthread_self()))
        #else
        let thread = UInt64(pthread_self())
        #endif
        return Int(truncatingIfNeeded: (thread &* 0x9E37_79B9_7F4A_7C15) >> 40) & (count - 1)
    }

    /// How many stripes to make: `requested` (tests pin it to 1) or, when `nil`, twice the processor count, so
    /// that event loops (one per core) seldom collide; a power of two, at most 64.
    static func count(_ requested: Int?) -> Int {
        let wanted = requested ?? max(4, 2 * ProcessInfo.processInfo.activeProcessorCount)
        var count = 1
        while count < min(max(wanted, 1), 64) { count <<= 1 }
        return count
    }
}
