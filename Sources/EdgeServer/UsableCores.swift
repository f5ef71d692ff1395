import Foundation
import NIOCore

/// How many cores this process may run on, for the default number of event loops.
///
/// NIO's `System.coreCount` counts the machine's online cores (and a cgroup quota), not the CPU affinity: a server
/// started under `taskset -c 0`, or in a container with a cpuset of one CPU, would run one event loop per machine
/// core on that single CPU, and each loop's connections would wait out the other loops' time slices (the p99 of a
/// pinned 1 KiB hit benchmark went from about 1 ms to 4.5 ms that way).
public enum UsableCores {
    public static var count: Int {
        // The calling thread's affinity mask, from the kernel's own status file: glibc's `sched_getaffinity` is a
        // GNU extension that Swift's Glibc module does not import.
        guard let status = try? String(contentsOfFile: "/proc/thread-self/status", encoding: .utf8),
            let allowed = allowedCores(inStatus: status)
        else { return System.coreCount }
        return max(1, min(allowed, System.coreCount))
    }

    /// The number of CPUs in a `/proc/*/status` text's `Cpus_allowed:` mask (hexadecimal, in comma-separated
    /// groups of 32 bits), or nil when it has none.
    public static func allowedCores(inStatus status: String) -> Int? {
        for line in status.split(separator: "\n") where line.hasPrefix("Cpus_allowed:") {
            let mask = line.dropFirst("Cpus_allowed:".count).filter { !$0.isWhitespace && $0 != "," }
            var cores = 0
            for digit in mask {
                guard let value = digit.hexDigitValue else { return nil }
                cores += value.nonzeroBitCount
            }
            return cores
        }
        return nil
    }
}
