/// The text table `edgesim stats` prints: one row per distribution, behaviour, POP and tier, then the total.
///
/// ```
/// DISTRIBUTION    BEHAVIOR  POP       TIER  REQUESTS  HIT RATIO  BYTE HIT RATIO     P50     P99
/// E2QWRUHEXAMPLE  *         IAD89-P1  edge       120      87.5%           91.2%  0.42ms  3.10ms
/// total                                          120      87.5%           91.2%  0.42ms  3.10ms
/// ```
/// Text columns are left-aligned, numbers right-aligned, two spaces apart; a ratio without cacheable requests
/// and a latency without requests print `-`.
public enum StatsTable {
    public static func render(_ snapshot: StatisticsSnapshot) -> String {
        let header = ["DISTRIBUTION", "BEHAVIOR", "POP", "TIER", "REQUESTS", "HIT RATIO", "BYTE HIT RATIO", "P50", "P99"]
        let numeric = [false, false, false, false, true, true, true, true, true]
        var rows = [header]
        for series in snapshot.series {
            rows.append(
                [series.distribution, series.behavior, series.pop, series.tier]
                    + cells(series.traffic, series.latency)
            )
        }
        rows.append(["total", "", "", ""] + cells(snapshot.totals.traffic, snapshot.totals.latency))
        var widths = Array(repeating: 0, count: header.count)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        var output = ""
        for row in rows {
            var line = ""
            for (column, cell) in row.enumerated() {
                if column > 0 { line += "  " }
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                line += numeric[column] ? padding + cell : cell + padding
            }
            while line.last == " " { line.removeLast() }
            output += line + "\n"
        }
        return output
    }

    private static func cells(_ traffic: TrafficCounts, _ latency: LatencyPercentiles) -> [String] {
        [
            String(traffic.requests), percent(traffic.hitRatio), percent(traffic.byteHitRatio), duration(latency.p50Seconds),
            duration(latency.p99Seconds),
        ]
    }

    /// `87.5%`, one decimal.
    static func percent(_ ratio: Double?) -> String {
        guard let ratio else { return "-" }
        return fixed(ratio * 100, decimals: 1) + "%"
    }

    /// `0.42ms`, `12.5ms`, `340ms`, `1.25s`.
    static func duration(_ seconds: Double?) -> String {
        guard let seconds else { return "-" }
        if seconds >= 1 { return fixed(seconds, decimals: 2) + "s" }
        let millis = seconds * 1_000
        return fixed(millis, decimals: millis < 10 ? 2 : millis < 100 ? 1 : 0) + "ms"
    }

    /// `value` rounded half away from zero to `decimals` places, without Foundation's formatters.
    static func fixed(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((abs(value) * scale).rounded())
        let whole = scaled / Int(scale)
        let fraction = scaled % Int(scale)
        var text = (value < 0 && scaled > 0 ? "-" : "") + String(whole)
        if decimals > 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: decimals - digits.count) + digits
        }
        return text
    }
}
