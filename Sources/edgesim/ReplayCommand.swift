import ArgumentParser
import Eviction
import Foundation
import Replay

/// `edgesim replay`: pushes a trace through eviction policies at several cache sizes and reports hit rates.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a request trace through eviction policies and report object and byte miss ratios.",
        discussion: """
            Reads a trace (CSV time,obj_id,obj_size as libCacheSim writes it; space-separated time id size; \
            libCacheSim's oracleGeneral binary; a CloudFront standard access log) or generates one, replays it \
            through every policy at every capacity, and prints a table. Miss ratios count cacheable requests, \
            compulsory misses included, as libCacheSim does.

            Examples:
              edgesim replay --synthetic zipf:alpha=0.8 --count-objects
              edgesim replay trace.csv --policy lru,sieve,s3fifo --capacity 1%,100MB
              edgesim replay access.log --regional-capacity 10% --warmup 0.1
              edgesim replay --synthetic spa:requests=500000 --html report.html
            """
    )

    @Argument(help: "The trace file (omit with --synthetic).")
    var trace: String?

    @Option(
        help: ArgumentHelp(
            "Generate the trace instead: zipf:alpha=0.8,objects=100000,requests=1000000,seed=42 (also onehit:, hotset:, spa:).",
            valueName: "spec"
        )
    )
    var synthetic: String?

    @Option(
        help: ArgumentHelp("The trace format: csv, txt, oracle or cloudfront (default: from the file's name, then its content).", valueName: "format")
    )
    var format: String?

    @Option(help: ArgumentHelp("Comma-separated policies: fifo, lru, clock, sieve, s3fifo, arc, wtinylfu, lfu, belady (or opt).", valueName: "names"))
    var policy = ReplayConfiguration.defaultPolicies.map(\.rawValue).joined(separator: ",")

    @Option(
        help: ArgumentHelp(
            "Comma-separated cache sizes per POP: shares of the working set (1%,10%), bytes (100MB, 64KiB) or counts.",
            valueName: "sizes"
        )
    )
    var capacity = "1%,10%"

    @Flag(help: "Count capacity in objects, every size taken as 1 (as the reference miss-ratio table does).")
    var countObjects = false

    @Option(help: ArgumentHelp("Split requests over this many POPs by a seeded hash (default: the POPs the trace names, else one).", valueName: "n"))
    var pops: Int?

    @Option(help: ArgumentHelp("Put a regional edge cache of this size behind the POPs; it sees only their misses.", valueName: "size"))
    var regionalCapacity: String?

    @Option(
        help: ArgumentHelp("The share of the first requests that only warm the caches, left out of the statistics (0 to 0.99).", valueName: "share")
    )
    var warmup = 0.0

    @Option(help: ArgumentHelp("S3-FIFO's move-to-main threshold: 1 as the paper describes, 2 as libCacheSim's default.", valueName: "hits"))
    var moveToMainThreshold = 1

    @Option(help: ArgumentHelp("Seeds the split over POPs and W-TinyLFU's random admissions.", valueName: "n"))
    var seed: UInt64 = 0

    @Option(help: ArgumentHelp("How many runs go at once (default: one per core).", valueName: "n"))
    var jobs: Int?

    @Option(help: ArgumentHelp("Also write the report as JSON to this file.", valueName: "file"))
    var json: String?

    @Option(help: ArgumentHelp("Also write a self-contained HTML report with miss-ratio curves to this file.", valueName: "file"))
    var html: String?

    func validate() throws {
        guard (trace == nil) != (synthetic == nil) else {
            throw ValidationError("Give either a trace file or --synthetic SPEC.")
        }
        if let format, TraceFormat(format) == nil {
            throw ValidationError("Unknown --format \"\(format)\"; use csv, txt, oracle or cloudfront.")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
    }

    func run() async throws {
        var policies: [EvictionPolicyKind] = []
        for name in policy.split(separator: ",") {
            guard let kind = EvictionPolicyKind(String(name.trimmingCharacters(in: .whitespaces))) else {
                throw ValidationError(
                    "Unknown policy \"\(name)\"; choose from \(EvictionPolicyKind.allCases.map(\.rawValue).joined(separator: ", "))."
                )
            }
            policies.append(kind)
        }
        var options = EvictionPolicyOptions()
        options.s3fifo.moveToMainThreshold = moveToMainThreshold
        options.wTinyLFU.seed = seed
        let configuration = ReplayConfiguration(
            policies: policies,
            capacities: try CapacitySpec.parseList(capacity),
            countsObjects: countObjects,
            popCount: pops,
            regionalCapacity: try regionalCapacity.map { try CapacitySpec(parsing: $0) },
            warmupFraction: warmup,
            options: options,
            seed: seed,
            concurrentRuns: jobs ?? ProcessInfo.processInfo.activeProcessorCount
        )
        let requests: Trace
        if let synthetic {
            requests = try SyntheticWorkload(spec: synthetic).makeTrace(source: synthetic)
        } else {
            requests = try TraceReader.read(path: trace ?? "", format: format.flatMap { TraceFormat($0) })
        }
        let showsProgress = isatty(STDERR_FILENO) != 0
        let report = try await ReplaySweep(configuration: configuration).run(requests, progress: showsProgress ? Self.drawProgress : nil)
        if showsProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        print(report.text(), terminator: "")
        if let json {
            try report.json().write(to: URL(fileURLWithPath: json))
        }
        if let html {
            try Data(report.html().utf8).write(to: URL(fileURLWithPath: html))
        }
    }

    @Sendable
    private static func drawProgress(_ progress: ReplayProgress) {
        FileHandle.standardError.write(Data("\r\(progress.bar())".utf8))
    }
}
