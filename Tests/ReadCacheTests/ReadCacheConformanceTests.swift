import NIOConcurrencyHelpers
import NIOCore
import Testing

@testable import ReadCache

/// The read-through semantics of aws-behaviour §6, once for each backend.
@Suite(.redisServer)
struct ReadCacheConformanceTests {
    private struct LoadFailed: Error, Equatable {}

    private func withHarness(
        _ kind: BackendKind,
        configuration: ReadCache.Configuration = .init(),
        random: ReadCache.RandomSource = .system,
        recorder: BackendRecorder? = nil,
        _ body: (CacheHarness) async throws -> Void
    ) async throws {
        let harness = try CacheHarness.make(kind, configuration: configuration, random: random) { backend in
            recorder?.wrap(backend) ?? backend
        }
        do {
            try await body(harness)
        } catch {
            await harness.shutdown()
            throw error
        }
        await harness.shutdown()
    }

    @Test(arguments: BackendKind.allCases)
    func missLoadsAndStoresThenHitSkipsTheSource(_ kind: BackendKind) async throws {
        try await withHarness(kind) { harness in
            let key = harness.key("shows:1")
            let loads = Counter()
            let load: @Sendable () async throws -> ByteBuffer? = {
                loads.increment()
                return bytes(#"{"id":"1"}"#)
            }
            let first = try await harness.cache.value(for: key, load: load)
            let second = try await harness.cache.value(for: key, load: load)
            #expect(first == ReadCacheResult(value: bytes(#"{"id":"1"}"#), outcome: .miss))
            #expect(second == ReadCacheResult(value: bytes(#"{"id":"1"}"#), outcome: .hit))
            #expect(loads.value == 1)
            let metrics = harness.cache.metrics
            #expect(metrics.hits == 1 && metrics.misses == 1 && metrics.loads == 1 && metrics.loadFailures == 0)
            #expect(metrics.loadLatency.count == 1)
        }
    }

    @Test(arguments: BackendKind.allCases)
    func anExpiredEntryIsAMissAndAPerCallTTLOverridesTheDefault(_ kind: BackendKind) async throws {
        try await withHarness(kind, configuration: .init(ttl: .seconds(300))) { harness in
            let short = harness.key("short")
            let long = harness.key("long")
            let loads = Counter()
            let load: @Sendable () async throws -> ByteBuffer? = {
                bytes("v\(loads.increment())")
            }
            // Redis expires by its own clock: the TTL leaves a loaded machine seconds to read the entry back.
            _ = try await harness.cache.value(for: short, ttl: .seconds(8), load: load)
            _ = try await harness.cache.value(for: long, load: load)
            #expect(try await harness.cache.value(for: short, load: load).outcome == .hit)

            try await harness.advance(by: .milliseconds(9000))
            let expired = try await harness.cache.value(for: short, load: load)
            #expect(expired == ReadCacheResult(value: bytes("v3"), outcome: .miss))
            #expect(try await harness.cache.value(for: long, load: load) == ReadCacheResult(value: bytes("v2"), outcome: .hit))
            #expect(loads.value == 3)
        }
    }

    @Test(arguments: BackendKind.allCases)
    func invalidationMakesTheNextReadLoad(_ kind: BackendKind) async throws {
        try await withHarness(kind) { harness in
            let key = harness.key("shows:2")
            let loads = Counter()
            let load: @Sendable () async throws -> ByteBuffer? = { bytes("v\(loads.increment())") }
            _ = try await harness.cache.value(for: key, load: load)
            try await harness.cache.invalidate(key: key)
            #expect(try await harness.cache.value(for: key, load: load) == ReadCacheResult(value: bytes("v2"), outcome: .miss))
            #expect(try await harness.cache.value(for: key, load: load).outcome == .hit)
            #expect(harness.cache.metrics.invalidations == 1)
        }
    }

    @Test(arguments: BackendKind.allCases)
    func aWriteWithoutWriteThroughInvalidates(_ kind: BackendKind) async throws {
        try await withHarness(kind) { harness in
            let key = harness.key("shows:3")
            _ = try await harness.cache.value(for: key) { bytes("old") }
            try await harness.cache.write(key: key, value: bytes("written"))
            let read = try await harness.cache.value(for: key) { bytes("from the table") }
            #expect(read == ReadCacheResult(value: bytes("from the table"), outcome: .miss))
            #expect(harness.cache.metrics.writes == 0)
        }
    }

    @Test(arguments: BackendKind.allCases)
    func writeThroughStoresTheWrittenValueWithTheTTL(_ kind: BackendKind) async throws {
        try await withHarness(kind, configuration: .init(ttl: .seconds(4), writeThrough: true)) { harness in
            let key = harness.key("shows:4")
            _ = try await harness.cache.value(for: key) { bytes("old") }
            try await harness.cache.write(key: key, value: bytes("written"))
            let loads = Counter()
            let load: @Sendable () async throws -> ByteBuffer? = {
                loads.increment()
                return bytes("from the table")
            }
            #expect(try await harness.cache.value(for: key, load: load) == ReadCacheResult(value: bytes("written"), outcome: .hit))
            #expect(loads.value == 0)
            try await harness.advance(by: .milliseconds(5000))
            #expect(try await harness.cache.value(for: key, load: load).outcome == .miss)
            #expect(harness.cache.metrics.writes == 1)
        }
    }

    @Test(arguments: BackendKind.allCases)
    func writeThroughOfADeletionForgetsTheKey(_ kind: BackendKind) async throws {
        try await withHarness(kind, configuration: .init(writeThrough: true)) { harness in
            let key = harness.key("shows:5")
            _ = try await harness.cache.value(for: key) { bytes("old") }
            try await harness.cache.write(key: key, value: nil)
            let read = try await harness.cache.value(for: key) { nil }
            #expect(read == ReadCacheResult(value: nil, outcome: .miss))
        }
    }

    @Test(arguments: BackendKind.allCases)
    func notFoundIsNotCachedByDefault(_ kind: BackendKind) async throws {
        try await withHarness(kind) { harness in
            let key = harness.key("missing")
            let loads = Counter()
            let load: @Sendable () async throws -> ByteBuffer? = {
                loads.increment()
                return nil
            }
            let first = try await harness.cache.value(for: key, load: load)
            let second = try await harness.cache.value(for: key, load: load)
            #expect(first == ReadCacheResult(value: nil, outcome: .miss))
            #expect(second == ReadCacheResult(value: nil, outcome: .miss))
            #expect(loads.value == 2)
        }
    }

    @Test(arguments: BackendKind.allCases)
    func negativeCachingKeepsNotFoundForItsTTLUntilAWrite(_ kind: BackendKind) async throws {
        try await withHarness(kind, configuration: .init(notFoundTTL: .seconds(4))) { harness in
            let key = harness.key("missing")
            let loads = Counter()
            let load: @Sendable () async throws -> ByteBuffer? = {
                loads.increment()
                return nil
            }
            #expect(try await harness.cache.value(for: key, load: load) == ReadCacheResult(value: nil, outcome: .miss))
            #expect(try await harness.cache.value(for: key, load: load) == ReadCacheResult(value: nil, outcome: .hit))
            try await harness.advance(by: .milliseconds(5000))
            #expect(try await harness.cache.value(for: key, load: load).outcome == .miss)
            #expect(loads.value == 2)

            try await harness.cache.write(key: key, value: bytes("created"))
            let created = try await harness.cache.value(for: key) { bytes("created") }
            #expect(created == ReadCacheResult(value: bytes("created"), outcome: .miss))
            #expect(try await harness.cache.value(for: key, load: load) == ReadCacheResult(value: bytes("created"), outcome: .hit))
        }
    }

    @Test(arguments: BackendKind.allCases)
    func oneHundredConcurrentMissesLoadOnce(_ kind: BackendKind) async throws {
        try await withHarness(kind) { harness in
            let key = harness.key("hot")
            let loads = Counter()
            let gate = Gate()
            let cache = harness.cache
            try await withThrowingTaskGroup(of: ReadCacheResult.self) { group in
                for _ in 0..<100 {
                    group.addTask {
                        try await cache.value(for: key) {
                            loads.increment()
                            await gate.wait()
                            return bytes("hot item")
                        }
                    }
                }
                #expect(await eventually { loads.value == 1 && cache.waiterCount(for: key) == 99 })
                gate.open()
                var results: [ReadCacheResult] = []
                for try await result in group { results.append(result) }
                #expect(results.count == 100)
                #expect(results.allSatisfy { $0 == ReadCacheResult(value: bytes("hot item"), outcome: .miss) })
            }
            #expect(loads.value == 1)
            let metrics = cache.metrics
            #expect(metrics.loads == 1 && metrics.misses == 100 && metrics.hits == 0)
            #expect(try await cache.value(for: key) { nil }.outcome == .hit)
        }
    }

    @Test(arguments: BackendKind.allCases)
    func aFailedLoadFailsEveryWaiterAndTheNextReadLoadsAgain(_ kind: BackendKind) async throws {
        try await withHarness(kind) { harness in
            let key = harness.key("flaky")
            let loads = Counter()
            let gate = Gate()
            let cache = harness.cache
            await withTaskGroup(of: Result<ReadCacheResult, any Error>.self) { group in
                for _ in 0..<100 {
                    group.addTask {
                        do {
                            return .success(
                                try await cache.value(for: key) {
                                    loads.increment()
                                    await gate.wait()
                                    throw LoadFailed()
                                }
                            )
                        } catch {
                            return .failure(error)
                        }
                    }
                }
                #expect(await eventually { loads.value == 1 && cache.waiterCount(for: key) == 99 })
                gate.open()
                var failures = 0
                for await result in group {
                    if case .failure(let error) = result, error is LoadFailed { failures += 1 }
                }
                #expect(failures == 100)
            }
            #expect(cache.metrics.loadFailures == 1)
            let retry = try await cache.value(for: key) {
                loads.increment()
                return bytes("recovered")
            }
            #expect(retry == ReadCacheResult(value: bytes("recovered"), outcome: .miss))
            #expect(loads.value == 2)
        }
    }

    @Test(arguments: BackendKind.allCases)
    func aWriteDuringALoadKeepsTheLoadedValueOutOfTheCache(_ kind: BackendKind) async throws {
        try await withHarness(kind) { harness in
            let key = harness.key("racy")
            let started = Counter()
            let gate = Gate()
            let cache = harness.cache
            async let stale = cache.value(for: key) {
                started.increment()
                await gate.wait()
                return bytes("read before the write")
            }
            #expect(await eventually { started.value == 1 })
            try await cache.invalidate(key: key)
            gate.open()
            #expect(try await stale == ReadCacheResult(value: bytes("read before the write"), outcome: .miss))
            let fresh = try await cache.value(for: key) { bytes("read after the write") }
            #expect(fresh == ReadCacheResult(value: bytes("read after the write"), outcome: .miss))
        }
    }

    @Test(arguments: BackendKind.allCases)
    func jitterShortensTTLsWithinTheConfiguredShare(_ kind: BackendKind) async throws {
        let recorder = BackendRecorder()
        try await withHarness(
            kind,
            configuration: .init(ttl: .seconds(10), ttlJitter: 0.2),
            random: scriptedRandom([0, 0.5, 0.999_999]),
            recorder: recorder
        ) { harness in
            for name in ["a", "b", "c"] {
                _ = try await harness.cache.value(for: harness.key(name)) { bytes(name) }
            }
            let ttls = recorder.backend?.ttls ?? []
            #expect(ttls.count == 3)
            #expect(ttls.allSatisfy { $0 >= .seconds(8) && $0 <= .seconds(10) })
            #expect(ttls.first == .seconds(10))
            #expect(ttls.dropFirst().first == .seconds(9))
            #expect(ttls.last.map { $0 < .milliseconds(8001) } == true)
        }
    }

    @Test(arguments: BackendKind.allCases)
    func withoutJitterEveryEntryGetsTheConfiguredTTL(_ kind: BackendKind) async throws {
        let recorder = BackendRecorder()
        try await withHarness(kind, configuration: .init(ttl: .seconds(300)), recorder: recorder) { harness in
            for name in ["a", "b"] {
                _ = try await harness.cache.value(for: harness.key(name)) { bytes(name) }
            }
            #expect(recorder.backend?.ttls == [.seconds(300), .seconds(300)])
        }
    }

    @Test(arguments: BackendKind.allCases)
    func cancellingAWaiterCancelsOnlyThatCaller(_ kind: BackendKind) async throws {
        try await withHarness(kind) { harness in
            let key = harness.key("cancel-waiter")
            let gate = Gate()
            let loads = Counter()
            let cache = harness.cache
            let load: @Sendable () async throws -> ByteBuffer? = {
                loads.increment()
                await gate.wait()
                return bytes("value")
            }
            let leader = Task { try await cache.value(for: key, load: load) }
            #expect(await eventually { loads.value == 1 })
            let cancelled = Task { try await cache.value(for: key, load: load) }
            let patient = Task { try await cache.value(for: key, load: load) }
            #expect(await eventually { cache.waiterCount(for: key) == 2 })
            cancelled.cancel()
            await #expect(throws: CancellationError.self) { try await cancelled.value }
            gate.open()
            let led = try await leader.value
            let waited = try await patient.value
            #expect(led == ReadCacheResult(value: bytes("value"), outcome: .miss))
            #expect(waited == ReadCacheResult(value: bytes("value"), outcome: .miss))
            #expect(loads.value == 1)
        }
    }

    @Test(arguments: BackendKind.allCases)
    func cancellingTheLoaderHandsTheLoadToAWaiter(_ kind: BackendKind) async throws {
        try await withHarness(kind) { harness in
            let key = harness.key("cancel-leader")
            let loads = Counter()
            let cache = harness.cache
            let leader = Task {
                try await cache.value(for: key) {
                    loads.increment()
                    try await Task.sleep(for: .seconds(60))
                    return bytes("never")
                }
            }
            #expect(await eventually { loads.value == 1 })
            let waiters = (0..<3).map { _ in
                Task {
                    try await cache.value(for: key) {
                        loads.increment()
                        return bytes("reloaded")
                    }
                }
            }
            #expect(await eventually { cache.waiterCount(for: key) == 3 })
            leader.cancel()
            await #expect(throws: CancellationError.self) { try await leader.value }
            for waiter in waiters {
                // A waiter resumed after the new load landed finds it in the cache: a hit.
                let result = try await waiter.value
                #expect(result.value == bytes("reloaded"))
            }
            #expect(loads.value == 2)
            let metrics = cache.metrics
            #expect(metrics.loadFailures == 0 && metrics.loads == 2)
            #expect(metrics.hits + metrics.misses == 4)
        }
    }
}

/// Remembers the recording backend a harness was built with.
final class BackendRecorder: Sendable {
    private let box = NIOLockedValueBox<RecordingBackend?>(nil)

    var backend: RecordingBackend? { box.withLockedValue { $0 } }

    func wrap(_ backend: any ReadCacheBackend) -> any ReadCacheBackend {
        let recording = RecordingBackend(backend)
        box.withLockedValue { $0 = recording }
        return recording
    }
}
