import Foundation
import NIOConcurrencyHelpers
import NIOCore
import ReadCache
import Testing

/// The backends the read cache conformance tests run against.
enum BackendKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case inProcess
    case redis

    var testDescription: String { rawValue }
}

/// A read cache over one backend, with a way to let time pass: the in-process backend runs on a manual clock,
/// Redis on its own clock, so there time passes for real.
struct CacheHarness: Sendable {
    let cache: ReadCache
    let kind: BackendKind
    private let manualClock: ManualClock?
    private let client: RedisClient?
    private let prefix: String

    static func make(
        _ kind: BackendKind,
        configuration: ReadCache.Configuration = .init(),
        random: ReadCache.RandomSource = .system,
        wrap: (any ReadCacheBackend) -> any ReadCacheBackend = { $0 }
    ) throws -> CacheHarness {
        switch kind {
        case .inProcess:
            let clock = ManualClock()
            let backend = try InProcessBackend(configuration: .init(capacityBytes: 1 << 20), clock: clock.clock)
            let cache = ReadCache(backend: wrap(backend), configuration: configuration, clock: clock.clock, random: random)
            return CacheHarness(cache: cache, kind: kind, manualClock: clock, client: nil, prefix: "")
        case .redis:
            guard let server = RedisServer.shared else {
                throw RedisServerError(message: "the suite needs the .redisServer trait to test the Redis backend")
            }
            let client = RedisClient(configuration: .init(url: server.url, poolSize: 2, commandTimeout: .seconds(10)))
            let cache = ReadCache(backend: wrap(RedisBackend(client: client)), configuration: configuration, random: random)
            // The suite's tests share one server and run in parallel: each gets its own keys.
            return CacheHarness(cache: cache, kind: kind, manualClock: nil, client: client, prefix: UUID().uuidString + ":")
        }
    }

    /// A key unique to this test.
    func key(_ name: String) -> String { prefix + name }

    /// Lets `duration` pass for the backend's expiry.
    func advance(by duration: Duration) async throws {
        if let manualClock {
            manualClock.advance(by: duration)
        } else {
            try await Task.sleep(for: duration)
        }
    }

    func shutdown() async {
        await client?.shutdown()
    }
}

/// Wraps a backend and records the TTLs it is asked to store with.
final class RecordingBackend: ReadCacheBackend {
    let wrapped: any ReadCacheBackend
    private let recorded = NIOLockedValueBox<[Duration]>([])

    init(_ wrapped: any ReadCacheBackend) {
        self.wrapped = wrapped
    }

    var ttls: [Duration] { recorded.withLockedValue { $0 } }

    func entry(for key: String) async throws -> ReadCacheEntry? { try await wrapped.entry(for: key) }

    func store(_ entry: ReadCacheEntry, for key: String, ttl: Duration) async throws {
        recorded.withLockedValue { $0.append(ttl) }
        try await wrapped.store(entry, for: key, ttl: ttl)
    }

    func remove(_ key: String) async throws { try await wrapped.remove(key) }

    var evictions: Int? { wrapped.evictions }
}

func bytes(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }
