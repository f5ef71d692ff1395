/// The ISO 8601 timestamps of AWS's XML APIs, S3's and CloudFront's alike (`2009-10-12T17:50:30.000Z`): UTC,
/// milliseconds always shown.
public enum ISO8601Timestamp {
    public static func format(epochSeconds: Double) -> String {
        format(epochMilliseconds: Int((epochSeconds * 1_000).rounded(.down)))
    }

    public static func format(epochSeconds: Int) -> String {
        format(epochMilliseconds: epochSeconds * 1_000)
    }

    public static func format(epochMilliseconds: Int) -> String {
        let (seconds, milliseconds) = floorDivision(epochMilliseconds, 1_000)
        let (days, secondOfDay) = floorDivision(seconds, 86_400)
        let date = CivilDate(daysSinceEpoch: days)
        return pad(date.year, 4) + "-" + pad(date.month, 2) + "-" + pad(date.day, 2) + "T" + pad(secondOfDay / 3_600, 2) + ":"
            + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2) + "." + pad(milliseconds, 3) + "Z"
    }

    /// Quotient rounded down and a remainder that is never negative, so instants before 1970 read right.
    private static func floorDivision(_ value: Int, _ divisor: Int) -> (quotient: Int, remainder: Int) {
        let remainder = ((value % divisor) + divisor) % divisor
        return ((value - remainder) / divisor, remainder)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
