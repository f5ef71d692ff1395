import Eviction
import NIOCore
import ReadCache
import Testing

struct InProcessBackendTests {
    /// Entries of 100 bytes each: a 3-byte key and 97 value bytes.
    private func fill(_ backend: InProcessBackend, count: Int = 10) async throws {
        for index in 0..<count {
            try await backend.store(.value(ByteBuffer(repeating: 0x61, count: 97)), for: "k:\(index)", ttl: .seconds(60))
        }
    }

    @Test
    func capacityIsInBytesOfKeyAndValue() async throws {
        let backend = try InProcessBackend(configuration: .init(capacityBytes: 500, policy: .lru))
        try await fill(backend)
        #expect(backend.count == 5)
        #expect(backend.usedBytes == 500)
        #expect(backend.evictions == 5)
        // LRU keeps the five most recent.
        for index in 0..<5 { #expect(try await backend.entry(for: "k:\(index)") == nil) }
        for index in 5..<10 { #expect(try await backend.entry(for: "k:\(index)") != nil) }
    }

    @Test
    func aReadProtectsAnEntryUnderLRU() async throws {
        let backend = try InProcessBackend(configuration: .init(capacityBytes: 300, policy: .lru))
        try await fill(backend, count: 3)
        _ = try await backend.entry(for: "k:0")
        try await backend.store(.value(ByteBuffer(repeating: 0x62, count: 96)), for: "k:3", ttl: .seconds(60))
        #expect(try await backend.entry(for: "k:0") != nil)
        #expect(try await backend.entry(for: "k:1") == nil)
    }

    @Test
    func anEntryLargerThanTheCapacityIsNotStoredAndDropsTheOldValue() async throws {
        let backend = try InProcessBackend(configuration: .init(capacityBytes: 100, policy: .lru))
        try await backend.store(.value(ByteBuffer(string: "small")), for: "k", ttl: .seconds(60))
        try await backend.store(.value(ByteBuffer(repeating: 0, count: 200)), for: "k", ttl: .seconds(60))
        #expect(try await backend.entry(for: "k") == nil)
        #expect(backend.count == 0)
        #expect(backend.evictions == 0)
    }

    @Test
    func expiredEntriesAreDroppedWhenRead() async throws {
        let clock = ManualClock()
        let backend = try InProcessBackend(configuration: .init(capacityBytes: 1000), clock: clock.clock)
        try await backend.store(.value(ByteBuffer(string: "v")), for: "k", ttl: .seconds(5))
        clock.advance(by: .milliseconds(4999))
        #expect(try await backend.entry(for: "k") == .value(ByteBuffer(string: "v")))
        clock.advance(by: .milliseconds(1))
        #expect(try await backend.entry(for: "k") == nil)
        #expect(backend.count == 0 && backend.usedBytes == 0)
        #expect(backend.expirations == 1)
    }

    @Test
    func expiredEntriesThePolicyEvictsCountAsExpirations() async throws {
        let clock = ManualClock()
        let backend = try InProcessBackend(configuration: .init(capacityBytes: 200, policy: .fifo), clock: clock.clock)
        try await backend.store(.value(ByteBuffer(repeating: 0, count: 96)), for: "old", ttl: .seconds(1))
        clock.advance(by: .seconds(2))
        try await backend.store(.value(ByteBuffer(repeating: 0, count: 97)), for: "new", ttl: .seconds(60))
        try await backend.store(.value(ByteBuffer(repeating: 0, count: 97)), for: "two", ttl: .seconds(60))
        #expect(backend.expirations == 1)
        #expect(backend.evictions == 0)
        #expect(backend.count == 2)
    }

    @Test
    func removeForgetsTheKey() async throws {
        let backend = try InProcessBackend()
        try await backend.store(.notFound, for: "k", ttl: .seconds(60))
        #expect(try await backend.entry(for: "k") == .notFound)
        try await backend.remove("k")
        try await backend.remove("absent")
        #expect(try await backend.entry(for: "k") == nil)
        #expect(backend.usedBytes == 0)
    }

    @Test
    func theDefaultPolicyIsS3FIFO() throws {
        #expect(InProcessBackend.Configuration().policy == .s3fifo)
        #expect(InProcessBackend.Configuration().capacityBytes == 64 << 20)
    }

    @Test
    func beladyIsRefusedForALiveCache() {
        #expect(throws: EvictionPolicyError.needsFuture(.belady)) {
            try InProcessBackend(configuration: .init(policy: .belady))
        }
    }

    @Test(arguments: EvictionPolicyKind.allCases.filter { !$0.needsFuture })
    func everyLivePolicyKeepsTheBound(_ policy: EvictionPolicyKind) async throws {
        let backend = try InProcessBackend(configuration: .init(capacityBytes: 2000, policy: policy))
        for round in 0..<3 {
            for index in 0..<50 {
                let key = "k:\(index)"
                if try await backend.entry(for: key) == nil {
                    try await backend.store(.value(ByteBuffer(repeating: UInt8(round), count: 96)), for: key, ttl: .seconds(60))
                }
            }
        }
        #expect(backend.usedBytes <= 2000)
        #expect(backend.count > 0 && backend.count <= 20)
        // W-TinyLFU turns newcomers away at its door rather than evicting residents.
        #expect((backend.evictions ?? 0) > 0 || policy == .wtinylfu)
    }

    @Test
    func theReadCacheReportsTheBackendsEvictions() async throws {
        let backend = try InProcessBackend(configuration: .init(capacityBytes: 300, policy: .lru))
        let cache = ReadCache(backend: backend)
        for index in 0..<5 {
            _ = try await cache.value(for: "k:\(index)") { ByteBuffer(repeating: 0, count: 96) }
        }
        #expect(cache.metrics.evictions == 2)
    }
}
