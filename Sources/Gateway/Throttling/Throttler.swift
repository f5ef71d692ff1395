import Logging
import NIOConcurrencyHelpers

/// The gateway's throttling state: token buckets per API key, per stage route and for the account, and quota
/// counters per usage plan and key (aws-behaviour §3.5, §3.6).
final class Throttler: Sendable {
    enum BucketID: Hashable, Sendable {
        case account
        case route(api: String, stage: String, routeKey: String)
        case apiKey(usagePlan: String, apiKey: String)
    }

    struct Limit: Sendable {
        let bucket: BucketID
        let settings: Gateway.Configuration.ThrottleSettings
    }

    struct QuotaCharge: Sendable {
        let usagePlan: String
        let apiKey: String
        let quota: Gateway.Configuration.QuotaSettings
    }

    enum Decision: Equatable, Sendable {
        case admitted
        case throttled
        case quotaExceeded
    }

    private struct State {
        var buckets: [BucketID: TokenBucket] = [:]
        var counters: [String: UsageStore.Counter]
    }

    private let state: NIOLockedValueBox<State>
    private let store: UsageStore
    private let logger: Logger

    /// Loads the quota counters kept under `stateDirectory`.
    init(stateDirectory: String?, logger: Logger) throws(GatewayStateError) {
        store = UsageStore(stateDirectory: stateDirectory)
        state = NIOLockedValueBox(State(counters: try store.load()))
        self.logger = logger
    }

    /// Lets a request through every limit, in the order of aws-behaviour §3.5, or says which one stopped it.
    /// An exhausted quota answers first; a request refused anywhere takes no token and counts toward no quota.
    func admit(limits: [Limit], quota: QuotaCharge?, now: Double) -> Decision {
        state.withLockedValue { state in
            var quotaCounter: (key: String, counter: UsageStore.Counter)?
            if let quota {
                let key = UsageStore.key(usagePlan: quota.usagePlan, apiKey: quota.apiKey)
                let period = quota.quota.period
                let index = QuotaPeriod.index(of: period, epochSeconds: now)
                var counter =
                    state.counters[key]
                    ?? UsageStore.Counter(period: period.rawValue, periodIndex: index, firstPeriodIndex: index, used: 0)
                if counter.periodIndex != index || counter.period != period.rawValue {
                    counter.period = period.rawValue
                    counter.periodIndex = index
                    counter.used = 0
                }
                let offset = counter.periodIndex == counter.firstPeriodIndex ? quota.quota.offset : 0
                guard counter.used + offset < quota.quota.limit else { return .quotaExceeded }
                quotaCounter = (key, counter)
            }
            for limit in limits {
                let bucket = state.buckets[limit.bucket] ?? Self.bucket(limit.settings, now: now)
                guard bucket.hasToken(now: now) else { return .throttled }
            }
            for limit in limits {
                var bucket = state.buckets[limit.bucket] ?? Self.bucket(limit.settings, now: now)
                _ = bucket.take(now: now)
                state.buckets[limit.bucket] = bucket
            }
            if let quotaCounter {
                var counter = quotaCounter.counter
                counter.used += 1
                state.counters[quotaCounter.key] = counter
                do {
                    try store.save(state.counters)
                } catch {
                    logger.error("gateway usage counters not saved", metadata: ["gateway.error": "\(error)"])
                }
            }
            return .admitted
        }
    }

    /// Requests counted against a key's quota in the current period.
    func quotaUsed(usagePlan: String, apiKey: String) -> Int {
        state.withLockedValue { $0.counters[UsageStore.key(usagePlan: usagePlan, apiKey: apiKey)]?.used ?? 0 }
    }

    private static func bucket(_ settings: Gateway.Configuration.ThrottleSettings, now: Double) -> TokenBucket {
        TokenBucket(rate: settings.rateLimit, burst: settings.burstLimit, now: now)
    }
}
