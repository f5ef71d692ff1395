import Eviction

extension ReplayReport {
    /// A self-contained HTML page (no scripts, no external files): the trace summary, miss-ratio curves
    /// for objects and bytes as inline SVG (OPT dashed where it is computable, i.e. in object mode),
    /// and the full results table.
    public func html() -> String {
        let objectChart = chart(title: "Object miss ratio", ratio: \.missRatio)
        let byteChart = chart(title: "Byte miss ratio", ratio: \.byteMissRatio)
        var page = [
            "<!DOCTYPE html>",
            "<html lang=\"en\"><head><meta charset=\"utf-8\">",
            "<title>EdgeSim replay: \(HTML.escape(trace.source))</title>",
            "<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin-top:1em}"
                + "th,td{padding:4px 10px;border-bottom:1px solid #ddd}td.n{text-align:right;font-variant-numeric:tabular-nums}"
                + "th{text-align:left;background:#f4f4f4}pre{background:#f8f8f8;padding:1em}figure{margin:1.5em 0}</style>",
            "</head><body>",
            "<h1>Edge cache hit rates</h1>",
            "<pre>\(HTML.escape(summaryLines().joined(separator: "\n")))</pre>",
            "<figure>\(objectChart)</figure>",
            "<figure>\(byteChart)</figure>",
        ]
        if !countsObjects && runs.contains(where: { $0.policy == .belady }) {
            page.append(
                "<p>Belady with variable sizes only evicts by furthest next use: a heuristic, not a bound, so it is in the table but not the curves.</p>"
            )
        }
        page.append(resultsTable())
        page.append("</body></html>")
        return page.joined(separator: "\n") + "\n"
    }

    private func chart(title: String, ratio: KeyPath<CacheStatistics, Double?>) -> String {
        var series: [MissRatioChart.Series] = []
        var labels: [Double: String] = [:]
        for run in runs {
            labels[Double(run.capacity)] = run.capacityLabel.hasSuffix("%") ? run.capacityLabel : Self.capacityText(run)
        }
        var order: [EvictionPolicyKind] = []
        for run in runs where !order.contains(run.policy) { order.append(run.policy) }
        for policy in order {
            if policy == .belady && !countsObjects { continue }
            let points = runs.filter { $0.policy == policy }.compactMap { run in
                run.edge[keyPath: ratio].map { (x: Double(run.capacity), y: $0) }
            }
            guard !points.isEmpty else { continue }
            series.append(.init(name: Self.name(of: policy, countsObjects: countsObjects), points: points, dashed: policy == .belady))
        }
        let unit = countsObjects ? "cache size per POP (objects)" : "cache size per POP (bytes)"
        return MissRatioChart(title: title, xLabel: unit, series: series, tickLabels: labels).svg()
    }

    private func resultsTable() -> String {
        var header = [
            "policy", "capacity", "requests", "hits", "misses", "uncacheable", "miss ratio", "byte miss ratio", "hit ratio",
            "byte hit ratio", "served from cache",
        ]
        if regionalCapacity != nil { header += ["regional hit ratio", "origin offload", "byte origin offload"] }
        var rows = ["<table>", "<tr>" + header.map { "<th>\(HTML.escape($0))</th>" }.joined() + "</tr>"]
        for run in runs {
            var cells = [
                run.policyName, Self.capacityText(run), ByteCount.grouped(run.edge.requests), ByteCount.grouped(run.edge.hits),
                ByteCount.grouped(run.edge.misses), ByteCount.grouped(run.edge.uncacheable), Self.ratio(run.edge.missRatio),
                Self.ratio(run.edge.byteMissRatio), Self.ratio(run.edge.hitRatio), Self.ratio(run.edge.byteHitRatio),
                Self.ratio(run.edge.servedFromCacheRatio),
            ]
            if regionalCapacity != nil {
                cells += [Self.ratio(run.regional?.hitRatio), Self.ratio(run.origin.offload), Self.ratio(run.origin.byteOffload)]
            }
            let row = cells.enumerated().map { column, cell in
                column < 2 ? "<td>\(HTML.escape(cell))</td>" : "<td class=\"n\">\(HTML.escape(cell))</td>"
            }
            rows.append("<tr>" + row.joined() + "</tr>")
        }
        rows.append("</table>")
        return rows.joined(separator: "\n")
    }
}
