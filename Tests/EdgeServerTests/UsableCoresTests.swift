import EdgeServer
import Foundation
import Testing

/// The default number of event loops follows the CPU affinity (taskset, a cpuset), not the machine's core count.
@Suite struct UsableCoresTests {
    @Test(arguments: [
        ("Name:\tedgesim\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1\n", 2),
        ("Cpus_allowed:\t2\nCpus_allowed_list:\t1\n", 1),
        ("Cpus_allowed:\tffffffff,ffffffff\n", 64),
        ("Cpus_allowed:\t00000000,00000000,00000000,00000100\n", 1),
    ])
    func theAffinityMaskIsCounted(status: String, cores: Int) {
        #expect(UsableCores.allowedCores(inStatus: status) == cores)
    }

    @Test func aStatusWithoutAMaskCountsNothing() {
        #expect(UsableCores.allowedCores(inStatus: "Name:\tedgesim\n") == nil)
        #expect(UsableCores.allowedCores(inStatus: "Cpus_allowed:\tzz\n") == nil)
    }

    /// The kernel's own answer for a process started under `taskset -c`, read the way `count` reads it.
    @Test func aProcessPinnedByTasksetSeesOneCore() async throws {
        let status = try await Self.output(of: ["taskset", "-c", "0", "cat", "/proc/thread-self/status"])
        #expect(UsableCores.allowedCores(inStatus: status) == 1)
        #expect(UsableCores.count >= 1)
    }

    /// Runs a command on a thread of its own, so no cooperative thread waits for it.
    static func output(of arguments: [String]) async throws -> String {
        try await withCheckedThrowingContinuation { done in
            Thread.detachNewThread {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = arguments
                let pipe = Pipe()
                process.standardOutput = pipe
                do {
                    try process.run()
                    let data = pipe.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    done.resume(returning: String(decoding: data, as: UTF8.self))
                } catch {
                    done.resume(throwing: error)
                }
            }
        }
    }
}
