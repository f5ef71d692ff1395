/// CloudFront's timestamps in XML: ISO 8601 in UTC with milliseconds, like `2019-12-05T18:40:49.413Z`.
enum CloudFrontTimestamp {
    static func iso8601(_ epochSeconds: Double) -> String {
        let milliseconds = Int((epochSeconds * 1_000).rounded(.down))
        let seconds = milliseconds.quotientAndRemainder(dividingBy: 1_000)
        let (days, secondOfDay) = seconds.quotient.quotientAndRemainder(dividingBy: 86_400)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(secondOfDay / 3_600, 2) + ":"
            + pad(secondOfDay % 3_600 / 60, 2) + ":" + pad(secondOfDay % 60, 2) + "." + pad(seconds.remainder, 3) + "Z"
    }

    /// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian), for days on or after 1970-01-01.
    private static func civilDate(daysSinceEpoch: Int) -> (year: Int, month: Int, day: Int) {
        let z = daysSinceEpoch + 719_468
        let era = z / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
