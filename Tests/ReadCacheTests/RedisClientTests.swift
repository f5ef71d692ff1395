import Foundation
import NIOCore
import ReadCache
import Testing

/// The RESP2 client against a real `redis-server`.
@Suite(.redisServer)
struct RedisClientTests {
    private func withClient(
        poolSize: Int = 2,
        commandTimeout: Duration = .seconds(10),
        _ body: (RedisClient, _ prefix: String) async throws -> Void
    ) async throws {
        let server = try #require(RedisServer.shared)
        let client = RedisClient(configuration: .init(url: server.url, poolSize: poolSize, commandTimeout: commandTimeout))
        do {
            try await body(client, UUID().uuidString + ":")
        } catch {
            await client.shutdown()
            throw error
        }
        await client.shutdown()
    }

    @Test
    func getSetDelMgetPing() async throws {
        try await withClient { client, prefix in
            try await client.ping()
            #expect(try await client.get(prefix + "a") == nil)
            try await client.set(prefix + "a", value: ByteBuffer(string: #"{"id":"a"}"#))
            try await client.set(prefix + "b", value: ByteBuffer(bytes: [0, 13, 10, 255]))
            #expect(try await client.get(prefix + "a") == ByteBuffer(string: #"{"id":"a"}"#))
            let values = try await client.mget([prefix + "a", prefix + "missing", prefix + "b"])
            #expect(values == [ByteBuffer(string: #"{"id":"a"}"#), nil, ByteBuffer(bytes: [0, 13, 10, 255])])
            #expect(try await client.delete([prefix + "a", prefix + "missing"]) == 1)
            #expect(try await client.get(prefix + "a") == nil)
        }
    }

    @Test
    func setWithEXAndPXSetsTheServersTTL() async throws {
        try await withClient { client, prefix in
            try await client.set(prefix + "ex", value: ByteBuffer(string: "v"), expiresIn: .seconds(300))
            try await client.set(prefix + "px", value: ByteBuffer(string: "v"), expiresIn: .milliseconds(59_500))
            let ttl = try await client.send(RedisCommand("TTL", [.string(prefix + "ex")])).integer
            let pttl = try await client.send(RedisCommand("PTTL", [.string(prefix + "px")])).integer
            #expect(ttl.map { (240...300).contains($0) } == true)
            // PX keeps the milliseconds (rounded up to EX 60 the server would hold up to 60,000); the lower bound leaves room
            // for a slow machine.
            #expect(pttl.map { (30_000...59_500).contains($0) } == true)
        }
    }

    @Test
    func theServerExpiresEntriesAtTheirTTL() async throws {
        try await withClient { client, prefix in
            try await client.set(prefix + "short", value: ByteBuffer(string: "v"), expiresIn: .milliseconds(4000))
            #expect(try await client.get(prefix + "short") != nil)
            try await Task.sleep(for: .milliseconds(5000))
            #expect(try await client.get(prefix + "short") == nil)
            #expect(try await client.send(RedisCommand("TTL", [.string(prefix + "short")])).integer == -2)
        }
    }

    @Test
    func theReadCacheStoresItsTTLOnTheServer() async throws {
        try await withClient { client, prefix in
            let cache = ReadCache(backend: RedisBackend(client: client), configuration: .init(ttl: .seconds(300), notFoundTTL: .seconds(30)))
            _ = try await cache.value(for: prefix + "item") { ByteBuffer(string: "json") }
            _ = try await cache.value(for: prefix + "gone") { nil }
            let ttl = try await client.send(RedisCommand("TTL", [.string(prefix + "item")])).integer
            let markerTTL = try await client.send(RedisCommand("TTL", [.string(prefix + "gone" + RedisBackend.notFoundSuffix)])).integer
            #expect(ttl.map { (240...300).contains($0) } == true)
            #expect(markerTTL.map { (10...30).contains($0) } == true)
            // The value is stored as is, so redis-cli shows the JSON.
            #expect(try await client.get(prefix + "item") == ByteBuffer(string: "json"))
        }
    }

    @Test
    func errorRepliesThrowTheServersMessage() async throws {
        try await withClient { client, prefix in
            _ = try await client.send(RedisCommand("LPUSH", [.string(prefix + "list"), "x"]))
            let error = await #expect(throws: RedisError.self) { try await client.get(prefix + "list") }
            #expect(error?.code == "WRONGTYPE")
            #expect(error?.message == "WRONGTYPE Operation against a key holding the wrong kind of value")
            #expect(error?.command == "GET")
            let unknown = await #expect(throws: RedisError.self) { try await client.send(RedisCommand("NOSUCHCOMMAND")) }
            #expect(unknown?.code == "ERR")
            // The connection is still in step after the refusals.
            try await client.ping()
        }
    }

    @Test
    func aPipelineOfAThousandCommandsGetsItsRepliesInOrder() async throws {
        try await withClient(poolSize: 1) { client, prefix in
            let sets = (0..<1000).map { RedisCommand.set(prefix + "\($0)", value: ByteBuffer(string: "value \($0)")) }
            let setReplies = try await client.pipeline(sets)
            #expect(setReplies.count == 1000 && setReplies.allSatisfy { $0 == .simpleString("OK") })
            let gets = (0..<1000).map { RedisCommand.get(prefix + "\($0)") }
            let replies = try await client.pipeline(gets)
            #expect(replies == (0..<1000).map { .bulkString(ByteBuffer(string: "value \($0)")) })
        }
    }

    @Test
    func aThousandConcurrentCommandsShareOneConnection() async throws {
        try await withClient(poolSize: 1) { client, prefix in
            try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<1000 {
                    group.addTask {
                        let key = prefix + "c\(index)"
                        try await client.set(key, value: ByteBuffer(string: "\(index)"))
                        return try await client.get(key) == ByteBuffer(string: "\(index)")
                    }
                }
                var matched = 0
                for try await ok in group where ok { matched += 1 }
                #expect(matched == 1000)
            }
            var connectionIDs = Set<Int64>()
            for _ in 0..<5 {
                connectionIDs.insert(try #require(try await client.send(RedisCommand("CLIENT", ["ID"])).integer))
            }
            #expect(connectionIDs.count == 1)
        }
    }

    @Test
    func aLateReplyTimesOutAndTheNextCommandReconnects() async throws {
        try await withClient(poolSize: 1, commandTimeout: .milliseconds(200)) { client, prefix in
            let error = await #expect(throws: RedisClientError.self) {
                try await client.send(RedisCommand("BLPOP", [.string(prefix + "empty"), "0"]))
            }
            #expect(error?.isTimeout == true)
            #expect(error?.description.contains("did not reply to BLPOP within 200 ms") == true)
            try await client.ping()
        }
    }
}

extension RedisClientTests {
    @Test
    func aShutDownClientRefusesCommands() async throws {
        let server = try #require(RedisServer.shared)
        let client = RedisClient(configuration: .init(url: server.url))
        try await client.ping()
        await client.shutdown()
        let error = await #expect(throws: RedisClientError.self) { try await client.ping() }
        #expect(error?.description == "The Redis client was shut down; commands can no longer be sent.")
    }

