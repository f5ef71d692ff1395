extension HTTPDate {
    /// Reads an HTTP-date in any of the three formats of RFC 9110 §5.6.7, as epoch seconds; nil if invalid.
    ///
    /// Accepted, surrounded by optional whitespace:
    /// - IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT`
    /// - RFC 850 `Sunday, 06-Nov-94 08:49:37 GMT` (a four-digit year is accepted too)
    /// - asctime `Sun Nov  6 08:49:37 1994`
    ///
    /// Names are matched without regard to case. The weekday must be a weekday name but is not checked
    /// against the date, as most servers do. Calendar fields are range-checked (no 31 April, 29 February only
    /// in leap years); a second of 60 is taken as a leap second. An RFC 850 two-digit year is placed by
    /// §5.6.7's rule, relative to the current time.
    public static func parse(_ value: some StringProtocol) -> Int? {
        withUTF8Bytes(value) { bytes in
            parse(bytes, now: { WallClock.epochSeconds() })
        }
    }

    /// Reads an HTTP-date as ``parse(_:)`` does, placing an RFC 850 two-digit year relative to `now`
    /// (epoch seconds): a year that would be more than 50 years after `now` is taken from the century before.
    public static func parse(_ value: some StringProtocol, now: Int) -> Int? {
        withUTF8Bytes(value) { bytes in
            parse(bytes, now: { now })
        }
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, now: () -> Int) -> Int? {
        var scanner = DateScanner(bytes, range: bytes.trimmingWhitespace(0..<bytes.count))
        guard scanner.dayName() else { return nil }

        let year: Int
        let month: Int
        let day: Int
        let secondOfDay: Int
        if scanner.skip(ASCII.comma) {
            // IMF-fixdate or RFC 850: day, then SP (IMF) or "-" (RFC 850) before the month.
            guard scanner.skipSpaces(), let dayValue = scanner.number(digits: 1...2) else { return nil }
            day = dayValue
            if scanner.skip(ASCII.hyphen) {
                guard let monthValue = scanner.monthName(), scanner.skip(ASCII.hyphen) else { return nil }
                month = monthValue
                if let fullYear = scanner.number(digits: 4...4) {
                    year = fullYear
                } else if let shortYear = scanner.number(digits: 2...2) {
                    year = fullYear(fromTwoDigits: shortYear, now: now())
                } else {
                    return nil
                }
            } else {
                guard scanner.skipSpaces(), let monthValue = scanner.monthName(), scanner.skipSpaces(),
                    let yearValue = scanner.number(digits: 4...4)
                else { return nil }
                month = monthValue
                year = yearValue
            }
            guard scanner.skipSpaces(), let time = scanner.timeOfDay(), scanner.skipSpaces(), scanner.gmt(), scanner.isAtEnd
            else { return nil }
            secondOfDay = time
        } else {
            // asctime: month SP ( 2DIGIT / ( SP DIGIT ) ) SP time-of-day SP year.
            guard scanner.skipSpaces(), let monthValue = scanner.monthName(), scanner.skipSpaces(),
                let dayValue = scanner.number(digits: 1...2), scanner.skipSpaces(), let time = scanner.timeOfDay(),
                scanner.skipSpaces(), let yearValue = scanner.number(digits: 4...4), scanner.isAtEnd
            else { return nil }
            month = monthValue
            day = dayValue
            year = yearValue
            secondOfDay = time
        }
        guard day >= 1, day <= CivilDate.daysInMonth(month, year: year) else { return nil }
        return CivilDate(year: year, month: month, day: day).daysSinceEpoch * 86_400 + secondOfDay
    }

    /// RFC 9110 §5.6.7: a two-digit year that appears more than 50 years in the future is the most recent
    /// past year with the same last two digits.
    static func fullYear(fromTwoDigits twoDigits: Int, now: Int) -> Int {
        let currentYear = CivilDate(daysSinceEpoch: floorDivide(now, 86_400)).year
        var year = currentYear - currentYear % 100 + twoDigits
        if year > currentYear + 50 {
            year -= 100
        } else if year + 100 <= currentYear + 50 {
            year += 100
        }
        return year
    }
}
