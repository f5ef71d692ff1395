import Foundation
import Testing

@testable import Telemetry

@Suite("Prometheus exposition")
struct PrometheusExpositionTests {
    /// Two series; the behaviour's pattern carries a quote and a backslash to exercise label escaping.
    static func statistics() -> EdgeStatistics {
        let statistics = EdgeStatistics(configuration: .init(stripeCount: 1))
        for _ in 0..<3 { statistics.record(Events.make(.hit, bytes: 1_000, duration: 0.000_2)) }
        statistics.record(Events.make(.miss, bytes: 3_000, duration: 0.03))
        statistics.record(Events.make(.refreshHit, bytes: 1_000, duration: 0.004))
        statistics.record(Events.make(.miss, bytes: 500, method: "POST", behavior: #"/odd"\path*"#, duration: 2))
        return statistics
    }

    static let labels = ["distribution": "E1", "behavior": "*", "pop": "IAD89-P1", "tier": "edge"]

    @Test func textIsWellFormedAndCarriesTheCounts() throws {
        let text = Self.statistics().prometheusText()
        let lint = PrometheusLint(text)
        #expect(lint.problems == [])
        #expect(lint.types["edgesim_requests_total"] == "counter")
        #expect(lint.types["edgesim_cache_hit_ratio"] == "gauge")
        #expect(lint.types["edgesim_request_duration_seconds"] == "histogram")
        let labels = Self.labels
        #expect(lint.value("edgesim_requests_total", labels.merging(["result": "Hit"]) { $1 }) == 3)
        #expect(lint.value("edgesim_cache_requests_total", labels.merging(["outcome": "refresh_hit"]) { $1 }) == 1)
        // 3×1000 + 3000 + 1000
        #expect(lint.value("edgesim_bytes_served_total", labels) == 7_000)
        #expect(lint.value("edgesim_origin_bytes_total", labels) == 3_000)
        // 3 / (3 + 1 + 1)
        #expect(lint.value("edgesim_cache_hit_ratio", labels) == 0.6)
        // 4000 / (4000 + 3000)
        #expect(lint.value("edgesim_cache_byte_hit_ratio", labels) == 4_000.0 / 7_000.0)
        // Hits took 200 µs: above le=0.0001, within le=0.00025.
        let hit = labels.merging(["result": "Hit"]) { $1 }
        #expect(lint.value("edgesim_request_duration_seconds_bucket", hit.merging(["le": "0.0001"]) { $1 }) == 0)
        #expect(lint.value("edgesim_request_duration_seconds_bucket", hit.merging(["le": "0.00025"]) { $1 }) == 3)
        #expect(lint.value("edgesim_request_duration_seconds_count", hit) == 3)
        #expect(lint.value("edgesim_request_duration_seconds_sum", hit) == 0.0006)
        // The escaped behaviour reads back as it was.
        let odd = ["distribution": "E1", "behavior": #"/odd"\path*"#, "pop": "IAD89-P1", "tier": "edge"]
        #expect(lint.value("edgesim_cache_requests_total", odd.merging(["outcome": "uncacheable"]) { $1 }) == 1)
        #expect(text.contains(#"behavior="/odd\"\\path*""#))
        // The uncacheable-only series has no cacheable request: no hit-ratio sample at all.
        #expect(lint.value("edgesim_cache_hit_ratio", odd) == nil)
    }

    @Test func theLintCatchesBrokenText() {
        #expect(!PrometheusLint("edgesim_x 1\n").problems.isEmpty)  // no HELP/TYPE
        #expect(!PrometheusLint("# HELP a x\n# TYPE a counter\na{l=\"unterminated} 1\n").problems.isEmpty)
        #expect(!PrometheusLint("# HELP a x\n# TYPE a counter\na 1\na 2\n").problems.isEmpty)  // duplicate
        let histogram = "# HELP h x\n# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n"
        #expect(!PrometheusLint(histogram).problems.isEmpty)  // decreasing buckets
        #expect(PrometheusLint("# HELP a x\n# TYPE a gauge\na{l=\"q\\\"\\\\\\n\"} 0.5\n").problems == [])
    }

    @Test func accessLogCountersAreExposed() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("prom-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let writer = try AccessLogWriter(configuration: .init(directory: directory, stripeCount: 1))
        writer.record(Events.make(.hit))
        writer.close()
        let lint = PrometheusLint(writer.prometheusText())
        #expect(lint.problems == [])
        #expect(lint.value("edgesim_access_log_lines_total", [:]) == 1)
        #expect(lint.value("edgesim_access_log_files_total", [:]) == 1)
        #expect(lint.value("edgesim_access_log_dropped_lines_total", [:]) == 0)
    }

    /// The reference parser: Python's prometheus_client (`pip install prometheus-client`; CI installs it).
    @Test func prometheusClientParsesIt() throws {
        let text = Self.statistics().prometheusText()
        let script = """
            import json, sys
            from prometheus_client.parser import text_string_to_metric_families
            out = []
            for family in text_string_to_metric_families(sys.stdin.read()):
                for sample in family.samples:
                    out.append([family.name, family.type, sample.name, sample.labels, sample.value])
            print(json.dumps(out))
            """
        let (status, output, errors) = try Self.run(["python3", "-c", script], input: text)
        try #require(status == 0, "python3 with prometheus_client failed (pip install prometheus-client): \(errors)")
        let rows = try #require(JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[Any]])
        func value(_ sample: String, _ labels: [String: String]) -> Double? {
            rows.first { ($0[2] as? String) == sample && ($0[3] as? [String: String]) == labels }.flatMap { $0[4] as? Double }
        }
        let labels = Self.labels
        // prometheus_client names counter families without _total and keeps the sample name.
        #expect(rows.contains { ($0[0] as? String) == "edgesim_requests" && ($0[1] as? String) == "counter" })
        #expect(value("edgesim_requests_total", labels.merging(["result": "Miss"]) { $1 }) == 1)
        #expect(value("edgesim_cache_hit_ratio", labels) == 0.6)
        #expect(rows.contains { ($0[0] as? String) == "edgesim_request_duration_seconds" && ($0[1] as? String) == "histogram" })
        #expect(value("edgesim_request_duration_seconds_bucket", labels.merging(["result": "Miss", "le": "0.05"]) { $1 }) == 1)
        #expect(
            value(
                "edgesim_cache_requests_total",
                ["distribution": "E1", "behavior": #"/odd"\path*"#, "pop": "IAD89-P1", "tier": "edge", "outcome": "uncacheable"]
            ) == 1
        )
    }

    static func run(_ arguments: [String], input: String) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
    }
}
