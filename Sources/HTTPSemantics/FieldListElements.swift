/// The elements of a comma-separated field value (`#element`, RFC 9110 §5.6.1), as byte ranges.
///
/// Commas inside quoted strings do not split, each element is trimmed of optional whitespace, and empty
/// elements are skipped, as §5.6.1 requires of recipients. Nothing is allocated.
struct FieldListElements: Sequence, IteratorProtocol {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position: Int
    private let end: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>? = nil) {
        self.bytes = bytes
        self.position = range?.lowerBound ?? 0
        self.end = range?.upperBound ?? bytes.count
    }

    mutating func next() -> Range<Int>? {
        while position < end {
            let start = position
            var index = position
            var isQuoted = false
            while index < end {
                let byte = bytes[index]
                if isQuoted {
                    if byte == ASCII.backslash {
                        index += 1
                    } else if byte == ASCII.quote {
                        isQuoted = false
                    }
                } else if byte == ASCII.quote {
                    isQuoted = true
                } else if byte == ASCII.comma {
                    break
                }
                index += 1
            }
            let elementEnd = Swift.min(index, end)
            position = elementEnd + 1
            let element = bytes.trimmingWhitespace(start..<elementEnd)
            if !element.isEmpty {
                return element
            }
        }
        return nil
    }
}
