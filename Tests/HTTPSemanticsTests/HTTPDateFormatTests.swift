import Foundation
import HTTPSemantics
import Testing

@Suite("HTTPDate.format")
struct HTTPDateFormatTests {
    @Test(
        "formats known instants as IMF-fixdate",
        arguments: [
            (784_111_777, "Sun, 06 Nov 1994 08:49:37 GMT"),
            (0, "Thu, 01 Jan 1970 00:00:00 GMT"),
            (-1, "Wed, 31 Dec 1969 23:59:59 GMT"),
            (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
            (946_684_799, "Fri, 31 Dec 1999 23:59:59 GMT"),
            (4_107_542_400, "Mon, 01 Mar 2100 00:00:00 GMT"),
            (-2_208_988_800, "Mon, 01 Jan 1900 00:00:00 GMT"),
            (-11_670_912_000, "Wed, 01 Mar 1600 00:00:00 GMT"),
            (1_690_804_800, "Mon, 31 Jul 2023 12:00:00 GMT"),
            (253_402_300_799, "Fri, 31 Dec 9999 23:59:59 GMT"),
        ]
    )
    func knownInstants(epochSeconds: Int, expected: String) {
        #expect(HTTPDate.format(epochSeconds: epochSeconds) == expected)
    }

    @Test(
        "clamps instants outside four-digit years",
        arguments: [
            (Int.max, "Fri, 31 Dec 9999 23:59:59 GMT"),
            (253_402_300_800, "Fri, 31 Dec 9999 23:59:59 GMT"),
            (Int.min, "Mon, 01 Jan 0001 00:00:00 GMT"),
            (-62_135_596_801, "Mon, 01 Jan 0001 00:00:00 GMT"),
        ]
    )
    func clampsOutOfRange(epochSeconds: Int, expected: String) {
        #expect(HTTPDate.format(epochSeconds: epochSeconds) == expected)
    }

    /// Instants spread over 1600...9999 (Foundation's Gregorian calendar turns Julian before 1582).
    static let sweep: [Int] = (0..<2_000).map { step in -11_670_912_000 + step * 131_803_921 + step % 86_400 }

    @Test("matches Foundation's DateFormatter across four centuries")
    func matchesFoundation() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        for epochSeconds in Self.sweep {
            let expected = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(epochSeconds)))
            #expect(HTTPDate.format(epochSeconds: epochSeconds) == expected, "epoch \(epochSeconds)")
        }
    }

    @Test("parse reads back what format writes")
    func roundTrip() {
        for epochSeconds in Self.sweep {
            #expect(HTTPDate.parse(HTTPDate.format(epochSeconds: epochSeconds)) == epochSeconds)
        }
    }

    @Test("write(into:) writes the same 29 bytes as format")
    func writeIntoBuffer() {
        var bytes = [UInt8](repeating: 0, count: 40)
        let written = bytes.withUnsafeMutableBufferPointer { HTTPDate.write(epochSeconds: 784_111_777, into: $0) }
        #expect(written == HTTPDate.formattedByteCount)
        #expect(Array(bytes[0..<written]) == Array("Sun, 06 Nov 1994 08:49:37 GMT".utf8))
        #expect(bytes[written...].allSatisfy { $0 == 0 })
    }
}
