import Eviction

extension ReplayReport {
    /// How reports name a policy: Belady is the optimum (OPT) only when sizes do not count.
    static func name(of policy: EvictionPolicyKind, countsObjects: Bool) -> String {
        guard policy == .belady else { return policy.displayName }
        return countsObjects ? "Belady (OPT)" : "Belady (size-blind)"
    }

    /// A run's capacity as `1% (965 objects)` or `100 MB`.
    static func capacityText(_ run: ReplayRun) -> String {
        let resolved = run.capacityUnit == "objects" ? "\(ByteCount.grouped(run.capacity)) objects" : ByteCount.format(run.capacity)
        return run.capacityLabel.hasSuffix("%") ? "\(run.capacityLabel) (\(resolved))" : resolved
    }

    static func ratio(_ value: Double?) -> String {
        value.map { ByteCount.decimals($0, 4) } ?? "-"
    }

    /// The summary lines and one table row per run: object and byte miss ratios, hits and misses,
    /// and the tiers' figures when there is a regional cache.
    public func text() -> String {
        var lines = summaryLines()
        lines.append("")
        var header = ["policy", "capacity", "miss ratio", "byte miss ratio", "hits", "misses"]
        let showsUncacheable = runs.contains { $0.edge.uncacheable > 0 }
        if showsUncacheable { header.append("uncacheable") }
        if regionalCapacity != nil { header += ["regional hit ratio", "origin offload"] }
        header.append("Mreq/s")
        var rows = [header]
        for run in runs {
            var row = [
                run.policyName, Self.capacityText(run), Self.ratio(run.edge.missRatio), Self.ratio(run.edge.byteMissRatio),
                ByteCount.grouped(run.edge.hits), ByteCount.grouped(run.edge.misses),
            ]
            if showsUncacheable { row.append(ByteCount.grouped(run.edge.uncacheable)) }
            if regionalCapacity != nil { row += [Self.ratio(run.regional?.hitRatio), Self.ratio(run.origin.offload)] }
            row.append(ByteCount.decimals(run.requestsPerSecond / 1e6, 1))
            rows.append(row)
        }
        lines += Self.align(rows, leftColumns: 2)
        return lines.joined(separator: "\n") + "\n"
    }

    func summaryLines() -> [String] {
        var lines = ["Trace: \(trace.source)"]
        var requests = "  \(ByteCount.grouped(trace.requests)) requests"
        if trace.warmupRequests > 0 {
            requests += " (\(ByteCount.grouped(trace.warmupRequests)) warm-up, \(ByteCount.grouped(trace.measuredRequests)) measured)"
        }
        requests += ", \(ByteCount.grouped(trace.distinctObjects)) objects, working set \(ByteCount.format(trace.workingSetBytes))"
        lines.append(requests)
        let floor = trace.measuredRequests > 0 ? Double(trace.compulsoryMisses) / Double(trace.measuredRequests) : 0
        lines.append("  compulsory misses \(ByteCount.grouped(trace.compulsoryMisses)) (\(ByteCount.decimals(floor, 4)) of measured requests)")
        var setup = countsObjects ? "  capacity in objects (every size taken as 1)" : "  capacity in bytes"
        setup += ", \(pops.count) POP\(pops.count == 1 ? "" : "s")"
        if let regionalCapacity { setup += ", regional tier \(regionalCapacity)" }
        lines.append(setup)
        if let logged = trace.logged {
            lines.append(
                "  as logged: \(ByteCount.grouped(logged.hits)) hits, \(ByteCount.grouped(logged.refreshHits)) refresh hits, "
                    + "\(ByteCount.grouped(logged.misses)) misses, \(ByteCount.grouped(logged.errors)) errors; "
                    + "hit ratio \(Self.ratio(logged.hitRatio))"
            )
        }
        return lines
    }

    /// Pads columns: the first `leftColumns` left-aligned, the rest right-aligned.
    static func align(_ rows: [[String]], leftColumns: Int) -> [String] {
        guard let columns = rows.map(\.count).max() else { return [] }
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column < leftColumns ? cell + padding : padding + cell
            }
            .joined(separator: "  ")
            .trimmingTrailingSpaces
        }
    }
}
