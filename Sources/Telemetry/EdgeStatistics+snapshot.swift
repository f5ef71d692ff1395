import Foundation

/// The stripes merged: what every reader starts from.
struct MergedStatistics {
    var keys: [SeriesKey]
    var counters: [SeriesCounters]
    var hotObjects: [HotObjects.Entry]

    /// Series indices ordered by distribution, behaviour, POP and tier, so output is stable.
    var orderedSeries: [Int] {
        keys.indices.sorted { left, right in
            let (a, b) = (keys[left], keys[right])
            if a.distribution != b.distribution { return a.distribution < b.distribution }
            if a.behavior != b.behavior { return a.behavior < b.behavior }
            if a.pop != b.pop { return a.pop < b.pop }
            return a.tier.rawValue < b.tier.rawValue
        }
    }
}

extension EdgeStatistics {
    /// Merges every stripe; finished and current seconds go to the shared time series on the way.
    func merge() -> MergedStatistics {
        var counters: [SeriesCounters] = []
        var hot: [HotObjects.Entry] = []
        for stripe in stripes {
            stripe.state.withLock { state in
                state.flush(into: timeSeries)
                while counters.count < state.counters.count { counters.append(SeriesCounters()) }
                for (index, series) in state.counters.enumerated() { counters[index] += series }
                hot.append(contentsOf: state.hotObjects.heap)
            }
        }
        // Read after the stripes, so every index a stripe used has its key.
        let keys = registry.withLock { $0.keys }
        while counters.count < keys.count { counters.append(SeriesCounters()) }
        return MergedStatistics(keys: keys, counters: counters, hotObjects: hot)
    }

    /// Everything counted so far, with the time series up to `now` (epoch seconds; the clock's now by default).
    public func snapshot(now: Double? = nil) -> StatisticsSnapshot {
        let merged = merge()
        let now = now ?? clock()
        let nowSecond = Int(now.rounded(.down))
        var totals = SeriesCounters()
        var series: [SeriesStatistics] = []
        var timelines: [SeriesTimeline] = []
        let windows = timeSeries.withLock { store in merged.orderedSeries.map { store.seconds(series: $0, now: nowSecond) } }
        for (position, index) in merged.orderedSeries.enumerated() {
            let key = merged.keys[index]
            let counters = merged.counters[index]
            totals += counters
            let summary = Self.summary(counters)
            series.append(
                SeriesStatistics(
                    distribution: key.distribution,
                    behavior: key.behavior,
                    pop: key.pop,
                    tier: key.tier.rawValue,
                    traffic: summary.traffic,
                    latency: summary.latency,
                    latencyByResult: summary.latencyByResult
                )
            )
            let points = windows[position].map {
                TimelinePoint(
                    second: $0.second,
                    requests: $0.requests,
                    hits: $0.hits,
                    refreshHits: $0.refreshHits,
                    misses: $0.misses,
                    bytesFromHits: $0.bytesFromHits,
                    bytesFromMisses: $0.bytesFromMisses
                )
            }
            timelines.append(
                SeriesTimeline(distribution: key.distribution, behavior: key.behavior, pop: key.pop, tier: key.tier.rawValue, points: points)
            )
        }
        return StatisticsSnapshot(
            generatedAt: now,
            startedAt: startedAt,
            windowSeconds: configuration.windowSeconds,
            totals: Self.summary(totals),
            series: series,
            timeSeries: timelines,
            hotObjects: HotObjects.merged(merged.hotObjects, limit: configuration.hotObjectsShown),
            invalidations: invalidations.withLock { $0 }
        )
    }

    /// The `/_edgesim/stats` document: ``snapshot(now:)`` as JSON with sorted keys (see ``StatisticsSnapshot``).
    public func jsonDocument(now: Double? = nil) -> String {
        Self.json(snapshot(now: now))
    }

    /// A snapshot as the stats document (sorted keys, unescaped slashes).
    public static func json(_ snapshot: StatisticsSnapshot) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain numbers, strings and arrays cannot fail; non-finite doubles never occur (ratios
        // have non-zero denominators and latencies are whole microseconds).
        let data = (try? encoder.encode(snapshot)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads a stats document (what `edgesim stats` fetches from a running server).
    public static func snapshot(fromJSON data: Data) throws -> StatisticsSnapshot {
        try JSONDecoder().decode(StatisticsSnapshot.self, from: data)
    }

    static func summary(_ counters: SeriesCounters) -> TrafficSummary {
        var byResult: [String: LatencyPercentiles] = [:]
        for result in RequestEvent.ResultType.ordered where counters.latency[result.index].count > 0 {
            byResult[result.rawValue] = counters.latency[result.index].percentiles
        }
        return TrafficSummary(traffic: counters.traffic, latency: counters.overallLatency.percentiles, latencyByResult: byResult)
    }
}
