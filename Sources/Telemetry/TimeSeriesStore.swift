/// One second of one series: what the dashboard's hit-ratio charts plot.
struct SecondCounts: Sendable, Hashable {
    var second = Int.min
    var requests = 0
    var hits = 0
    var refreshHits = 0
    var misses = 0
    var bytesFromHits = 0
    var bytesFromMisses = 0

    @inline(__always)
    mutating func add(_ event: RequestEvent) {
        requests &+= 1
        switch TrafficCounts.Outcome(event) {
        case .hit:
            hits &+= 1
            bytesFromHits &+= event.bytesSent
        case .refreshHit:
            refreshHits &+= 1
            bytesFromHits &+= event.bytesSent
        case .miss:
            misses &+= 1
            bytesFromMisses &+= event.bytesSent
        case .uncacheable, .error, .redirect:
            break
        }
    }

    mutating func add(_ other: SecondCounts) {
        requests &+= other.requests
        hits &+= other.hits
        refreshHits &+= other.refreshHits
        misses &+= other.misses
        bytesFromHits &+= other.bytesFromHits
        bytesFromMisses &+= other.bytesFromMisses
    }
}

/// The last `window` seconds of every series, one ring of per-second buckets each. Stripes add whole seconds
/// (at most once a second each), so its lock is seldom taken.
struct TimeSeriesStore: Sendable {
    let window: Int
    private var rings: ContiguousArray<ContiguousArray<SecondCounts>> = []

    init(window: Int) {
        self.window = max(1, window)
    }

    /// Adds a second's counts; a second older than the one its slot now holds has left the window and is dropped.
    mutating func add(_ counts: SecondCounts, series: Int) {
        while rings.count <= series { rings.append([]) }
        if rings[series].isEmpty { rings[series] = ContiguousArray(repeating: SecondCounts(), count: window) }
        let slot = ((counts.second % window) + window) % window
        let held = rings[series][slot].second
        if held == counts.second {
            rings[series][slot].add(counts)
        } else if held < counts.second {
            rings[series][slot] = counts
        }
    }

    /// The seconds in `(now − window, now]` with traffic, oldest first.
    func seconds(series: Int, now: Int) -> [SecondCounts] {
        guard series < rings.count else { return [] }
        return rings[series].filter { $0.second > now - window && $0.second <= now && $0.requests > 0 }.sorted { $0.second < $1.second }
    }
}
