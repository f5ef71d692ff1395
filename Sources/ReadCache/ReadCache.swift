import Logging
import NIOConcurrencyHelpers
import NIOCore

/// ElastiCache's lazy-loading strategy in front of a source such as a table (aws-behaviour §6): a read returns the
/// cached value (a hit) or loads it from the source, stores it with a TTL and returns it (a miss); a write
/// invalidates the key, or with write-through stores the new value.
///
/// - One load per key: concurrent misses of a key wait for the first caller's load, and a failed load hands
///   its error to every waiter and caches nothing, so the next read loads again.
/// - A write during a load wins: the load's (possibly older) result is returned to the callers already
///   waiting but not stored.
/// - The cache is an optimisation: when the backend fails (Redis unreachable), reads fall back to the source
///   and count a backend failure; invalidations and write-through stores report the failure to the caller.
public final class ReadCache: Sendable {
    /// The strategies in force.
    public let configuration: Configuration
    /// Where the entries live.
    public let backend: any ReadCacheBackend
    private let clock: Clock
    private let random: RandomSource
    private let logger: Logger
    private let state = NIOLockedValueBox(State())

    private struct State {
        var flights = FlightTable()
        var hits = 0
        var misses = 0
        var loads = 0
        var loadFailures = 0
        var invalidations = 0
        var writes = 0
        var backendFailures = 0
        var loadLatency = LatencyHistogram()
    }

    /// - Parameters:
    ///   - backend: an ``InProcessBackend`` (the default in a stack) or a ``RedisBackend``.
    ///   - clock: times loads; pass the same clock as the in-process backend's in tests.
    ///   - random: draws TTL jitter.
    public init(
        backend: any ReadCacheBackend,
        configuration: Configuration = .init(),
        clock: Clock = .system,
        random: RandomSource = .system,
        logger: Logger = Logger(label: "edgesim.readcache", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.backend = backend
        self.configuration = configuration
        self.clock = clock
        self.random = random
        self.logger = logger
    }

    /// Reads `key` through the cache: a live entry is a hit; otherwise `load` reads the source (once, however many
    /// callers miss the key together), its result is stored for `ttl` and returned as a miss.
    ///
    /// `load` returns nil when the source has nothing under the key; that is cached only with
    /// ``Configuration/notFoundTTL``. An error from `load` is rethrown to this caller and to every caller waiting
    /// for the same load; nothing is cached. Cancelling a waiting caller cancels only that caller.
    ///
    /// - Parameter ttl: this entry's TTL; nil takes ``Configuration/ttl``.
    public func value(
        for key: String,
        ttl: Duration? = nil,
        load: @Sendable () async throws -> ByteBuffer?
    ) async throws -> ReadCacheResult {
        let stripe = FlightTable.stripe(of: key)
        do {
            while true {
                let seen = state.withLockedValue { $0.flights.completions(inStripe: stripe) }
                if let entry = try await cachedEntry(key) {
                    state.withLockedValue { $0.hits += 1 }
                    return ReadCacheResult(value: entry.value, outcome: .hit)
                }
                switch state.withLockedValue({ $0.flights.join(key, stripe: stripe, seen: seen) }) {
                case .recheck:
                    continue
                case .lead(let flightID):
                    let value = try await lead(flightID, key: key, ttl: ttl, load: load)
                    state.withLockedValue { $0.misses += 1 }
                    return ReadCacheResult(value: value, outcome: .miss)
                case .wait(let flightID):
                    switch try await wait(for: flightID) {
                    case .loaded(let value):
                        state.withLockedValue { $0.misses += 1 }
                        return ReadCacheResult(value: value, outcome: .miss)
                    case .retry:
                        continue
                    }
                }
            }
        } catch {
            state.withLockedValue { $0.misses += 1 }
            throw error
        }
    }

    /// Tells the cache the source wrote `key`. With write-through, stores `value` (nil: the item is gone, so the
    /// key is invalidated, or cached as not found with negative caching); otherwise invalidates the key.
    /// Call it after the source's write succeeded.
    ///
    /// - Parameter ttl: the entry's TTL with write-through; nil takes ``Configuration/ttl``.
    public func write(key: String, value: ByteBuffer?, ttl: Duration? = nil) async throws {
        guard configuration.writeThrough else { return try await invalidate(key: key) }
        state.withLockedValue { state in
            state.flights.invalidate(key)
            state.writes += 1
        }
        do {
            if let value {
                try await backend.store(.value(value), for: key, ttl: configuration.effectiveTTL(ttl ?? configuration.ttl, random: random))
            } else if let notFoundTTL = configuration.notFoundTTL {
                try await backend.store(.notFound, for: key, ttl: configuration.effectiveTTL(notFoundTTL, random: random))
            } else {
                try await backend.remove(key)
            }
        } catch {
            state.withLockedValue { $0.backendFailures += 1 }
            throw error
        }
    }

    /// Forgets `key`, so the next read loads it from the source. A load in progress for the key is not stored.
    public func invalidate(key: String) async throws {
        state.withLockedValue { state in
            state.flights.invalidate(key)
            state.invalidations += 1
        }
        do {
            try await backend.remove(key)
        } catch {
            state.withLockedValue { $0.backendFailures += 1 }
            throw error
        }
    }

    /// The counters so far.
    public var metrics: ReadCacheMetrics {
        let evictions = backend.evictions
        return state.withLockedValue { state in
            ReadCacheMetrics(
                hits: state.hits,
                misses: state.misses,
                loads: state.loads,
                loadFailures: state.loadFailures,
                evictions: evictions,
                invalidations: state.invalidations,
                writes: state.writes,
                backendFailures: state.backendFailures,
                loadLatency: .init(state.loadLatency)
            )
        }
    }

    /// Callers parked on the key's load (tests wait for it to know every caller has joined).
    func waiterCount(for key: String) -> Int {
        state.withLockedValue { $0.flights.waiterCount(of: key) }
    }
}

extension ReadCache {
    /// The backend's entry, or nil on a miss or a backend failure (which falls back to the source).
    private func cachedEntry(_ key: String) async throws -> ReadCacheEntry? {
        do {
            return try await backend.entry(for: key)
        } catch {
            if Task.isCancelled { throw CancellationError() }
            state.withLockedValue { $0.backendFailures += 1 }
            logger.warning(
                "read cache lookup failed; reading the source",
                metadata: ["readcache.key": "\(key)", "readcache.error": "\(error)"]
            )
            return nil
        }
    }