    @Test
    func nothingListeningIsReportedAsUnreachableThenBacksOff() async throws {
        let server = try await RedisServer.start()
        let url = server.url
        await server.stop()
        let client = RedisClient(configuration: .init(url: url, initialBackoff: .seconds(30)))
        let refused = await #expect(throws: RedisClientError.self) { try await client.ping() }
        #expect(refused?.isUnreachable == true)
        #expect(refused?.description.hasPrefix("Could not connect to Redis at 127.0.0.1:\(url.port)") == true)
        // Within the backoff the client does not try again: it fails fast and says when it will.
        let backingOff = await #expect(throws: RedisClientError.self) { try await client.ping() }
        #expect(backingOff?.isUnreachable == true)
        #expect(backingOff?.description.contains("the next connection attempt is in") == true)
        await client.shutdown()
    }
}

/// `AUTH` and `SELECT` from the URL, against a server that requires a password.
struct RedisAuthenticationTests {
    @Test
    func theURLsPasswordAndDatabaseAreUsedOnEveryConnection() async throws {
        let server = try await RedisServer.start(arguments: ["--requirepass", "s3cret"])
        let database3 = RedisClient(configuration: .init(url: try RedisURL("redis://:s3cret@127.0.0.1:\(server.port)/3")))
        let database0 = RedisClient(configuration: .init(url: try RedisURL("redis://default:s3cret@127.0.0.1:\(server.port)")))
        let wrong = RedisClient(configuration: .init(url: try RedisURL("redis://:nope@127.0.0.1:\(server.port)")))
        let anonymous = RedisClient(configuration: .init(url: server.url))
        do {
            try await database3.set("k", value: ByteBuffer(string: "in 3"))
            #expect(try await database3.get("k") == ByteBuffer(string: "in 3"))
            #expect(try await database0.get("k") == nil)

            let refused = await #expect(throws: RedisError.self) { try await wrong.ping() }
            #expect(refused?.code == "WRONGPASS")
            #expect(refused?.command == "AUTH")
            let unauthenticated = await #expect(throws: RedisError.self) { try await anonymous.get("k") }
            #expect(unauthenticated?.code == "NOAUTH")
        } catch {
            Issue.record(error)
        }
        for client in [database3, database0, wrong, anonymous] { await client.shutdown() }
        await server.stop()
    }
}
