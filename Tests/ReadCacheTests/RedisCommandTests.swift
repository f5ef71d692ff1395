import NIOCore
import ReadCache
import Testing

struct RedisCommandTests {
    @Test
    func commandsAreArraysOfBulkStrings() {
        #expect(String(buffer: RedisCommand.get("shows:1").encoded) == "*2\r\n$3\r\nGET\r\n$7\r\nshows:1\r\n")
        #expect(String(buffer: RedisCommand.ping.encoded) == "*1\r\n$4\r\nPING\r\n")
        #expect(String(buffer: RedisCommand.del(["a", "bb"]).encoded) == "*3\r\n$3\r\nDEL\r\n$1\r\na\r\n$2\r\nbb\r\n")
        #expect(String(buffer: RedisCommand.mget(["a"]).encoded) == "*2\r\n$4\r\nMGET\r\n$1\r\na\r\n")
        #expect(String(buffer: RedisCommand.select(3).encoded) == "*2\r\n$6\r\nSELECT\r\n$1\r\n3\r\n")
        #expect(String(buffer: RedisCommand.auth(username: nil, password: "pw").encoded) == "*2\r\n$4\r\nAUTH\r\n$2\r\npw\r\n")
        #expect(
            String(buffer: RedisCommand.auth(username: "app", password: "pw").encoded) == "*3\r\n$4\r\nAUTH\r\n$3\r\napp\r\n$2\r\npw\r\n"
        )
    }

    @Test
    func lengthsCountUTF8BytesAndValuesMayHoldAnyByte() {
        let value = ByteBuffer(bytes: [0, 13, 10, 255])
        #expect(
            Array(RedisCommand.set("é", value: value).encoded.readableBytesView)
                == Array("*3\r\n$3\r\nSET\r\n$2\r\né\r\n$4\r\n".utf8) + [0, 13, 10, 255] + Array("\r\n".utf8)
        )
    }

    @Test(arguments: [
        (Duration.seconds(300), "EX", "300"),
        (.milliseconds(1500), "PX", "1500"),
        (.milliseconds(250), "PX", "250"),
        (.microseconds(1), "PX", "1"),
        (.microseconds(1_000_001), "PX", "1001"),
        (.zero, "PX", "1"),
    ])
    func setUsesEXForWholeSecondsAndPXOtherwise(_ ttl: Duration, _ option: String, _ amount: String) {
        let wire = String(buffer: RedisCommand.set("k", value: ByteBuffer(string: "v"), expiresIn: ttl).encoded)
        #expect(wire == "*5\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n$2\r\n\(option)\r\n$\(amount.count)\r\n\(amount)\r\n")
    }
}

struct RedisURLTests {
    @Test(arguments: [
        ("redis://localhost", RedisURL(host: "localhost")),
        ("redis://127.0.0.1:6380", RedisURL(host: "127.0.0.1", port: 6380)),
        ("redis://:s3cret@cache.local:6379/2", RedisURL(host: "cache.local", password: "s3cret", database: 2)),
        ("redis://app:p%40ss%3Aword@h/0", RedisURL(host: "h", username: "app", password: "p@ss:word")),
        ("redis://s3cret@h", RedisURL(host: "h", password: "s3cret")),
        ("REDIS://[::1]:7000/", RedisURL(host: "::1", port: 7000)),
        ("redis://h:1/15", RedisURL(host: "h", port: 1, database: 15)),
    ])
    func parses(_ text: String, _ expected: RedisURL) throws {
        #expect(try RedisURL(text) == expected)
    }

    @Test(arguments: [
        "http://localhost", "rediss://localhost", "redis://", "redis://:pw@", "redis://h:0", "redis://h:99999", "redis://h:port",
        "redis://h/db", "redis://h/-1", "redis://h?timeout=1", "redis://[::1", "redis://a:%zz@h",
    ])
    func refuses(_ text: String) {
        #expect(throws: RedisClientError.self) { try RedisURL(text) }
    }

    @Test
    func theDescriptionMasksThePassword() throws {
        #expect(try RedisURL("redis://app:secret@h:7/3").description == "redis://app:***@h:7/3")
        #expect(try RedisURL("redis://h").description == "redis://h:6379")
    }

    @Test
    func errorsSayHowToWriteTheURL() {
        do {
            _ = try RedisURL("rediss://h")
            Issue.record("accepted rediss")
        } catch {
            #expect(error.description.contains("TLS (rediss://) is not supported"))
            #expect(error.description.contains("redis://[[username]:password@]host[:port][/database]"))
        }
    }
}
