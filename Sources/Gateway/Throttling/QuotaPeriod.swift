/// Which quota period an instant falls in, in UTC: days since the epoch, ISO weeks (Monday first), calendar months.
enum QuotaPeriod {
    /// A number that changes exactly when a new period of `period` begins.
    static func index(of period: Gateway.Configuration.QuotaSettings.Period, epochSeconds: Double) -> Int {
        let day = Int((epochSeconds / 86_400).rounded(.down))
        switch period {
        case .day:
            return day
        case .week:
            // 1970-01-01 was a Thursday; shifting by three days makes weeks start on Monday.
            return floorDivide(day + 3, 7)
        case .month:
            let date = civilDate(daysSinceEpoch: day)
            return date.year * 12 + (date.month - 1)
        }
    }

    /// Year, month (1-12) and day (1-31) of a day since 1970-01-01, by Howard Hinnant's civil-from-days algorithm.
    static func civilDate(daysSinceEpoch: Int) -> (year: Int, month: Int, day: Int) {
        let z = daysSinceEpoch + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func floorDivide(_ a: Int, _ b: Int) -> Int {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }
}
