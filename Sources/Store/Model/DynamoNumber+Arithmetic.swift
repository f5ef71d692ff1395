extension DynamoNumber {
    /// The exact sum, checked against DynamoDB's limits (`SET a = a + :n`, `ADD n :n`).
    public func adding(_ other: DynamoNumber) throws(DynamoDBError) -> DynamoNumber {
        let result = Self.exactSum(self, other)
        try result.checkLimits()
        return result
    }

    /// The exact difference, checked against DynamoDB's limits (`SET a = a - :n`).
    public func subtracting(_ other: DynamoNumber) throws(DynamoDBError) -> DynamoNumber {
        try adding(other.negated)
    }

    /// The number with its sign flipped.
    public var negated: DynamoNumber {
        isZero ? self : DynamoNumber(normalizing: !isNegative, digits: digits, exponent: exponent)
    }

    private static func exactSum(_ lhs: DynamoNumber, _ rhs: DynamoNumber) -> DynamoNumber {
        if lhs.isZero { return rhs }
        if rhs.isZero { return lhs }
        // Place both on a common grid of decimal positions, from the highest leading digit down to the
        // lowest trailing digit; positions are powers of ten.
        let high = max(lhs.exponent, rhs.exponent) + 1
        let low = min(lhs.exponent - lhs.digits.count + 1, rhs.exponent - rhs.digits.count + 1)
        let width = high - low + 1
        let left = lhs.aligned(high: high, width: width)
        let right = rhs.aligned(high: high, width: width)
        if lhs.isNegative == rhs.isNegative {
            var sum = [UInt8](repeating: 0, count: width)
            var carry: UInt8 = 0
            for position in stride(from: width - 1, through: 0, by: -1) {
                let value = left[position] + right[position] + carry
                sum[position] = value % 10
                carry = value / 10
            }
            return DynamoNumber(normalizing: lhs.isNegative, digits: sum, exponent: high)
        }
        let order = compareDigits(left, right)
        if order == 0 { return .zero }
        let (larger, smaller, negative) = order > 0 ? (left, right, lhs.isNegative) : (right, left, rhs.isNegative)
        var difference = [UInt8](repeating: 0, count: width)
        var borrow: Int = 0
        for position in stride(from: width - 1, through: 0, by: -1) {
            var value = Int(larger[position]) - Int(smaller[position]) - borrow
            borrow = value < 0 ? 1 : 0
            if value < 0 { value += 10 }
            difference[position] = UInt8(value)
        }
        return DynamoNumber(normalizing: negative, digits: difference, exponent: high)
    }

    /// The digits laid out on `width` positions whose first position has exponent `high`.
    private func aligned(high: Int, width: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: width)
        let offset = high - exponent
        for (index, digit) in digits.enumerated() { result[offset + index] = digit }
        return result
    }

    private static func compareDigits(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int {
        for (left, right) in zip(lhs, rhs) where left != right {
            return left < right ? -1 : 1
        }
        return 0
    }
}
