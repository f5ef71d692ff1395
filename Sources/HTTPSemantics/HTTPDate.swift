/// HTTP-date (RFC 9110 §5.6.7): written as IMF-fixdate, read in all three formats.
///
/// Values are whole seconds since 1970-01-01T00:00:00Z, the resolution HTTP dates have. Formatting uses
/// integer civil-date arithmetic, no `DateFormatter`, so refreshing a `Date` header every second or writing
/// `Last-Modified` costs one small string (or nothing, with ``write(epochSeconds:into:)``).
public enum HTTPDate {
    /// Length in bytes of every IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
    public static let formattedByteCount = 29

    /// The earliest instant an IMF-fixdate can spell: 0001-01-01T00:00:00Z.
    public static let earliestEpochSeconds = -62_135_596_800
    /// The latest instant an IMF-fixdate can spell: 9999-12-31T23:59:59Z.
    public static let latestEpochSeconds = 253_402_300_799

    private static let dayNames: StaticString = "SunMonTueWedThuFriSat"
    private static let monthNames: StaticString = "JanFebMarAprMayJunJulAugSepOctNovDec"

    /// `epochSeconds` as an IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
    ///
    /// Instants outside the four-digit years are clamped to ``earliestEpochSeconds`` ... ``latestEpochSeconds``.
    public static func format(epochSeconds: Int) -> String {
        String(unsafeUninitializedCapacity: formattedByteCount) { buffer in
            write(epochSeconds: epochSeconds, into: buffer)
        }
    }

    /// Writes `epochSeconds` as an IMF-fixdate into the first ``formattedByteCount`` bytes of `buffer`, for
    /// callers that patch a `Date` header inside a response they keep ready to send.
    ///
    /// - Precondition: `buffer.count >= formattedByteCount`.
    /// - Returns: ``formattedByteCount``, the number of bytes written.
    @discardableResult
    public static func write(epochSeconds: Int, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        precondition(buffer.count >= formattedByteCount, "HTTPDate.write needs a buffer of at least 29 bytes")
        let seconds = min(max(epochSeconds, earliestEpochSeconds), latestEpochSeconds)
        let days = floorDivide(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        let date = CivilDate(daysSinceEpoch: days)
        // 1970-01-01 was a Thursday, index 4 in `dayNames`.
        let weekday = ((days % 7) + 11) % 7

        copyName(dayNames, index: weekday, to: buffer, at: 0)
        buffer[3] = ASCII.comma
        buffer[4] = ASCII.space
        writeTwoDigits(date.day, to: buffer, at: 5)
        buffer[7] = ASCII.space
        copyName(monthNames, index: date.month - 1, to: buffer, at: 8)
        buffer[11] = ASCII.space
        writeTwoDigits(date.year / 100, to: buffer, at: 12)
        writeTwoDigits(date.year % 100, to: buffer, at: 14)
        buffer[16] = ASCII.space
        writeTwoDigits(secondOfDay / 3600, to: buffer, at: 17)
        buffer[19] = ASCII.colon
        writeTwoDigits(secondOfDay / 60 % 60, to: buffer, at: 20)
        buffer[22] = ASCII.colon
        writeTwoDigits(secondOfDay % 60, to: buffer, at: 23)
        buffer[25] = ASCII.space
        buffer[26] = 0x47  // G
        buffer[27] = 0x4D  // M
        buffer[28] = 0x54  // T
        return formattedByteCount
    }

    static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }

    private static func copyName(_ names: StaticString, index: Int, to buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        let start = names.utf8Start + index * 3
        buffer[offset] = start[0]
        buffer[offset + 1] = start[1]
        buffer[offset + 2] = start[2]
    }

    private static func writeTwoDigits(_ value: Int, to buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        buffer[offset] = ASCII.zero + UInt8(value / 10)
        buffer[offset + 1] = ASCII.zero + UInt8(value % 10)
    }
}
