import Foundation
import Testing

@testable import Telemetry

@Suite("Dashboard page")
struct DashboardTests {
    @Test func selfContainedWithTheTestIDs() {
        let html = Dashboard.html
        #expect(html.contains("<title>EdgeSim dashboard</title>"))
        // No external script, style, image or font: only the SVG namespace URI names another origin.
        #expect(!html.contains("src="))
        #expect(!html.contains("<link"))
        #expect(!html.contains("@import"))
        #expect(html.components(separatedBy: "http").count - 1 == 1)
        #expect(html.contains(#"fetch("/_edgesim/stats""#))
        for testID in ["hit-ratio-chart", "byte-hit-ratio-chart", "series-table", "hot-objects-table", "invalidations-table", "status"] {
            #expect(html.contains("data-testid=\"\(testID)\""), "\(testID)")
        }
        // Viewer-controlled text never goes through innerHTML.
        #expect(!html.contains("innerHTML"))
    }

    /// Headless Chromium loads the page from a static server that also serves a stats document at
    /// `/_edgesim/stats`, runs its script, and the rendered DOM shows the charts' lines and the tables' rows.
    @Test func rendersInHeadlessChromium() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dashboard-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("_edgesim")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let now = Date().timeIntervalSince1970.rounded(.down)
        let statistics = EdgeStatistics(configuration: .init(stripeCount: 1), clock: { now })
        for second in 0..<30 {
            let time = now - 29 + Double(second)
            statistics.record(Events.make(.hit, bytes: 900, uri: "/assets/app.js", time: time))
            statistics.record(Events.make(second % 3 == 0 ? .miss : .hit, bytes: 100, uri: "/index.html", time: time))
            statistics.record(Events.make(.miss, bytes: 500, uri: "/<script>alert(1)</script>", pop: "LHR61-P2", time: time))
        }
        statistics.recordInvalidation(InvalidationRecord(id: "I2J0I21PCUYOIK", distribution: "E1", paths: ["/index.html"], createTime: now - 5))
        try Data(Dashboard.html.utf8).write(to: folder.appendingPathComponent("index.html"))
        try Data(statistics.jsonDocument().utf8).write(to: folder.appendingPathComponent("stats"))

        let server = try StaticServer(root: root.path)
        defer { server.stop() }
        let dom = try Self.chromium("http://127.0.0.1:\(server.port)/_edgesim/")
        #expect(dom.contains("<title>EdgeSim dashboard</title>"))
        // One line per series in each chart (IAD89-P1 and LHR61-P2).
        let lines = dom.components(separatedBy: "data-testid=\"series-line\"").count - 1
        #expect(lines == 4, "\(dom.prefix(4_000))")
        #expect(dom.contains("data-series=\"E1 * @ IAD89-P1\""))
        #expect(dom.contains("data-testid=\"total-requests\">90<"))
        // The hot objects table lists the paths as text: the script tag in a path is escaped, not run.
        #expect(dom.contains("/assets/app.js"))
        #expect(dom.contains("/&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(dom.contains("I2J0I21PCUYOIK"))
        #expect(dom.contains("updated "))
        // The screenshot CI keeps: a PNG of the rendered page.
        let picture = root.appendingPathComponent("dashboard.png")
        _ = try Self.chromium("http://127.0.0.1:\(server.port)/_edgesim/", "--window-size=1280,1000", "--screenshot=\(picture.path)")
        let png = try Data(contentsOf: picture)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(png.count > 20_000)
    }

    /// Runs headless Chromium on `url`; with no other option it prints the DOM after the page's scripts ran.
    static func chromium(_ url: String, _ options: String...) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=5000"]
            + (options.isEmpty ? ["--dump-dom"] : options) + [url]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "chromium exited with \(process.terminationStatus)")
        return String(decoding: data, as: UTF8.self)
    }
}

/// `python3 -m http.server` on a free loopback port, serving a folder; stopped by the test.
final class StaticServer: Sendable {
    let port: Int
    private let process: Process

    init(root: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", root]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // "Serving HTTP on 127.0.0.1 port 40123 (http://127.0.0.1:40123/) ..."
        var seen = ""
        var port: Int?
        while port == nil {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            seen += String(decoding: chunk, as: UTF8.self)
            if let range = seen.range(of: #"port (\d+)"#, options: .regularExpression) {
                port = Int(seen[range].dropFirst(5))
            }
        }
        guard let port else {
            kill(process.processIdentifier, SIGKILL)
            throw StaticServerError(output: seen)
        }
        self.port = port
        self.process = process
    }

    /// SIGKILL: a child of the test runner may inherit SIGTERM ignored.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

struct StaticServerError: Error, CustomStringConvertible {
    var output: String
    var description: String { "python3 -m http.server did not report its port: \(output)" }
}
