/// A DynamoDB number: an exact decimal of up to 38 significant digits whose magnitude lies between
/// 1E-130 and 9.9999999999999999999999999999999999999E+125, or zero.
///
/// Numbers are kept normalised, as DynamoDB keeps them: leading and trailing zeros are trimmed, so `1.0`
/// and `1` are the same number and print as `1`, and `0.50` prints as `0.5`. Printing never uses an
/// exponent (`1E+3` prints as `1000`), which is how the service returns numbers.
public struct DynamoNumber: Sendable, Hashable {
    /// The most significant digits a number may have.
    public static let maximumDigits = 38
    /// The largest decimal exponent of the leading digit (9.99…E+125).
    public static let maximumExponent = 125
    /// The smallest decimal exponent of the leading digit (1E-130).
    public static let minimumExponent = -130

    /// `true` for numbers below zero.
    public let isNegative: Bool
    /// Significant digits (each 0...9), most significant first, with no leading or trailing zeros; empty for zero.
    public let digits: [UInt8]
    /// Decimal exponent of the first digit: the value is `d0.d1d2… × 10^exponent`. Zero for zero.
    public let exponent: Int

    /// Zero.
    public static let zero = DynamoNumber(normalizing: false, digits: [], exponent: 0)

    /// Makes a number from unnormalised parts, trimming zeros; does not check DynamoDB's limits.
    init(normalizing isNegative: Bool, digits: [UInt8], exponent: Int) {
        var first = 0
        while first < digits.count && digits[first] == 0 { first += 1 }
        var end = digits.count
        while end > first && digits[end - 1] == 0 { end -= 1 }
        if first == end {
            self.isNegative = false
            self.digits = []
            self.exponent = 0
        } else {
            self.isNegative = isNegative
            self.digits = Array(digits[first..<end])
            self.exponent = exponent - first
        }
    }

    /// Parses a number as DynamoDB accepts it (`12`, `-0.5`, `.5`, `5.`, `1.5E+3`, `+2`) and checks its limits.
    ///
    /// - Throws: `DynamoDBError` (ValidationException) worded as DynamoDB words it.
    public init(parsing text: some StringProtocol) throws(DynamoDBError) {
        guard let parsed = DynamoNumber(lenient: text) else {
            throw text.isEmpty ? .numberNotNumeric(nil) : .numberNotNumeric(String(text))
        }
        try parsed.checkLimits()
        self = parsed
    }

    /// Makes a number from an integer.
    public init(_ value: Int) {
        var magnitude = value.magnitude
        var reversed: [UInt8] = []
        while magnitude > 0 {
            reversed.append(UInt8(magnitude % 10))
            magnitude /= 10
        }
        self.init(normalizing: value < 0, digits: reversed.reversed(), exponent: reversed.count - 1)
    }

