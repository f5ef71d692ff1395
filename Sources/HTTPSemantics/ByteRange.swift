/// Evaluation of the `Range` request field (RFC 9110 §14.2) the way S3 and CloudFront answer it.
public enum ByteRange {
    /// aws-behaviour §1.13 and §2.6: one satisfiable range → partial; invalid, multi, unordered → whole; 416 cases → unsatisfiable.
    ///
    /// - The unit `bytes` is matched without regard to case; another unit is ignored (whole).
    /// - Optional whitespace around the value, `=`, commas and `-` is tolerated; empty list elements are
    ///   skipped (RFC 9110 §5.6.1).
    /// - `first-last`: `last` past the end is clamped to `length - 1`; `first >= length` is unsatisfiable;
    ///   `last < first` is invalid (whole).
    /// - `first-`: to the end. `-n`: the last `n` bytes, the whole representation as a 206 when `n` exceeds
    ///   it; `-0` is unsatisfiable.
    /// - Anything else (`--`, `-1-`, `0--1`, letters, no `=`) is invalid: whole. More than one range is
    ///   whole too, whatever the ranges are: S3 does not serve multipart ranges, and CloudFront answers
    ///   unordered, overlapping and negative multi-ranges with the whole object.
    /// - Numbers too large for `Int` saturate, so they clamp like any other large position.
    ///
    /// A zero-length representation, by RFC 9110 §14.1.2, satisfies only a suffix range with a non-zero
    /// length; such a range is answered whole (200, empty body), because no `Content-Range` can describe
    /// zero bytes and §14.2 lets a server ignore `Range` on an empty representation. Every other range
    /// against it (`bytes=0-`, `bytes=0-0`, `bytes=-0`) is unsatisfiable, as S3 answers `InvalidRange`.
    ///
    /// - Parameters:
    ///   - header: the `Range` field value, e.g. `bytes=0-1023`.
    ///   - length: the representation's length in bytes; a negative length is treated as unknown (whole).
    public static func evaluate(_ header: some StringProtocol, length: Int) -> ByteRangeOutcome {
        guard length >= 0 else { return .whole }
        return withUTF8Bytes(header) { bytes in
            guard let spec = singleRangeSpec(bytes) else { return .whole }
            switch spec {
            case .suffix(let suffixLength):
                if suffixLength == 0 {
                    return .unsatisfiable
                }
                if length == 0 {
                    return .whole
                }
                return .partial(first: max(0, length - suffixLength), last: length - 1)
            case .span(let first, let last):
                if first >= length {
                    return .unsatisfiable
                }
                return .partial(first: first, last: min(last ?? Int.max, length - 1))
            }
        }
    }

    /// One `range-spec` (RFC 9110 §14.1.1) before it meets a length.
    private enum RangeSpec {
        /// `first-last` or `first-` (last nil).
        case span(first: Int, last: Int?)
        /// `-length`
        case suffix(Int)
    }

    /// The only range of a valid `bytes=` field, or nil when the field is invalid, of another unit, or asks
    /// for more than one range.
    private static func singleRangeSpec(_ bytes: UnsafeBufferPointer<UInt8>) -> RangeSpec? {
        let value = bytes.trimmingWhitespace(0..<bytes.count)
        let unitEnd = value.lowerBound + 5
        guard unitEnd <= value.upperBound, bytes.equalsIgnoringCase(value.lowerBound..<unitEnd, "bytes") else { return nil }
        var index = unitEnd
        while index < value.upperBound, bytes[index].isOptionalWhitespace { index += 1 }
        guard index < value.upperBound, bytes[index] == ASCII.equals else { return nil }

        var elements = FieldListElements(bytes, in: (index + 1)..<value.upperBound)
        guard let element = elements.next(), elements.next() == nil else { return nil }
        return rangeSpec(bytes, element)
    }

    private static func rangeSpec(_ bytes: UnsafeBufferPointer<UInt8>, _ element: Range<Int>) -> RangeSpec? {
        var scanner = RangeScanner(bytes: bytes, index: element.lowerBound, end: element.upperBound)
        let first = scanner.number()
        scanner.skipWhitespace()
        guard scanner.skip(ASCII.hyphen) else { return nil }
        scanner.skipWhitespace()
        let last = scanner.number()
        guard scanner.isAtEnd else { return nil }
        switch (first, last) {
        case (nil, nil):
            return nil
        case (nil, let suffixLength?):
            return .suffix(suffixLength)
        case (let first?, nil):
            return .span(first: first, last: nil)
        case (let first?, let last?):
            return last < first ? nil : .span(first: first, last: last)
        }
    }
}

/// Reads the digits and hyphen of one range-spec.
private struct RangeScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index: Int
    let end: Int

    var isAtEnd: Bool { index == end }

    mutating func skipWhitespace() {
        while index < end, bytes[index].isOptionalWhitespace { index += 1 }
    }

    mutating func skip(_ byte: UInt8) -> Bool {
        guard index < end, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// A run of digits, saturating at `Int.max`; nil when there is no digit here.
    mutating func number() -> Int? {
        let start = index
        var value = 0
        while index < end, bytes[index].isASCIIDigit {
            let digit = Int(bytes[index] - ASCII.zero)
            value = value > (Int.max - digit) / 10 ? Int.max : value * 10 + digit
            index += 1
        }
        return index > start ? value : nil
    }
}
