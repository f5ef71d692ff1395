extension ConditionExpression {
    /// Whether `item` satisfies the condition; an absent item is evaluated as an empty one.
    ///
    /// Comparisons with a missing attribute or between different types are false, except `<>`, which is
    /// true unless both sides are present and equal (DynamoDB's behaviour).
    public func isSatisfied(by item: Item) -> Bool {
        switch self {
        case .comparison(let lhs, let comparator, let rhs):
            let left = lhs.resolve(in: item)
            let right = rhs.resolve(in: item)
            if comparator == .notEqual {
                guard let left, let right else { return true }
                return left != right
            }
            guard let left, let right else { return false }
            if comparator == .equal { return left == right }
            guard let order = AttributeValue.compareScalars(left, right) else { return false }
            switch comparator {
            case .less: return order < 0
            case .lessOrEqual: return order <= 0
            case .greater: return order > 0
            case .greaterOrEqual: return order >= 0
            case .equal, .notEqual: return false
            }
        case .between(let value, let low, let high):
            guard let value = value.resolve(in: item), let low = low.resolve(in: item), let high = high.resolve(in: item),
                let lower = AttributeValue.compareScalars(value, low), let upper = AttributeValue.compareScalars(value, high)
            else { return false }
            return lower >= 0 && upper <= 0
        case .member(let value, let list):
            guard let value = value.resolve(in: item) else { return false }
            return list.contains { $0.resolve(in: item) == value }
        case .and(let lhs, let rhs):
            return lhs.isSatisfied(by: item) && rhs.isSatisfied(by: item)
        case .or(let lhs, let rhs):
            return lhs.isSatisfied(by: item) || rhs.isSatisfied(by: item)
        case .not(let inner):
            return !inner.isSatisfied(by: item)
        case .attributeExists(let path):
            return path.value(in: item) != nil
        case .attributeNotExists(let path):
            return path.value(in: item) == nil
        case .attributeType(let value, let type):
            guard let value = value.resolve(in: item), case .string(let name)? = type.resolve(in: item) else { return false }
            return value.type.rawValue == name
        case .beginsWith(let value, let prefix):
            switch (value.resolve(in: item), prefix.resolve(in: item)) {
            case (.string(let string)?, .string(let start)?): return string.utf8.starts(with: start.utf8)
            case (.binary(let bytes)?, .binary(let start)?): return bytes.starts(with: start)
            default: return false
            }
        case .contains(let container, let element):
            guard let container = container.resolve(in: item), let element = element.resolve(in: item) else { return false }
            return Self.contains(container, element)
        }
    }

    private static func contains(_ container: AttributeValue, _ element: AttributeValue) -> Bool {
        switch (container, element) {
        case (.string(let string), .string(let part)): return part.isEmpty || containsBytes(Array(string.utf8), Array(part.utf8))
        case (.binary(let bytes), .binary(let part)): return part.isEmpty || containsBytes(bytes, part)
        case (.stringSet(let strings), .string(let string)): return strings.contains { $0.utf8.elementsEqual(string.utf8) }
        case (.numberSet(let numbers), .number(let number)): return numbers.contains(number)
        case (.binarySet(let binaries), .binary(let bytes)): return binaries.contains(bytes)
        case (.list(let values), _): return values.contains(element)
        default: return false
        }
    }

    private static func containsBytes(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start..<start + needle.count].elementsEqual(needle) {
            return true
        }
        return false
    }
}

extension ConditionOperand {
    /// The operand's value for `item`; `nil` for a missing path, or `size` of something without a size.
    func resolve(in item: Item) -> AttributeValue? {
        switch self {
        case .path(let path):
            return path.value(in: item)
        case .value(let value):
            return value
        case .size(let inner):
            let size: Int
            switch inner.resolve(in: item) {
            case .string(let string)?: size = string.utf8.count
            case .binary(let bytes)?: size = bytes.count
            case .stringSet(let values)?: size = values.count
            case .numberSet(let values)?: size = values.count
            case .binarySet(let values)?: size = values.count
            case .list(let values)?: size = values.count
            case .map(let members)?: size = members.count
            default: return nil
            }
            return .number(DynamoNumber(size))
        }
    }
}
