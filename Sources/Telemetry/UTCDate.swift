import HTTPSemantics

/// A UTC calendar date and time of day from epoch seconds, without Foundation's formatters.
struct UTCDate: Hashable, Sendable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int

    /// The date and time of a whole epoch second (proleptic Gregorian calendar).
    init(epochSecond: Int) {
        let days = epochSecond >= 0 ? epochSecond / 86_400 : (epochSecond - 86_399) / 86_400
        let secondOfDay = epochSecond - days * 86_400
        hour = secondOfDay / 3_600
        minute = secondOfDay % 3_600 / 60
        second = secondOfDay % 60
        let date = CivilDate(daysSinceEpoch: days)
        (year, month, day) = (date.year, date.month, date.day)
    }

    /// `YYYY-MM-DD`.
    func appendDate(to bytes: inout [UInt8]) {
        AccessLogFormat.appendDecimal(year, minimumDigits: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        AccessLogFormat.appendDecimal(month, minimumDigits: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        AccessLogFormat.appendDecimal(day, minimumDigits: 2, to: &bytes)
    }

    /// `HH:MM:SS`.
    func appendTime(to bytes: inout [UInt8]) {
        AccessLogFormat.appendDecimal(hour, minimumDigits: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        AccessLogFormat.appendDecimal(minute, minimumDigits: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        AccessLogFormat.appendDecimal(second, minimumDigits: 2, to: &bytes)
    }

    /// `YYYY-MM-DD-HH`, the period in a log file's name.
    var hourStamp: String {
        var bytes: [UInt8] = []
        appendDate(to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        AccessLogFormat.appendDecimal(hour, minimumDigits: 2, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The `date<TAB>time` text of the last second formatted, reused while the second lasts.
struct DateCache {
    private var second = Int.min
    private var text: [UInt8] = []

    mutating func append(epochSeconds: Double, to line: inout [UInt8]) {
        let whole = epochSeconds.isFinite ? Int(epochSeconds.rounded(.down)) : 0
        if whole != second {
            second = whole
            text.removeAll(keepingCapacity: true)
            let date = UTCDate(epochSecond: whole)
            date.appendDate(to: &text)
            text.append(UInt8(ascii: "\t"))
            date.appendTime(to: &text)
        }
        line.append(contentsOf: text)
    }
}
