#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Android)
import Android
#elseif canImport(ucrt)
import ucrt
#endif

/// The system's wall clock, read only to place RFC 850 two-digit years; the C library's `time` keeps
/// Foundation out of this module.
enum WallClock {
    static func epochSeconds() -> Int {
        Int(time(nil))
    }
}
