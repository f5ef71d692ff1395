/// A forward-only reader over the bytes of an HTTP-date; every read either consumes what it matched or
/// nothing.
struct DateScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index: Int
    private let end: Int

    private static let shortDayNames: [StaticString] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
    private static let longDayNames: [StaticString] = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
    private static let monthNames: [StaticString] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    init(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) {
        self.bytes = bytes
        self.index = range.lowerBound
        self.end = range.upperBound
    }

    var isAtEnd: Bool { index == end }

    mutating func skip(_ byte: UInt8) -> Bool {
        guard index < end, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// One or more spaces; asctime pads a one-digit day with a second space.
    mutating func skipSpaces() -> Bool {
        let start = index
        while index < end, bytes[index] == ASCII.space { index += 1 }
        return index > start
    }

    /// A day name, short (`Sun`) or long (`Sunday`).
    mutating func dayName() -> Bool {
        let word = letters()
        for name in Self.shortDayNames where bytes.equalsIgnoringCase(word, name) { return true }
        for name in Self.longDayNames where bytes.equalsIgnoringCase(word, name) { return true }
        index = word.lowerBound
        return false
    }

    /// A three-letter month name, as 1...12.
    mutating func monthName() -> Int? {
        let word = letters()
        for (offset, name) in Self.monthNames.enumerated() where bytes.equalsIgnoringCase(word, name) {
            return offset + 1
        }
        index = word.lowerBound
        return nil
    }

    /// A decimal number of a digit count within `digits`.
    mutating func number(digits: ClosedRange<Int>) -> Int? {
        let start = index
        var value = 0
        while index < end, index - start < digits.upperBound, bytes[index].isASCIIDigit {
            value = value * 10 + Int(bytes[index] - ASCII.zero)
            index += 1
        }
        let count = index - start
        guard digits.contains(count), index == end || !bytes[index].isASCIIDigit else {
            index = start
            return nil
        }
        return value
    }

    /// `hour ":" minute ":" second`, each two digits, as seconds into the day.
    mutating func timeOfDay() -> Int? {
        let start = index
        guard let hour = number(digits: 2...2), hour <= 23, skip(ASCII.colon),
            let minute = number(digits: 2...2), minute <= 59, skip(ASCII.colon),
            let second = number(digits: 2...2), second <= 60
        else {
            index = start
            return nil
        }
        return hour * 3600 + minute * 60 + second
    }

    mutating func gmt() -> Bool {
        let word = letters()
        guard bytes.equalsIgnoringCase(word, "gmt") else {
            index = word.lowerBound
            return false
        }
        return true
    }

    private mutating func letters() -> Range<Int> {
        let start = index
        while index < end, (bytes[index] | 0x20) >= 0x61, (bytes[index] | 0x20) <= 0x7A { index += 1 }
        return start..<index
    }
}
