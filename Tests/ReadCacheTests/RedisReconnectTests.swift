import NIOCore
import ReadCache
import Testing

/// The client after the server goes away: each test kills and restarts its own `redis-server`.
struct RedisReconnectTests {
    @Test
    func aCommandInFlightFailsAndTheClientReconnectsAfterARestart() async throws {
        let server = try await RedisServer.start()
        let client = RedisClient(
            configuration: .init(url: server.url, poolSize: 1, commandTimeout: .seconds(30), initialBackoff: .milliseconds(50))
        )
        do {
            try await client.set("k", value: ByteBuffer(string: "before"))
            // BLPOP on an empty list waits forever: a command in flight when the server dies.
            async let blocked = client.send(RedisCommand("BLPOP", ["empty", "0"]))
            try await Task.sleep(for: .milliseconds(100))
            await server.kill()
            do {
                _ = try await blocked
                Issue.record("BLPOP returned although the server was killed")
            } catch let error as RedisClientError {
                #expect(error.isConnectionClosed)
                #expect(error.description.contains("closed before the server replied to BLPOP"))
            }

            // While the server is down the next command cannot connect, and says so.
            let down = await #expect(throws: RedisClientError.self) { try await client.ping() }
            #expect(down?.isUnreachable == true)

            try await server.restart()
            // Past the backoff, the next command reconnects on its own.
            try await Task.sleep(for: .milliseconds(200))
            try await client.ping()
            // The restarted server kept nothing (--save '').
            #expect(try await client.get("k") == nil)
        } catch {
            Issue.record(error)
        }
        await client.shutdown()
        await server.stop()
    }

    @Test
    func theReadCacheFallsBackToTheSourceWhileRedisIsDown() async throws {
        let server = try await RedisServer.start()
        let client = RedisClient(configuration: .init(url: server.url, initialBackoff: .milliseconds(50)))
        let cache = ReadCache(backend: RedisBackend(client: client))
        do {
            _ = try await cache.value(for: "shows:1") { ByteBuffer(string: "v1") }
            #expect(try await cache.value(for: "shows:1") { nil }.outcome == .hit)
            await server.kill()

            let loads = Counter()
            let read = try await cache.value(for: "shows:1") {
                loads.increment()
                return ByteBuffer(string: "from the table")
            }
            #expect(read == ReadCacheResult(value: ByteBuffer(string: "from the table"), outcome: .miss))
            #expect(loads.value == 1)
            #expect(cache.metrics.backendFailures >= 1)
            // An invalidation that cannot reach Redis is reported: the caller must know the key may be stale.
            await #expect(throws: RedisClientError.self) { try await cache.invalidate(key: "shows:1") }

            try await server.restart()
            #expect(
                await eventually {
                    (try? await cache.value(for: "shows:1") { ByteBuffer(string: "v2") })?.outcome == .hit
                }
            )
        } catch {
            Issue.record(error)
        }
        await client.shutdown()
        await server.stop()
    }
}
