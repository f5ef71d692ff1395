import NIOCore
import NIOTestUtils
import Testing

@testable import ReadCache

struct RESPParserTests {
    /// Every RESP2 reply type, with its wire form.
    static let replies: [(wire: String, value: RESPValue)] = [
        ("+OK\r\n", .simpleString("OK")),
        ("+\r\n", .simpleString("")),
        ("-ERR unknown command 'FOO'\r\n", .error("ERR unknown command 'FOO'")),
        (
            "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
            .error("WRONGTYPE Operation against a key holding the wrong kind of value")
        ),
        (":0\r\n", .integer(0)),
        (":1000\r\n", .integer(1000)),
        (":-42\r\n", .integer(-42)),
        (":9223372036854775807\r\n", .integer(.max)),
        ("$5\r\nhello\r\n", .bulkString(ByteBuffer(string: "hello"))),
        ("$0\r\n\r\n", .bulkString(ByteBuffer())),
        ("$-1\r\n", .bulkString(nil)),
        ("$8\r\na\r\nb\r\n\r\n\r\n", .bulkString(ByteBuffer(string: "a\r\nb\r\n\r\n"))),
        ("*0\r\n", .array([])),
        ("*-1\r\n", .array(nil)),
        (
            "*3\r\n$3\r\nfoo\r\n$-1\r\n$3\r\nbar\r\n",
            .array([.bulkString(ByteBuffer(string: "foo")), .bulkString(nil), .bulkString(ByteBuffer(string: "bar"))])
        ),
        (
            "*2\r\n*3\r\n:1\r\n:2\r\n:3\r\n*2\r\n+Foo\r\n-Bar\r\n",
            .array([.array([.integer(1), .integer(2), .integer(3)]), .array([.simpleString("Foo"), .error("Bar")])])
        ),
        ("*2\r\n*-1\r\n*0\r\n", .array([.array(nil), .array([])])),
    ]

    @Test(arguments: replies.indices)
    func parsesEachReplyType(_ index: Int) throws {
        let (wire, value) = Self.replies[index]
        var buffer = ByteBuffer(string: wire)
        #expect(try RESPParser().parse(&buffer) == value)
        #expect(buffer.readableBytes == 0)
    }

    @Test
    func aReplySplitAtEveryByteBoundaryParsesOnceComplete() throws {
        let wire = Self.replies.map(\.wire).joined()
        let expected = Self.replies.map(\.value)
        let all = Array(wire.utf8)
        let parser = RESPParser()
        for split in 0...all.count {
            var buffer = ByteBuffer(bytes: all[..<split])
            var parsed: [RESPValue] = []
            while let value = try parser.parse(&buffer) { parsed.append(value) }
            // Only whole replies come out of the first part; what is left is the start of the next one.
            #expect(expected.starts(with: parsed), "split at \(split)")
            buffer.writeBytes(all[split...])
            while let value = try parser.parse(&buffer) { parsed.append(value) }
            #expect(parsed == expected, "split at \(split)")
            #expect(buffer.readableBytes == 0)
        }
    }

    @Test
    func anIncompleteReplyLeavesTheBufferUntouched() throws {
        for wire in ["$5\r\nhel", "*2\r\n:1\r\n", "+OK\r", ":12", "$5\r\nhello\r"] {
            var buffer = ByteBuffer(string: wire)
            #expect(try RESPParser().parse(&buffer) == nil)
            #expect(buffer.readableBytes == wire.utf8.count)
        }
    }

    @Test
    func bulkStringsAreSlicesOfTheReceivedBuffer() throws {
        var buffer = ByteBuffer(string: "$3\r\nabc\r\n")
        guard case .bulkString(let bytes?) = try RESPParser().parse(&buffer) else {
            Issue.record("not a bulk string")
            return
        }
        #expect(bytes.readableBytes == 3)
        #expect(String(buffer: bytes) == "abc")
    }

    @Test(arguments: [
        "?what\r\n", ":12a\r\n", ":\r\n", ":-\r\n", "$3\r\nabcd\r\n", "$-2\r\n", "*-5\r\n", "+OK\rX", ":99999999999999999999\r\n",
    ])
    func malformedRepliesAreProtocolErrors(_ wire: String) {
        var buffer = ByteBuffer(string: wire)
        #expect(throws: RESPProtocolError.self) { try RESPParser().parse(&buffer) }
    }

    @Test
    func limitsGuardAgainstAHostilePeer() {
        var deep = ByteBuffer(string: String(repeating: "*1\r\n", count: 10) + ":1\r\n")
        #expect(throws: RESPProtocolError.nestedTooDeep(4)) { try RESPParser(maximumDepth: 4).parse(&deep) }
        var long = ByteBuffer(string: "+" + String(repeating: "a", count: 100))
        #expect(throws: RESPProtocolError.lineTooLong(64)) { try RESPParser(maximumLineLength: 64).parse(&long) }
        var huge = ByteBuffer(string: "$1000\r\n")
        #expect(throws: RESPProtocolError.invalidLength(1000)) { try RESPParser(maximumBulkLength: 999).parse(&huge) }
    }

    @Test
    func theDecoderPassesNIOsVerifier() throws {
        try ByteToMessageDecoderVerifier.verifyDecoder(
            inputOutputPairs: Self.replies.map { (ByteBuffer(string: $0.wire), [$0.value]) },
            decoderFactory: { RESPReplyDecoder() }
        )
    }
}
