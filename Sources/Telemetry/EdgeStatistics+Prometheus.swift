extension EdgeStatistics {
    /// The `Content-Type` of ``prometheusText()``.
    public static let prometheusContentType = PrometheusText.contentType

    /// The `/metrics` page: Prometheus text exposition 0.0.4, written from the striped counters.
    ///
    /// swift-prometheus's registry is not used on purpose: its counters are one atomic per label set shared by
    /// every event loop, looking a label set up takes the registry lock, and its histograms record under a lock,
    /// where ``record(_:)`` needs an uncontended stripe. Families (labels `distribution`, `behavior`, `pop`,
    /// `tier`; `result` is the `x-edge-result-type`):
    /// - `edgesim_requests_total{…,result}` counter
    /// - `edgesim_cache_requests_total{…,outcome}` counter: `hit`, `refresh_hit`, `miss`, `uncacheable`,
    ///   `error`, `redirect` as ``TrafficCounts`` classes them
    /// - `edgesim_bytes_served_total`, `edgesim_bytes_from_hits_total`, `edgesim_bytes_from_misses_total`,
    ///   `edgesim_origin_requests_total`, `edgesim_origin_bytes_total` counters
    /// - `edgesim_cache_hit_ratio`, `edgesim_cache_byte_hit_ratio`, `edgesim_origin_offload_ratio` gauges
    ///   (absent while undefined)
    /// - `edgesim_request_duration_seconds{…,result}` histogram (100 µs to 10 s)
    public func prometheusText() -> String {
        let merged = merge()
        var output = PrometheusText()
        let order = merged.orderedSeries
        let labels = order.map { index -> [(String, String)] in
            let key = merged.keys[index]
            return [("distribution", key.distribution), ("behavior", key.behavior), ("pop", key.pop), ("tier", key.tier.rawValue)]
        }
        let counters = order.map { merged.counters[$0] }

        output.family("edgesim_requests_total", type: "counter", help: "Viewer requests by x-edge-result-type.")
        for (series, labels) in labels.enumerated() {
            for result in RequestEvent.ResultType.ordered {
                let count = counters[series].latency[result.index].count
                if count > 0 { output.sample("edgesim_requests_total", labels + [("result", result.rawValue)], count) }
            }
        }

        output.family(
            "edgesim_cache_requests_total",
            type: "counter",
            help: "Viewer requests by cache outcome; hit ratio = hit / (hit + refresh_hit + miss), CloudFront's CacheHitRate."
        )
        for (series, labels) in labels.enumerated() {
            let traffic = counters[series].traffic
            let outcomes = [
                ("hit", traffic.hits), ("refresh_hit", traffic.refreshHits), ("miss", traffic.misses),
                ("uncacheable", traffic.uncacheable), ("error", traffic.errors), ("redirect", traffic.redirects),
            ]
            for (outcome, count) in outcomes {
                output.sample("edgesim_cache_requests_total", labels + [("outcome", outcome)], count)
            }
        }

        let byteFamilies: [(String, String, KeyPath<TrafficCounts, Int>)] = [
            ("edgesim_bytes_served_total", "Bytes sent to viewers (sc-bytes), all requests.", \.bytesServed),
            ("edgesim_bytes_from_hits_total", "Bytes of Hit and RefreshHit responses, served from the cache.", \.bytesFromHits),
            ("edgesim_bytes_from_misses_total", "Bytes of cacheable Miss responses (CloudFront's BytesFromMisses).", \.bytesFromMisses),
            ("edgesim_origin_requests_total", "Requests that reached the origin (misses, passes, origin errors, refresh hits).", \.originRequests),
            ("edgesim_origin_bytes_total", "Bytes of responses whose body came from the origin: origin egress.", \.originBytes),
        ]
        for (name, help, field) in byteFamilies {
            output.family(name, type: "counter", help: help)
            for (series, labels) in labels.enumerated() {
                output.sample(name, labels, counters[series].traffic[keyPath: field])
            }
        }

        let ratioFamilies: [(String, String, KeyPath<TrafficCounts, Double?>)] = [
            ("edgesim_cache_hit_ratio", "hits / (hits + refresh hits + misses) over cacheable requests, CloudFront's CacheHitRate.", \.hitRatio),
            ("edgesim_cache_byte_hit_ratio", "bytes from hits / (bytes from hits + bytes from misses).", \.byteHitRatio),
            ("edgesim_origin_offload_ratio", "1 - origin requests / viewer requests.", \.originOffload),
        ]
        for (name, help, field) in ratioFamilies {
            output.family(name, type: "gauge", help: help)
            for (series, labels) in labels.enumerated() {
                if let ratio = counters[series].traffic[keyPath: field] { output.sample(name, labels, ratio) }
            }
        }

        let histogram = "edgesim_request_duration_seconds"
        output.family(
            histogram,
            type: "histogram",
            help: "time-taken: from the request's arrival to the response's last byte, by x-edge-result-type."
        )
        for (series, labels) in labels.enumerated() {
            for result in RequestEvent.ResultType.ordered {
                let latency = counters[series].latency[result.index]
                guard latency.count > 0 else { continue }
                let withResult = labels + [("result", result.rawValue)]
                let cumulative = latency.cumulativePrometheusCounts
                for (slot, bound) in LatencyHistogram.prometheusBoundLabels.enumerated() {
                    output.sample(histogram + "_bucket", withResult + [("le", bound)], cumulative[slot])
                }
                output.sample(histogram + "_bucket", withResult + [("le", "+Inf")], latency.count)
                output.sample(histogram + "_sum", withResult, Double(latency.sumMicros) / 1_000_000)
                output.sample(histogram + "_count", withResult, latency.count)
            }
        }
        return output.text
    }
}
