/// Runs `body` over the UTF-8 bytes of `value`, without copying when the string's storage is contiguous.
///
/// Native `String` and `Substring` values are always contiguous, so the per-request parsers built on this
/// allocate nothing; only a bridged or otherwise foreign string pays for one copy. Inlinable so that public
/// entry points taking sequences of strings are specialised at the call site: iterating an unspecialised
/// generic `Sequence` costs a heap-allocated accessor frame per element.
@inlinable
func withUTF8Bytes<Result>(_ value: some StringProtocol, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    if let result = value.utf8.withContiguousStorageIfAvailable(body) {
        return result
    }
    var copy = String(value)
    return copy.withUTF8(body)
}

/// The ASCII bytes the field grammars of RFC 9110 §5.6 are spelled with.
enum ASCII {
    static let tab: UInt8 = 0x09
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let comma: UInt8 = 0x2C
    static let hyphen: UInt8 = 0x2D
    static let period: UInt8 = 0x2E
    static let slash: UInt8 = 0x2F
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let equals: UInt8 = 0x3D
    static let asterisk: UInt8 = 0x2A
    static let backslash: UInt8 = 0x5C
    static let upperW: UInt8 = 0x57
}

extension UInt8 {
    /// Optional whitespace (OWS, RFC 9110 §5.6.3): space or horizontal tab.
    var isOptionalWhitespace: Bool { self == ASCII.space || self == ASCII.tab }

    var isASCIIDigit: Bool { self >= ASCII.zero && self <= ASCII.nine }

    /// `tchar` of RFC 9110 §5.6.2, the characters a token is made of.
    var isTokenCharacter: Bool {
        switch self {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A:
            return true
        case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x5E, 0x5F, 0x60, 0x7C, 0x7E:
            return true
        default:
            return false
        }
    }

    /// `etagc` of RFC 9110 §8.8.3: any visible character but the double quote, or obs-text.
    var isEntityTagCharacter: Bool { self == 0x21 || (self >= 0x23 && self != 0x7F) }

    var lowercasedASCII: UInt8 { self >= 0x41 && self <= 0x5A ? self | 0x20 : self }
}

extension UnsafeBufferPointer<UInt8> {
    /// `range` without leading and trailing optional whitespace.
    func trimmingWhitespace(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper && self[lower].isOptionalWhitespace { lower += 1 }
        while upper > lower && self[upper - 1].isOptionalWhitespace { upper -= 1 }
        return lower..<upper
    }

    /// Whether the bytes in `range` spell `literal`, ignoring ASCII case; `literal` must be lowercase ASCII.
    func equalsIgnoringCase(_ range: Range<Int>, _ literal: StaticString) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        var offset = 0
        for index in range {
            guard self[index].lowercasedASCII == expected[offset] else { return false }
            offset += 1
        }
        return true
    }

    /// Whether the bytes in `range` and the bytes in `otherRange` of `other` are the same, byte for byte.
    func equals(_ range: Range<Int>, _ other: UnsafeBufferPointer<UInt8>, _ otherRange: Range<Int>) -> Bool {
        guard range.count == otherRange.count else { return false }
        var otherIndex = otherRange.lowerBound
        for index in range {
            guard self[index] == other[otherIndex] else { return false }
            otherIndex += 1
        }
        return true
    }

    /// Reads `delta-seconds` (RFC 9111 §1.2.2) from `range`: digits only, clamped to 2^31 as §1.2.2 asks
    /// of a value too large to represent. Nil for anything but one or more digits.
    func deltaSeconds(_ range: Range<Int>) -> Int? {
        guard !range.isEmpty else { return nil }
        var value = 0
        for index in range {
            let byte = self[index]
            guard byte.isASCIIDigit else { return nil }
            if value <= DeltaSeconds.maximum {
                value = value * 10 + Int(byte - ASCII.zero)
            }
        }
        return Swift.min(value, DeltaSeconds.maximum)
    }
}

/// Limits of `delta-seconds`, RFC 9111 §1.2.2.
enum DeltaSeconds {
    /// 2^31: what a cache must use for a value greater than it can represent.
    static let maximum = 2_147_483_648
}
