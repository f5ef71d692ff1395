import NIOConcurrencyHelpers

/// Request collapsing (aws-behaviour §1.12): the origin fetches under way, one per cache key. The first miss on a
/// key leads and goes to the origin; misses on the same key that arrive meanwhile wait for what it got.
///
/// A flight always ends: the leader finishes it on every way out (answer, origin failure, cancellation), and a
/// waiter whose task is cancelled stops waiting at once. Waiters left without a shareable result go to the origin
/// themselves, in parallel, as CloudFront does for objects it may not collapse.
final class InFlightFetches: Sendable {
    /// What a leader leaves for the requests that waited on it.
    enum Outcome: Sendable {
        /// The object the leader stored (or refreshed): waiters are served from it, as hits.
        case stored(CachedObject)
        /// The origin failed and the leader served the expired copy: waiters serve theirs too.
        case servedStale
        /// Nothing to share: the response was not stored, or may not be collapsed (TTL 0, `Vary: *`), or the leader
        /// failed or was cancelled.
        case notShared
    }

    enum Role {
        case leader(Flight)
        case waiter(Flight)
    }

    private struct State {
        var flights: [CacheKey: Flight] = [:]
        /// Keys with a stale-while-revalidate refresh queued or running, so each expiry triggers one.
        var revalidating: Set<CacheKey> = []
    }

    private let state = NIOLockedValueBox(State())

    /// Leads a new flight for `key`, or joins the one under way.
    func join(_ key: CacheKey) -> Role {
        state.withLockedValue { state in
            if let flight = state.flights[key] { return .waiter(flight) }
            let flight = Flight()
            state.flights[key] = flight
            return .leader(flight)
        }
    }

    /// Ends the leader's flight and hands `outcome` to everyone waiting on it.
    func finish(_ flight: Flight, key: CacheKey, outcome: Outcome) {
        state.withLockedValue { state in
            if state.flights[key] === flight { state.flights[key] = nil }
        }
        flight.land(outcome)
    }

    /// Claims the background refresh of `key`; false when one is already queued, running, or a fetch is under way.
    func claimRevalidation(of key: CacheKey) -> Bool {
        state.withLockedValue { state in
            guard state.flights[key] == nil else { return false }
            return state.revalidating.insert(key).inserted
        }
    }

    func endRevalidation(of key: CacheKey) {
        _ = state.withLockedValue { $0.revalidating.remove(key) }
    }

    /// One origin fetch that others may wait on.
    final class Flight: Sendable {
        private struct State {
            var outcome: Outcome?
            var waiters: [Int: CheckedContinuation<Outcome, Never>] = [:]
            /// Waiters cancelled before they could register.
            var cancelled: Set<Int> = []
            var nextWaiter = 0
        }

        private let state = NIOLockedValueBox(State())

        /// The leader's outcome, once it lands; `.notShared` at once if the waiting task is cancelled.
        func outcome() async -> Outcome {
            let id = state.withLockedValue { state in
                state.nextWaiter += 1
                return state.nextWaiter
            }
            return await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
                    let ready: Outcome? = state.withLockedValue { state in
                        if let outcome = state.outcome { return outcome }
                        if state.cancelled.remove(id) != nil { return .notShared }
                        state.waiters[id] = continuation
                        return nil
                    }
                    if let ready { continuation.resume(returning: ready) }
                }
            } onCancel: {
                let waiting = state.withLockedValue { state in
                    guard let continuation = state.waiters.removeValue(forKey: id) else {
                        if state.outcome == nil { state.cancelled.insert(id) }
                        return CheckedContinuation<Outcome, Never>?.none
                    }
                    return continuation
                }
                waiting?.resume(returning: .notShared)
            }
        }

        fileprivate func land(_ outcome: Outcome) {
            let waiters = state.withLockedValue { state in
                state.outcome = outcome
                defer { state.waiters = [:] }
                return state.waiters
            }
            for continuation in waiters.values { continuation.resume(returning: outcome) }
        }
    }
}