    /// Parses decimal syntax without checking DynamoDB's range and precision limits; `nil` when not a number.
    init?(lenient text: some StringProtocol) {
        let bytes = Array(text.utf8)
        var index = 0
        var negative = false
        if index < bytes.count && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var digits: [UInt8] = []
        var integerDigits = 0
        var sawDigit = false
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            digits.append(bytes[index] - UInt8(ascii: "0"))
            integerDigits += 1
            sawDigit = true
            index += 1
        }
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                digits.append(bytes[index] - UInt8(ascii: "0"))
                sawDigit = true
                index += 1
            }
        }
        guard sawDigit else { return nil }
        var exponentValue = 0
        if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            index += 1
            var exponentNegative = false
            if index < bytes.count && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var sawExponentDigit = false
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                // Saturate: anything this large is out of range anyway.
                if exponentValue < 1_000_000 {
                    exponentValue = exponentValue * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                }
                sawExponentDigit = true
                index += 1
            }
            guard sawExponentDigit else { return nil }
            if exponentNegative { exponentValue = -exponentValue }
        }
        guard index == bytes.count else { return nil }
        self.init(normalizing: negative, digits: digits, exponent: integerDigits - 1 + exponentValue)
    }

    /// `true` for zero.
    public var isZero: Bool { digits.isEmpty }

    /// Checks DynamoDB's magnitude and precision limits, in the order the service checks them.
    func checkLimits() throws(DynamoDBError) {
        guard !isZero else { return }
        if exponent > Self.maximumExponent { throw .numberOverflow }
        if exponent < Self.minimumExponent { throw .numberUnderflow }
        if digits.count > Self.maximumDigits { throw .numberPrecision }
    }

    /// The value as an `Int`, when it is an integer that fits.
    public var intValue: Int? {
        if isZero { return 0 }
        guard exponent >= 0, digits.count <= exponent + 1, exponent < 19 else { return nil }
        var value = 0
        for position in 0...exponent {
            let digit = position < digits.count ? Int(digits[position]) : 0
            let (multiplied, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (added, overflow2) = multiplied.addingReportingOverflow(digit)
            if overflow1 || overflow2 { return nil }
            value = added
        }
        return isNegative ? -value : value
    }

    /// The value rounded towards negative infinity to whole seconds, clamped to `Int64`; used for TTL timestamps.
    var flooredInt64: Int64 {
        if isZero { return 0 }
        if exponent >= 18 { return isNegative ? .min : .max }
        if exponent < 0 { return isNegative ? -1 : 0 }
        var value: Int64 = 0
        for position in 0...exponent {
            value = value * 10 + Int64(position < digits.count ? digits[position] : 0)
        }
        let hasFraction = digits.count > exponent + 1
        if isNegative { return hasFraction ? -value - 1 : -value }
        return value
    }
}

extension DynamoNumber: CustomStringConvertible {
    /// The plain decimal form DynamoDB returns: no exponent, no superfluous zeros.
    public var description: String {
        if isZero { return "0" }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count + 4 + Swift.max(0, Swift.abs(exponent)))
        if isNegative { bytes.append(UInt8(ascii: "-")) }
        let zero = UInt8(ascii: "0")
        if exponent < 0 {
            bytes.append(zero)
            bytes.append(UInt8(ascii: "."))
            for _ in 0..<(-exponent - 1) { bytes.append(zero) }
            for digit in digits { bytes.append(zero + digit) }
        } else {
            for position in 0...Swift.max(exponent, digits.count - 1) {
                if position == exponent + 1 { bytes.append(UInt8(ascii: ".")) }
                bytes.append(zero + (position < digits.count ? digits[position] : 0))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension DynamoNumber: Comparable {
    /// Numeric order.
    public static func < (lhs: DynamoNumber, rhs: DynamoNumber) -> Bool {
        compare(lhs, rhs) < 0
    }

    /// -1, 0 or 1 as `lhs` is below, equal to or above `rhs`.
    static func compare(_ lhs: DynamoNumber, _ rhs: DynamoNumber) -> Int {
        let lhsSign = lhs.isZero ? 0 : (lhs.isNegative ? -1 : 1)
        let rhsSign = rhs.isZero ? 0 : (rhs.isNegative ? -1 : 1)
        if lhsSign != rhsSign { return lhsSign < rhsSign ? -1 : 1 }
        if lhsSign == 0 { return 0 }
        let magnitude = compareMagnitude(lhs, rhs)
        return lhsSign > 0 ? magnitude : -magnitude
    }

    private static func compareMagnitude(_ lhs: DynamoNumber, _ rhs: DynamoNumber) -> Int {
        if lhs.exponent != rhs.exponent { return lhs.exponent < rhs.exponent ? -1 : 1 }
        for (left, right) in zip(lhs.digits, rhs.digits) where left != right {
            return left < right ? -1 : 1
        }
        if lhs.digits.count == rhs.digits.count { return 0 }
        return lhs.digits.count < rhs.digits.count ? -1 : 1
    }
}
