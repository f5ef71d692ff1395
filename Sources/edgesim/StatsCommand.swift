import ArgumentParser
import Foundation
import Telemetry

/// `edgesim stats`: the live statistics of a running server, per distribution, behaviour and POP, as a table.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Print a running server's cache statistics (hit ratio, byte hit ratio, latency) as a table.",
        discussion: "Reads http://HOST:CONTROL-PORT/_edgesim/stats; --json prints that document as it is."
    )

    @Option(help: "The address `serve` binds to.")
    var host = "127.0.0.1"

    @Option(name: .customLong("control-port"), help: "The control port `serve` uses.")
    var controlPort = 4566

    @Flag(help: "Print the statistics document as JSON.")
    var json = false

    func run() async throws {
        let (status, body) = try await ControlPortClient(host: host, port: controlPort).send(.GET, "/_edgesim/stats")
        guard status == 200 else { throw ControlPortClient.Failure(description: "/_edgesim/stats answered \(status): \(body)") }
        if json {
            print(body)
        } else {
            print(StatsTable.render(try EdgeStatistics.snapshot(fromJSON: Data(body.utf8))), terminator: "")
        }
    }
}
