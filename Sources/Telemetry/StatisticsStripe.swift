import Synchronization

/// Everything counted for one series in one stripe.
struct SeriesCounters: Sendable {
    var traffic = TrafficCounts()
    /// Response times by `x-edge-result-type`, in ``RequestEvent/ResultType/index`` order; each one's count is
    /// the number of requests with that result.
    var latency = ContiguousArray(repeating: LatencyHistogram(), count: RequestEvent.ResultType.allCases.count)

    @inline(__always)
    mutating func add(_ event: RequestEvent) {
        traffic.add(event)
        latency[event.result.index].record(seconds: event.durationSeconds)
    }

    static func += (lhs: inout SeriesCounters, rhs: SeriesCounters) {
        lhs.traffic += rhs.traffic
        for index in 0..<lhs.latency.count { lhs.latency[index] += rhs.latency[index] }
    }

    /// All result types together.
    var overallLatency: LatencyHistogram {
        var all = LatencyHistogram()
        for histogram in latency { all += histogram }
        return all
    }
}

/// One stripe's share of the statistics: what the threads hashing to it recorded. Indexed by the registry's
/// series numbers, so stripes merge element by element.
struct StatisticsStripeState: Sendable {
    /// This stripe's copy of the registry lookups, so the shared registry is locked only for a new series.
    var seriesIndex: [SeriesKey: Int] = [:]
    /// A few recently used series, replaced round robin: a thread serves a handful of POPs and behaviours, and
    /// comparing keys whose strings share storage is cheaper than hashing them.
    var recent: [(key: SeriesKey, index: Int)] = []
    var nextRecent = 0
    var counters: ContiguousArray<SeriesCounters> = []
    /// The second being gathered before it goes to the shared time series.
    var pendingSecond = Int.min
    var pending: ContiguousArray<SecondCounts> = []
    /// Series with counts in ``pending``.
    var touched: ContiguousArray<Int> = []
    var hotObjects: HotObjects

    init(hotObjectCapacity: Int) {
        hotObjects = HotObjects(capacity: hotObjectCapacity)
        recent.reserveCapacity(Self.recentCapacity)
    }

    @inline(__always)
    mutating func index(of key: SeriesKey, registry: borrowing Mutex<SeriesRegistry>) -> Int {
        for entry in recent where entry.key == key { return entry.index }
        let index: Int
        if let known = seriesIndex[key] {
            index = known
        } else {
            index = registry.withLock { $0.index(of: key) }
            seriesIndex[key] = index
            while counters.count <= index {
                counters.append(SeriesCounters())
                pending.append(SecondCounts())
            }
        }
        if recent.count < Self.recentCapacity {
            recent.append((key, index))
        } else {
            recent[nextRecent] = (key, index)
            nextRecent = (nextRecent + 1) % Self.recentCapacity
        }
        return index
    }

    static let recentCapacity = 4

    /// Counts the event in its second; when the second changes, the finished one goes to the shared store.
    @inline(__always)
    mutating func addToTimeSeries(_ event: RequestEvent, series: Int, second: Int, store: borrowing Mutex<TimeSeriesStore>) {
        if second != pendingSecond {
            flush(into: store)
            pendingSecond = second
        }
        if pending[series].requests == 0 {
            pending[series].second = second
            touched.append(series)
        }
        pending[series].add(event)
    }

    mutating func flush(into store: borrowing Mutex<TimeSeriesStore>) {
        guard !touched.isEmpty else { return }
        store.withLock { store in
            for series in touched { store.add(pending[series], series: series) }
        }
        for series in touched { pending[series] = SecondCounts() }
        touched.removeAll(keepingCapacity: true)
    }
}

/// A stripe: its state behind its own lock.
final class StatisticsStripe: Sendable {
    let state: Mutex<StatisticsStripeState>

    init(hotObjectCapacity: Int) {
        state = Mutex(StatisticsStripeState(hotObjectCapacity: hotObjectCapacity))
    }
}
