import Foundation
import HTTPSemantics
import Testing

@Suite("HTTPDate.parse")
struct HTTPDateParseTests {
    /// The instant RFC 9110 §5.6.7 spells in all three formats.
    static let rfcExample = 784_111_777
    /// 2026-01-01T00:00:00Z
    static let now2026 = 1_767_225_600

    @Test(
        "reads the three RFC 9110 formats and tolerated variants",
        arguments: [
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "Sun Nov 06 08:49:37 1994",
            "Sunday, 06-Nov-1994 08:49:37 GMT",
            "sun, 06 nov 1994 08:49:37 gmt",
            "SUN, 06 NOV 1994 08:49:37 GMT",
            "  Sun, 06 Nov 1994 08:49:37 GMT\t",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Mon, 06 Nov 1994 08:49:37 GMT",
            "Sun, 06-Nov-94 08:49:37 GMT",
        ]
    )
    func readsExample(value: String) {
        #expect(HTTPDate.parse(value, now: Self.now2026) == Self.rfcExample)
    }

    @Test(
        "range-checks calendar fields",
        arguments: [
            ("Tue, 29 Feb 2000 00:00:00 GMT", 951_782_400),
            ("Fri, 31 Dec 1999 23:59:59 GMT", 946_684_799),
            ("Sun, 06 Nov 1994 23:59:60 GMT", 784_166_400),
            ("Thu, 01 Jan 1970 00:00:00 GMT", 0),
            ("Wed, 31 Dec 1969 23:59:59 GMT", -1),
        ]
    )
    func calendarEdges(value: String, expected: Int) {
        #expect(HTTPDate.parse(value, now: Self.now2026) == expected)
    }

    @Test(
        "rejects what is not an HTTP-date",
        arguments: [
            "",
            "   ",
            "Sun, 06 Nov 1994 08:49:37",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 06 Nov 1994 08:49:37 +0000",
            "Sun, 06 Nov 1994 08:49:37 GMT extra",
            "Sun, 31 Apr 1994 08:49:37 GMT",
            "Mon, 29 Feb 2100 00:00:00 GMT",
            "Sun, 00 Nov 1994 08:49:37 GMT",
            "Sun, 32 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06 Nov 1994 08:60:00 GMT",
            "Sun, 06 Nov 1994 08:49:61 GMT",
            "Sun, 06 Nov 1994 8:49:37 GMT",
            "Sun, 06 Nov 1994 08:49 GMT",
            "Xyz, 06 Nov 1994 08:49:37 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 06 Nov 94 08:49:37 GMT",
            "Sun, 06 Nov 19945 08:49:37 GMT",
            "Sun, 106 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-945 08:49:37 GMT",
            "Sunday, 06-Nov 94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 94",
            "Sun Nov  6 08:49:37 1994 GMT",
            "Sun,06 Nov 1994 08:49:37 GMT",
            "1994-11-06T08:49:37Z",
            "784111777",
            "Sun, 06 Nov 1994 08:49:37 GMT, Mon, 07 Nov 1994 08:49:37 GMT",
        ]
    )
    func rejectsInvalid(value: String) {
        #expect(HTTPDate.parse(value, now: Self.now2026) == nil)
    }

    @Test(
        "places RFC 850 two-digit years no more than 50 years ahead of now",
        arguments: [
            ("Sunday, 06-Nov-94 08:49:37 GMT", HTTPDateParseTests.now2026, 784_111_777),
            ("Friday, 06-Nov-76 08:49:37 GMT", HTTPDateParseTests.now2026, 3_371_878_177),
            ("Sunday, 06-Nov-77 08:49:37 GMT", HTTPDateParseTests.now2026, 247_654_177),
            ("Wednesday, 01-Jan-70 00:00:00 GMT", HTTPDateParseTests.now2026, 3_155_760_000),
            ("Saturday, 06-Nov-00 08:49:37 GMT", 4_083_955_200, 4_129_174_177),
        ]
    )
    func twoDigitYears(value: String, now: Int, expected: Int) {
        #expect(HTTPDate.parse(value, now: now) == expected)
    }

    @Test("parse without now places two-digit years against the system clock")
    func usesSystemClock() {
        let now = Int(Date().timeIntervalSince1970)
        for value in ["Sunday, 06-Nov-94 08:49:37 GMT", "Thursday, 01-Jan-70 00:00:00 GMT", "Friday, 01-Jan-99 00:00:00 GMT"] {
            #expect(HTTPDate.parse(value) == HTTPDate.parse(value, now: now))
        }
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == Self.rfcExample)
    }

    @Test("reads a Substring in place")
    func readsSubstring() {
        let field = "Last-Modified: Sun, 06 Nov 1994 08:49:37 GMT"
        let value = field[field.index(field.startIndex, offsetBy: 14)...]
        #expect(HTTPDate.parse(value) == Self.rfcExample)
    }
}
