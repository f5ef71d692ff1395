/// What an `Accept-Encoding` field says of gzip and br, element by element.
@usableFromInline
struct AcceptedCodings {
    enum Verdict: Equatable {
        case unmentioned
        case accepted
        case refused
    }

    var gzip = Verdict.unmentioned
    var brotli = Verdict.unmentioned

    @usableFromInline
    init() {}

    /// Records every element of one field line.
    @usableFromInline
    mutating func record(fieldValue bytes: UnsafeBufferPointer<UInt8>) {
        for element in FieldListElements(bytes) {
            record(bytes, element)
        }
    }

    /// Records one element, `coding *( OWS ";" OWS parameter )`; a malformed element is skipped.
    mutating func record(_ bytes: UnsafeBufferPointer<UInt8>, _ element: Range<Int>) {
        var index = element.lowerBound
        while index < element.upperBound, bytes[index].isTokenCharacter { index += 1 }
        let coding = element.lowerBound..<index
        let isGzip = bytes.equalsIgnoringCase(coding, "gzip")
        guard isGzip || bytes.equalsIgnoringCase(coding, "br"), let isAccepted = Self.isAccepted(bytes, parametersFrom: index, in: element) else {
            return
        }
        let verdict: Verdict = isAccepted ? .accepted : .refused
        if isGzip {
            gzip = Self.combine(gzip, verdict)
        } else {
            brotli = Self.combine(brotli, verdict)
        }
    }

    private static func combine(_ current: Verdict, _ new: Verdict) -> Verdict {
        current == .refused ? .refused : new
    }

    /// Whether the parameters give a non-zero weight; nil when they are malformed.
    private static func isAccepted(_ bytes: UnsafeBufferPointer<UInt8>, parametersFrom start: Int, in element: Range<Int>) -> Bool? {
        var index = start
        var isAccepted = true
        while true {
            while index < element.upperBound, bytes[index].isOptionalWhitespace { index += 1 }
            if index == element.upperBound {
                return isAccepted
            }
            guard bytes[index] == ASCII.semicolon else { return nil }
            index += 1
            while index < element.upperBound, bytes[index].isOptionalWhitespace { index += 1 }
            let nameStart = index
            while index < element.upperBound, bytes[index].isTokenCharacter { index += 1 }
            let name = nameStart..<index
            guard !name.isEmpty else { return nil }
            while index < element.upperBound, bytes[index].isOptionalWhitespace { index += 1 }
            var value = index..<index
            if index < element.upperBound, bytes[index] == ASCII.equals {
                index += 1
                while index < element.upperBound, bytes[index].isOptionalWhitespace { index += 1 }
                value = parameterValue(bytes, from: &index, end: element.upperBound)
            }
            if bytes.equalsIgnoringCase(name, "q") {
                isAccepted = isNonZeroWeight(bytes, value)
            }
        }
    }

    /// A token, or a quoted string including its quotes; advances `index` past it.
    private static func parameterValue(_ bytes: UnsafeBufferPointer<UInt8>, from index: inout Int, end: Int) -> Range<Int> {
        let start = index
        if index < end, bytes[index] == ASCII.quote {
            index += 1
            while index < end, bytes[index] != ASCII.quote {
                index += bytes[index] == ASCII.backslash ? 2 : 1
            }
            index = min(index + 1, end)
        } else {
            while index < end, bytes[index].isTokenCharacter { index += 1 }
        }
        return start..<index
    }

    /// `qvalue` (RFC 9110 §12.4.2) above zero: `0.001` to `1`. A malformed weight counts as zero.
    private static func isNonZeroWeight(_ bytes: UnsafeBufferPointer<UInt8>, _ value: Range<Int>) -> Bool {
        guard let first = value.first, value.count <= 5 else { return false }
        let leading = bytes[first]
        guard leading == ASCII.zero || leading == ASCII.zero + 1 else { return false }
        var sawNonZeroFraction = false
        if value.count > 1 {
            guard bytes[first + 1] == ASCII.period else { return false }
            for index in (first + 2)..<value.upperBound {
                let digit = bytes[index]
                guard digit.isASCIIDigit, leading == ASCII.zero || digit == ASCII.zero else { return false }
                sawNonZeroFraction = sawNonZeroFraction || digit != ASCII.zero
            }
        }
        return leading != ASCII.zero || sawNonZeroFraction
    }
}
