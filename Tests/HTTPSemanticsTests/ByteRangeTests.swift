import HTTPSemantics
import Testing

@Suite("ByteRange.evaluate")
struct ByteRangeTests {
    /// aws-behaviour §2.6, every row, against the 10-byte object `0123456789`.
    @Test(
        "S3's observed answers",
        arguments: [
            ("bytes=0-8", ByteRangeOutcome.partial(first: 0, last: 8)),
            ("bytes=1-", .partial(first: 1, last: 9)),
            ("bytes=-2", .partial(first: 8, last: 9)),
            ("bytes=-15", .partial(first: 0, last: 9)),
            ("bytes=0-100", .partial(first: 0, last: 9)),
            ("bytes=1-0", .whole),
            ("bytes=-1-", .whole),
            ("bytes=0--1", .whole),
            ("bytes=--", .whole),
            ("0-8", .whole),
            ("bytes=0-1,5-6", .whole),
            ("bytes=100-200", .unsatisfiable),
            ("bytes=-0", .unsatisfiable),
        ]
    )
    func s3Table(header: String, expected: ByteRangeOutcome) {
        #expect(ByteRange.evaluate(header, length: 10) == expected)
    }

    @Test(
        "single ranges: bounds and clamping",
        arguments: [
            ("bytes=0-0", ByteRangeOutcome.partial(first: 0, last: 0)),
            ("bytes=9-9", .partial(first: 9, last: 9)),
            ("bytes=9-", .partial(first: 9, last: 9)),
            ("bytes=0-", .partial(first: 0, last: 9)),
            ("bytes=0-9", .partial(first: 0, last: 9)),
            ("bytes=5-10", .partial(first: 5, last: 9)),
            ("bytes=-1", .partial(first: 9, last: 9)),
            ("bytes=-10", .partial(first: 0, last: 9)),
            ("bytes=10-", .unsatisfiable),
            ("bytes=10-10", .unsatisfiable),
            ("bytes=10-5", .whole),
            ("bytes=0-99999999999999999999999", .partial(first: 0, last: 9)),
            ("bytes=-99999999999999999999999", .partial(first: 0, last: 9)),
            ("bytes=99999999999999999999999-", .unsatisfiable),
            ("bytes=00000000000000000000003-4", .partial(first: 3, last: 4)),
        ]
    )
    func singleRanges(header: String, expected: ByteRangeOutcome) {
        #expect(ByteRange.evaluate(header, length: 10) == expected)
    }

    @Test(
        "unit case and whitespace are tolerated",
        arguments: [
            "Bytes=2-4", "BYTES=2-4", " bytes=2-4 ", "bytes =2-4", "bytes= 2-4", "bytes = 2 - 4", "bytes=\t2-4", "bytes=2-4,", "bytes=,2-4",
            "bytes=, ,2-4",
        ]
    )
    func tolerated(header: String) {
        #expect(ByteRange.evaluate(header, length: 10) == .partial(first: 2, last: 4))
    }

    @Test(
        "invalid syntax and other units are ignored",
        arguments: [
            "", "bytes", "bytes=", "bytes=,", "bytes=-", "bytes=abc", "bytes=1", "bytes 0-5", "bytes:0-5", "bytesx=0-5", "items=0-5",
            "bytes=+1-2", "bytes=0x1-2", "bytes=1.5-2", "bytes=1-2-3", "bytes=1 2-3", "bytes=\"1-2\"", "bytes=1-2;q=1", "bytes=2-4 junk",
        ]
    )
    func invalid(header: String) {
        #expect(ByteRange.evaluate(header, length: 10) == .whole)
    }

    /// aws-behaviour §1.13: unordered, overlapping or unsatisfiable multi-ranges get the whole object, and
    /// S3 serves no multi-range at all (§2.6).
    @Test(
        "every multi-range is answered whole",
        arguments: ["bytes=0-1,5-6", "bytes=5-6,0-1", "bytes=0-5,3-8", "bytes=0-1,0-1", "bytes=100-200,300-400", "bytes=-1,-2", "bytes=0-1, -0"]
    )
    func multiRange(header: String) {
        #expect(ByteRange.evaluate(header, length: 10) == .whole)
    }

    /// RFC 9110 §14.1.2: against zero bytes only a non-zero suffix range is satisfiable, and it is served
    /// whole because no Content-Range can describe it; every other range is 416, as S3 answers.
    @Test(
        "zero-length representations",
        arguments: [
            ("bytes=0-", ByteRangeOutcome.unsatisfiable),
            ("bytes=0-0", .unsatisfiable),
            ("bytes=0-100", .unsatisfiable),
            ("bytes=-0", .unsatisfiable),
            ("bytes=-1", .whole),
            ("bytes=-100", .whole),
            ("bytes=1-0", .whole),
            ("bytes=0-1,2-3", .whole),
        ]
    )
    func zeroLength(header: String, expected: ByteRangeOutcome) {
        #expect(ByteRange.evaluate(header, length: 0) == expected)
    }

    @Test("a negative length is treated as unknown")
    func negativeLength() {
        #expect(ByteRange.evaluate("bytes=0-1", length: -1) == .whole)
    }

    @Test("reads a Substring in place")
    func substring() {
        let field = "Range: bytes=3-5"
        #expect(ByteRange.evaluate(field.dropFirst(7), length: 10) == .partial(first: 3, last: 5))
    }

    @Test(
        "Content-Range values",
        arguments: [(0, 8, 10, "bytes 0-8/10"), (8, 9, 10, "bytes 8-9/10"), (0, 0, 1, "bytes 0-0/1")]
    )
    func contentRange(first: Int, last: Int, length: Int, expected: String) {
        #expect(ByteRange.contentRange(first: first, last: last, completeLength: length) == expected)
    }

    @Test("unsatisfied Content-Range value")
    func unsatisfiedContentRange() {
        #expect(ByteRange.unsatisfiedContentRange(completeLength: 10) == "bytes */10")
    }
}
