import HTTPSemantics
import Testing

@Suite("Conditional.evaluate")
struct ConditionalTests {
    /// One request against one representation, and what S3 / RFC 9110 §13.2.2 answer.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var headers: ConditionalHeaders
        var isGetOrHead = true
        var etag: String? = ConditionalTests.etag
        var lastModified: Int? = ConditionalTests.lastModified
        var expected: ConditionalOutcome

        var testDescription: String { name }
    }

    static let etag = "\"e94e402d42b2ca551212dbac49d5a38b\""
    static let otherTag = "\"0123456789abcdef0123456789abcdef\""
    /// Mon, 31 Jul 2023 12:00:00 GMT
    static let lastModified = 1_690_804_800
    /// Wed, 30 Aug 2023 12:00:00 GMT
    static let now = 1_693_396_800
    static let minuteBefore = "Mon, 31 Jul 2023 11:59:00 GMT"
    static let atLastModified = "Mon, 31 Jul 2023 12:00:00 GMT"
    static let minuteAfter = "Mon, 31 Jul 2023 12:01:00 GMT"
    static let hourAfterNow = "Wed, 30 Aug 2023 13:00:00 GMT"

    static let notModified = ConditionalOutcome.notModified
    static let ifMatchFailed = ConditionalOutcome.preconditionFailed(condition: "If-Match")
    static let ifUnmodifiedSinceFailed = ConditionalOutcome.preconditionFailed(condition: "If-Unmodified-Since")
    static let ifNoneMatchFailed = ConditionalOutcome.preconditionFailed(condition: "If-None-Match")

    static let ifMatchCases: [Case] = [
        Case(name: "no preconditions", headers: ConditionalHeaders(), expected: .proceed),
        Case(name: "If-Match same tag", headers: ConditionalHeaders(ifMatch: etag), expected: .proceed),
        Case(name: "If-Match other tag", headers: ConditionalHeaders(ifMatch: otherTag), expected: ifMatchFailed),
        Case(name: "If-Match other tag, PUT", headers: ConditionalHeaders(ifMatch: otherTag), isGetOrHead: false, expected: ifMatchFailed),
        Case(name: "If-Match *", headers: ConditionalHeaders(ifMatch: "*"), expected: .proceed),
        Case(name: "If-Match * without a representation", headers: ConditionalHeaders(ifMatch: "*"), etag: nil, expected: ifMatchFailed),
        Case(name: "If-Match tag without a representation", headers: ConditionalHeaders(ifMatch: etag), etag: nil, expected: ifMatchFailed),
        Case(name: "If-Match list containing the tag", headers: ConditionalHeaders(ifMatch: "\(otherTag), \(etag)"), expected: .proceed),
        Case(name: "If-Match list without the tag", headers: ConditionalHeaders(ifMatch: "\(otherTag), \"x\""), expected: ifMatchFailed),
        Case(name: "If-Match weak tag: strong comparison fails", headers: ConditionalHeaders(ifMatch: "W/\(etag)"), expected: ifMatchFailed),
        Case(
            name: "If-Match strong tag against a weak ETag",
            headers: ConditionalHeaders(ifMatch: etag),
            etag: "W/\(etag)",
            expected: ifMatchFailed
        ),
        Case(name: "If-Match list, weak then strong", headers: ConditionalHeaders(ifMatch: "W/\(etag), \(etag)"), expected: .proceed),
        Case(
            name: "If-Match unquoted tag (S3)",
            headers: ConditionalHeaders(ifMatch: "e94e402d42b2ca551212dbac49d5a38b"),
            expected: .proceed
        ),
        Case(name: "If-Match empty counts as absent", headers: ConditionalHeaders(ifMatch: "  "), expected: .proceed),
        Case(name: "If-Match malformed member", headers: ConditionalHeaders(ifMatch: "\"e94e"), expected: ifMatchFailed),
    ]

    static let dateCases: [Case] = [
        Case(name: "If-Unmodified-Since at Last-Modified", headers: ConditionalHeaders(ifUnmodifiedSince: atLastModified), expected: .proceed),
        Case(name: "If-Unmodified-Since after Last-Modified", headers: ConditionalHeaders(ifUnmodifiedSince: minuteAfter), expected: .proceed),
        Case(
            name: "If-Unmodified-Since before Last-Modified",
            headers: ConditionalHeaders(ifUnmodifiedSince: minuteBefore),
            expected: ifUnmodifiedSinceFailed
        ),
        Case(
            name: "If-Unmodified-Since before Last-Modified, PUT",
            headers: ConditionalHeaders(ifUnmodifiedSince: minuteBefore),
            isGetOrHead: false,
            expected: ifUnmodifiedSinceFailed
        ),
        Case(name: "If-Unmodified-Since invalid date ignored", headers: ConditionalHeaders(ifUnmodifiedSince: "yesterday"), expected: .proceed),
        Case(
            name: "If-Unmodified-Since without Last-Modified ignored",
            headers: ConditionalHeaders(ifUnmodifiedSince: minuteBefore),
            lastModified: nil,
            expected: .proceed
        ),
        Case(name: "If-Modified-Since at Last-Modified", headers: ConditionalHeaders(ifModifiedSince: atLastModified), expected: notModified),
        Case(name: "If-Modified-Since after Last-Modified", headers: ConditionalHeaders(ifModifiedSince: minuteAfter), expected: notModified),
        Case(name: "If-Modified-Since before Last-Modified", headers: ConditionalHeaders(ifModifiedSince: minuteBefore), expected: .proceed),
        Case(name: "If-Modified-Since in the future ignored (S3)", headers: ConditionalHeaders(ifModifiedSince: hourAfterNow), expected: .proceed),
        Case(name: "If-Modified-Since invalid date ignored", headers: ConditionalHeaders(ifModifiedSince: "not a date"), expected: .proceed),
        Case(
            name: "If-Modified-Since ignored for other methods",
            headers: ConditionalHeaders(ifModifiedSince: minuteAfter),
            isGetOrHead: false,
            expected: .proceed
        ),
        Case(
            name: "If-Modified-Since without Last-Modified ignored",
            headers: ConditionalHeaders(ifModifiedSince: minuteAfter),
            lastModified: nil,
            expected: .proceed
        ),
        Case(
            name: "If-Modified-Since in RFC 850 format",
            headers: ConditionalHeaders(ifModifiedSince: "Monday, 31-Jul-23 12:00:00 GMT"),
            expected: notModified
        ),
        Case(
            name: "If-Modified-Since in asctime format",
            headers: ConditionalHeaders(ifModifiedSince: "Mon Jul 31 12:00:00 2023"),
            expected: notModified
        ),
    ]

    static let ifNoneMatchCases: [Case] = [
        Case(name: "If-None-Match same tag, GET", headers: ConditionalHeaders(ifNoneMatch: etag), expected: notModified),
        Case(name: "If-None-Match same tag, PUT", headers: ConditionalHeaders(ifNoneMatch: etag), isGetOrHead: false, expected: ifNoneMatchFailed),
        Case(name: "If-None-Match other tag", headers: ConditionalHeaders(ifNoneMatch: otherTag), expected: .proceed),
        Case(name: "If-None-Match other tag, PUT", headers: ConditionalHeaders(ifNoneMatch: otherTag), isGetOrHead: false, expected: .proceed),
        Case(name: "If-None-Match weak tag: weak comparison", headers: ConditionalHeaders(ifNoneMatch: "W/\(etag)"), expected: notModified),
        Case(name: "If-None-Match against a weak ETag", headers: ConditionalHeaders(ifNoneMatch: etag), etag: "W/\(etag)", expected: notModified),
        Case(name: "If-None-Match list containing the tag", headers: ConditionalHeaders(ifNoneMatch: "\"x\",\(etag)"), expected: notModified),
        Case(name: "If-None-Match list without the tag", headers: ConditionalHeaders(ifNoneMatch: "\"x\", \"y\""), expected: .proceed),
        Case(name: "If-None-Match *, GET", headers: ConditionalHeaders(ifNoneMatch: "*"), expected: notModified),
        Case(name: "If-None-Match *, PUT", headers: ConditionalHeaders(ifNoneMatch: "*"), isGetOrHead: false, expected: ifNoneMatchFailed),
        Case(name: "If-None-Match * without a representation", headers: ConditionalHeaders(ifNoneMatch: "*"), etag: nil, expected: .proceed),
        Case(
            name: "If-None-Match unquoted tag still matches (S3)",
            headers: ConditionalHeaders(ifNoneMatch: "e94e402d42b2ca551212dbac49d5a38b"),
            expected: notModified
        ),
        Case(name: "If-None-Match tag with a comma", headers: ConditionalHeaders(ifNoneMatch: "\"a,b\""), etag: "\"a,b\"", expected: notModified),
        Case(
            name: "If-None-Match part of a tag with a comma",
            headers: ConditionalHeaders(ifNoneMatch: "\"a\""),
            etag: "\"a,b\"",
            expected: .proceed
        ),
        Case(name: "If-None-Match against an unquoted ETag", headers: ConditionalHeaders(ifNoneMatch: "\"abc\""), etag: "abc", expected: notModified),
    ]

    /// aws-behaviour §2.5's precedence rules and the order of RFC 9110 §13.2.2 between fields.
    static let precedenceCases: [Case] = [
        Case(
            name: "If-Match true + If-Unmodified-Since false → 200 (S3)",
            headers: ConditionalHeaders(ifMatch: etag, ifUnmodifiedSince: minuteBefore),
            expected: .proceed
        ),
        Case(
            name: "If-Match false + If-Unmodified-Since true → 412 If-Match",
            headers: ConditionalHeaders(ifMatch: otherTag, ifUnmodifiedSince: minuteAfter),
            expected: ifMatchFailed
        ),
        Case(
            name: "If-None-Match false + If-Modified-Since true → 304 (S3)",
            headers: ConditionalHeaders(ifNoneMatch: etag, ifModifiedSince: minuteBefore),
            expected: notModified
        ),
        Case(
            name: "If-None-Match true + If-Modified-Since false → 200: If-Modified-Since ignored",
            headers: ConditionalHeaders(ifNoneMatch: otherTag, ifModifiedSince: minuteAfter),
            expected: .proceed
        ),
        Case(
            name: "If-Match true + If-None-Match false → 304",
            headers: ConditionalHeaders(ifMatch: etag, ifNoneMatch: etag),
            expected: notModified
        ),
        Case(
            name: "If-Match false + If-None-Match false → 412 If-Match",
            headers: ConditionalHeaders(ifMatch: otherTag, ifNoneMatch: etag),
            expected: ifMatchFailed
        ),
        Case(
            name: "If-Unmodified-Since false + If-None-Match false → 412 If-Unmodified-Since",
            headers: ConditionalHeaders(ifNoneMatch: etag, ifUnmodifiedSince: minuteBefore),
            expected: ifUnmodifiedSinceFailed
        ),
        Case(
            name: "If-Unmodified-Since true + If-Modified-Since false → 304",
            headers: ConditionalHeaders(ifModifiedSince: minuteAfter, ifUnmodifiedSince: minuteAfter),
            expected: notModified
        ),
        Case(
            name: "empty If-None-Match counts as absent: If-Modified-Since applies",
            headers: ConditionalHeaders(ifNoneMatch: "", ifModifiedSince: minuteAfter),
            expected: notModified
        ),
    ]

    @Test("If-Match", arguments: ifMatchCases)
    func ifMatch(_ testCase: Case) {
        #expect(evaluate(testCase) == testCase.expected)
    }

    @Test("If-Unmodified-Since and If-Modified-Since", arguments: dateCases)
    func dates(_ testCase: Case) {
        #expect(evaluate(testCase) == testCase.expected)
    }

    @Test("If-None-Match", arguments: ifNoneMatchCases)
    func ifNoneMatch(_ testCase: Case) {
        #expect(evaluate(testCase) == testCase.expected)
    }

    @Test("precedence between fields", arguments: precedenceCases)
    func precedence(_ testCase: Case) {
        #expect(evaluate(testCase) == testCase.expected)
    }

    @Test(
        "isEmpty sees any non-blank field",
        arguments: [
            (ConditionalHeaders(), true),
            (ConditionalHeaders(ifMatch: " ", ifNoneMatch: "", ifModifiedSince: "\t"), true),
            (ConditionalHeaders(ifMatch: "*"), false),
            (ConditionalHeaders(ifNoneMatch: "*"), false),
            (ConditionalHeaders(ifModifiedSince: minuteAfter), false),
            (ConditionalHeaders(ifUnmodifiedSince: minuteAfter), false),
        ]
    )
    func isEmpty(headers: ConditionalHeaders, expected: Bool) {
        #expect(headers.isEmpty == expected)
    }

    private func evaluate(_ testCase: Case) -> ConditionalOutcome {
        Conditional.evaluate(
            testCase.headers,
            isGetOrHead: testCase.isGetOrHead,
            etag: testCase.etag,
            lastModified: testCase.lastModified,
            now: Self.now
        )
    }
}
