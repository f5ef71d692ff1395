import NIOConcurrencyHelpers
import Telemetry

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The compact line per request `edgesim serve` prints unless `--quiet`:
/// `GET https://app.edgesim.test/shows/42 200 Hit 1013B 0.4ms IAD89-P1`.
final class ConsoleRequestLog: RequestObserver {
    private let lock = NIOLock()

    func record(_ event: RequestEvent) {
        let millis = (event.durationSeconds * 10_000).rounded() / 10
        let line =
            "\(event.method) \(event.protocolName)://\(event.host)\(event.uri) \(event.status) \(event.result) \(event.bytesSent)B \(millis)ms \(event.pop)\n"
        // One write(2) per line, under a lock so lines from different event loops never interleave.
        lock.withLock {
            var line = line
            line.withUTF8 { bytes in _ = write(STDOUT_FILENO, bytes.baseAddress, bytes.count) }
        }
    }
}
