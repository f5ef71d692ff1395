import Eviction
import ReadCache
import Testing

@testable import StackConfig

/// `readCache:`: the read cache in front of the tables (aws-behaviour §6), and the lines `edgesim validate`
/// prints for its mistakes.
@Suite struct ReadCacheStackTests {
    @Test("Without readCache: an in-process cache of 64 MiB under S3-FIFO, 300 s TTL, lazy loading")
    func defaults() throws {
        let fixture = try StackFixture()
        defer { fixture.remove() }
        let stack = try fixture.load("buckets:\n  site: ./site\n")
        #expect(stack.readCache.backend == .inProcess(.init(capacityBytes: 64 << 20, policy: .s3fifo)))
        #expect(stack.readCache.cache.ttl == .seconds(300))
        #expect(stack.readCache.cache.writeThrough == false)
        #expect(stack.readCache.cache.notFoundTTL == nil)
    }

    @Test("Every field of an in-process cache is read")
    func inProcess() throws {
        let fixture = try StackFixture()
        defer { fixture.remove() }
        let stack = try fixture.load(
            """
            readCache:
              backend: inprocess
              capacity: 16MiB
              evictionPolicy: lru
              ttl: 60
              ttlJitter: 0.1
              writeThrough: true
              notFoundTTL: 5
            """
        )
        #expect(stack.readCache.backend == .inProcess(.init(capacityBytes: 16 << 20, policy: .lru)))
        #expect(stack.readCache.cache.ttl == .seconds(60))
        #expect(stack.readCache.cache.ttlJitter == 0.1)
        #expect(stack.readCache.cache.writeThrough)
        #expect(stack.readCache.cache.notFoundTTL == .seconds(5))
    }

    @Test("A Redis cache names its server")
    func redis() throws {
        let fixture = try StackFixture()
        defer { fixture.remove() }
        let stack = try fixture.load("readCache:\n  backend: redis\n  url: redis://:secret@127.0.0.1:6380/2\n")
        #expect(stack.readCache.backend == .redis(url: try RedisURL("redis://:secret@127.0.0.1:6380/2")))
    }

    @Test("Mistakes are reported at once, each with its field path and fix")
    func problems() throws {
        let fixture = try StackFixture()
        defer { fixture.remove() }
        let lines = fixture.problems(
            """
            readCache:
              backend: redis
              capacity: 1GB
              ttl: 0
              ttlJitter: 2
              engine: redis
            """
        )
        #expect(
            lines == [
                "edgesim.yml:2:3: readCache.url: is required; the server, like redis://127.0.0.1:6379/0",
                "edgesim.yml:3:3: readCache.capacity: is the Redis server's own setting (maxmemory, maxmemory-policy); remove it",
                "edgesim.yml:4:8: readCache.ttl: must be between 1 and 31536000 seconds; got 0",
                "edgesim.yml:5:14: readCache.ttlJitter: must be a share of the TTL between 0 and 0.5 (0.1 takes up to 10% off each TTL); got 2",
                "edgesim.yml:6:3: readCache.engine: name the backend with backend: inprocess or backend: redis",
            ]
        )
        #expect(fixture.problems("readCache:\n  backend: redis\n  url: http://cache:6379\n").count == 1)
        #expect(fixture.problems("readCache:\n  backend: memcached\n").count == 1)
    }
}
