/// Splitting one line of a text trace into fields and reading numbers from bytes, without building strings
/// for the common numeric columns.
struct ByteFields {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var ranges: ContiguousArray<Range<Int>> = []

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        ranges.reserveCapacity(40)
    }

    var count: Int { ranges.count }

    /// Splits `line` at `delimiter`, or at runs of spaces and tabs when `delimiter` is `nil`.
    mutating func split(_ line: Range<Int>, delimiter: UInt8?) {
        ranges.removeAll(keepingCapacity: true)
        if let delimiter {
            var start = line.lowerBound
            for position in line where bytes[position] == delimiter {
                ranges.append(start..<position)
                start = position + 1
            }
            ranges.append(start..<line.upperBound)
        } else {
            var position = line.lowerBound
            while position < line.upperBound {
                while position < line.upperBound && Self.isBlank(bytes[position]) { position += 1 }
                let start = position
                while position < line.upperBound && !Self.isBlank(bytes[position]) { position += 1 }
                if position > start { ranges.append(start..<position) }
            }
        }
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 }

    /// The field's text without surrounding spaces and double quotes.
    func text(_ field: Int) -> String {
        var range = ranges[field]
        while range.lowerBound < range.upperBound && (bytes[range.lowerBound] == 32 || bytes[range.lowerBound] == 34) {
            range = (range.lowerBound + 1)..<range.upperBound
        }
        while range.lowerBound < range.upperBound && (bytes[range.upperBound - 1] == 32 || bytes[range.upperBound - 1] == 34) {
            range = range.lowerBound..<(range.upperBound - 1)
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// The field as an unsigned decimal number, or `nil` if it is anything else (or overflows).
    func unsigned(_ field: Int) -> UInt64? {
        let range = ranges[field]
        guard !range.isEmpty else { return nil }
        var value: UInt64 = 0
        for position in range {
            let digit = bytes[position] &- 48
            guard digit < 10 else { return nil }
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = shifted.addingReportingOverflow(UInt64(digit))
            guard !overflowA && !overflowB else { return nil }
            value = sum
        }
        return value
    }

    /// The field as a non-negative `Int`, or `nil`.
    func count(_ field: Int) -> Int? {
        guard let value = unsigned(field), value <= UInt64(Int.max) else { return nil }
        return Int(value)
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Calls `body` with each line's byte range (without the line break or a trailing `\r`) and its 1-based number.
    func forEachLine(_ body: (Range<Int>, Int) throws(ReplayError) -> Void) throws(ReplayError) {
        var start = 0
        var number = 0
        while start < count {
            var end = start
            while end < count && self[end] != 10 { end += 1 }
            number += 1
            var lineEnd = end
            if lineEnd > start && self[lineEnd - 1] == 13 { lineEnd -= 1 }
            try body(start..<lineEnd, number)
            start = end + 1
        }
    }
}