    /// Runs the load for a flight this caller leads, stores its result and resumes the waiters.
    private func lead(
        _ flightID: UInt64,
        key: String,
        ttl: Duration?,
        load: @Sendable () async throws -> ByteBuffer?
    ) async throws -> ByteBuffer? {
        state.withLockedValue { $0.loads += 1 }
        let start = clock.nanoseconds()
        let result: Result<ByteBuffer?, any Error>
        do {
            result = .success(try await load())
        } catch {
            result = .failure(error)
        }
        let elapsed = clock.nanoseconds() &- start
        switch result {
        case .success(let value):
            let stored = await store(loaded: value, key: key, ttl: ttl, flightID: flightID)
            let waiters = state.withLockedValue { state in
                state.loadLatency.record(nanoseconds: elapsed)
                return state.flights.finish(flightID, stored: stored)
            }
            for waiter in waiters { waiter.resume(returning: .loaded(value)) }
            return value
        case .failure(let error):
            // A cancelled leader's waiters were not cancelled: they elect a new leader instead of failing.
            let cancelled = Task.isCancelled || error is CancellationError
            let waiters = state.withLockedValue { state in
                if !cancelled {
                    state.loadFailures += 1
                    state.loadLatency.record(nanoseconds: elapsed)
                }
                return state.flights.finish(flightID, stored: false)
            }
            for waiter in waiters {
                if cancelled { waiter.resume(returning: .retry) } else { waiter.resume(throwing: error) }
            }
            throw error
        }
    }

    /// Stores a load's result unless a write to the key overtook the load; true when the entry was stored.
    private func store(loaded value: ByteBuffer?, key: String, ttl: Duration?, flightID: UInt64) async -> Bool {
        let entry: ReadCacheEntry
        let baseTTL: Duration
        if let value {
            entry = .value(value)
            baseTTL = ttl ?? configuration.ttl
        } else if let notFoundTTL = configuration.notFoundTTL {
            entry = .notFound
            baseTTL = notFoundTTL
        } else {
            return false
        }
        guard !state.withLockedValue({ $0.flights.isStale(flightID) }) else { return false }
        do {
            try await backend.store(entry, for: key, ttl: configuration.effectiveTTL(baseTTL, random: random))
        } catch {
            state.withLockedValue { $0.backendFailures += 1 }
            logger.warning("read cache store failed", metadata: ["readcache.key": "\(key)", "readcache.error": "\(error)"])
            return false
        }
        guard state.withLockedValue({ $0.flights.isStale(flightID) }) else { return true }
        // A write landed while the store was on its way: take the possibly older value back out.
        do {
            try await backend.remove(key)
        } catch {
            state.withLockedValue { $0.backendFailures += 1 }
            logger.warning(
                "read cache could not drop a value a write overtook",
                metadata: ["readcache.key": "\(key)", "readcache.error": "\(error)"]
            )
        }
        return false
    }

    /// Parks the caller until the flight lands; cancelling the caller takes it out alone.
    private func wait(for flightID: UInt64) async throws -> FlightTable.Delivery {
        let waiterID = state.withLockedValue { $0.flights.nextID() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: FlightTable.Waiter) in
                let added = state.withLockedValue { $0.flights.addWaiter(continuation, id: waiterID, to: flightID) }
                guard added else { return continuation.resume(returning: .retry) }
                // The cancellation handler may have run before the waiter was added.
                if Task.isCancelled, let waiter = state.withLockedValue({ $0.flights.removeWaiter(id: waiterID, from: flightID) }) {
                    waiter.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            state.withLockedValue { $0.flights.removeWaiter(id: waiterID, from: flightID) }?.resume(throwing: CancellationError())
        }
    }
}
