import Foundation
import Synchronization

/// Live statistics of the edge, per distribution, behaviour, POP and tier: CloudWatch's part of EdgeSim.
///
/// `record` runs on the event loop after every response. It takes the calling thread's stripe lock (uncontended:
/// threads hash to stripes), finds the series in the stripe's own table, adds to counters, a latency histogram,
/// the current second and the hottest-objects summary, and returns; in the steady state it allocates nothing.
/// Readers (``snapshot(now:)``, ``jsonDocument(now:)``, ``prometheusText()``) merge the stripes.
public final class EdgeStatistics: RequestObserver {
    /// How much history and detail to keep.
    public struct Configuration: Sendable {
        /// Seconds of per-second history the dashboard can draw.
        public var windowSeconds: Int
        /// Objects each stripe's space-saving summary tracks; larger is more exact.
        public var hotObjectCapacity: Int
        /// Hottest objects a snapshot lists.
        public var hotObjectsShown: Int
        /// Invalidations a snapshot lists.
        public var invalidationsKept: Int
        /// Lock stripes; `nil` picks twice the processor count. Tests pin it to exercise sharing.
        public var stripeCount: Int?

        public init(
            windowSeconds: Int = 600,
            hotObjectCapacity: Int = 128,
            hotObjectsShown: Int = 20,
            invalidationsKept: Int = 20,
            stripeCount: Int? = nil
        ) {
            self.windowSeconds = windowSeconds
            self.hotObjectCapacity = hotObjectCapacity
            self.hotObjectsShown = hotObjectsShown
            self.invalidationsKept = invalidationsKept
            self.stripeCount = stripeCount
        }
    }

    public let configuration: Configuration
    /// When counting began, in epoch seconds.
    public let startedAt: Double
    let stripes: [StatisticsStripe]
    let registry = Mutex(SeriesRegistry())
    let timeSeries: Mutex<TimeSeriesStore>
    let invalidations = Mutex<[InvalidationRecord]>([])
    let clock: @Sendable () -> Double

    /// - Parameter clock: epoch seconds now; snapshots use it for `generatedAt` and the time-series window.
    public init(configuration: Configuration = .init(), clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.configuration = configuration
        self.clock = clock
        self.startedAt = clock()
        self.timeSeries = Mutex(TimeSeriesStore(window: configuration.windowSeconds))
        self.stripes = (0..<ThreadStripe.count(configuration.stripeCount)).map { _ in
            StatisticsStripe(hotObjectCapacity: configuration.hotObjectCapacity)
        }
    }

    public func record(_ event: RequestEvent) {
        let key = SeriesKey(event)
        let end = event.endTime
        let second = end.isFinite ? Int(end.rounded(.down)) : 0
        let distribution = key.distribution
        let path = HotObjects.path(of: event.uri)
        let objectKey = HotObjects.key(distribution: distribution, path: path)
        let stripe = stripes[ThreadStripe.index(count: stripes.count)]
        stripe.state.withLock { state in
            let series = state.index(of: key, registry: registry)
            state.counters[series].add(event)
            state.addToTimeSeries(event, series: series, second: second, store: timeSeries)
            state.hotObjects.record(key: objectKey, distribution: distribution, path: path, hit: event.result == .hit)
        }
    }

    /// Lists an invalidation on the dashboard; a record with the id of an earlier one replaces it (to move it
    /// from `InProgress` to `Completed`). Only the newest ``Configuration/invalidationsKept`` stay.
    public func recordInvalidation(_ invalidation: InvalidationRecord) {
        let kept = configuration.invalidationsKept
        invalidations.withLock { list in
            list.removeAll { $0.id == invalidation.id }
            list.insert(invalidation, at: 0)
            list.sort { $0.createTime > $1.createTime }
            if list.count > kept { list.removeLast(list.count - kept) }
        }
    }
}
