/// An item: attribute names to values.
public typealias Item = [String: AttributeValue]

/// One DynamoDB attribute value, of one of the ten data types.
///
/// Equality follows DynamoDB: strings and binaries compare byte for byte, numbers numerically, and sets
/// as sets (element order does not matter).
public enum AttributeValue: Sendable {
    /// `S`: a UTF-8 string.
    case string(String)
    /// `N`: a number.
    case number(DynamoNumber)
    /// `B`: raw bytes (base64 on the wire).
    case binary([UInt8])
    /// `BOOL`.
    case boolean(Bool)
    /// `NULL` (always `true` on the wire).
    case null
    /// `M`: a map of attribute names to values.
    case map([String: AttributeValue])
    /// `L`: an ordered list of values.
    case list([AttributeValue])
    /// `SS`: a set of distinct strings.
    case stringSet([String])
    /// `NS`: a set of distinct numbers.
    case numberSet([DynamoNumber])
    /// `BS`: a set of distinct binaries.
    case binarySet([[UInt8]])

    /// The data type descriptor of this value.
    public var type: AttributeType {
        switch self {
        case .string: .string
        case .number: .number
        case .binary: .binary
        case .boolean: .boolean
        case .null: .null
        case .map: .map
        case .list: .list
        case .stringSet: .stringSet
        case .numberSet: .numberSet
        case .binarySet: .binarySet
        }
    }
}

/// DynamoDB's data type descriptors, spelled as on the wire.
public enum AttributeType: String, Sendable, CaseIterable {
    case string = "S"
    case number = "N"
    case binary = "B"
    case boolean = "BOOL"
    case null = "NULL"
    case map = "M"
    case list = "L"
    case stringSet = "SS"
    case numberSet = "NS"
    case binarySet = "BS"
}

extension AttributeValue: Hashable {
    public static func == (lhs: AttributeValue, rhs: AttributeValue) -> Bool {
        switch (lhs, rhs) {
        case (.string(let left), .string(let right)): left.utf8.elementsEqual(right.utf8)
        case (.number(let left), .number(let right)): left == right
        case (.binary(let left), .binary(let right)): left == right
        case (.boolean(let left), .boolean(let right)): left == right
        case (.null, .null): true
        case (.map(let left), .map(let right)): left == right
        case (.list(let left), .list(let right)): left == right
        case (.stringSet(let left), .stringSet(let right)):
            left.count == right.count && Set(left.map { Array($0.utf8) }) == Set(right.map { Array($0.utf8) })
        case (.numberSet(let left), .numberSet(let right)): left.count == right.count && Set(left) == Set(right)
        case (.binarySet(let left), .binarySet(let right)): left.count == right.count && Set(left) == Set(right)
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(type)
        switch self {
        case .string(let value): hasher.combine(Array(value.utf8))
        case .number(let value): hasher.combine(value)
        case .binary(let value): hasher.combine(value)
        case .boolean(let value): hasher.combine(value)
        case .null: break
        case .map(let value): hasher.combine(value)
        case .list(let value): hasher.combine(value)
        // Sets hash without regard to order, so that equal sets hash alike.
        case .stringSet(let value): hasher.combine(Set(value.map { Array($0.utf8) }))
        case .numberSet(let value): hasher.combine(Set(value))
        case .binarySet(let value): hasher.combine(Set(value))
        }
    }
}

extension AttributeValue {
    /// Orders two scalars of the same type as DynamoDB orders sort keys: numbers numerically, strings by
    /// UTF-8 bytes, binaries bytewise. `nil` when the values are not both `S`, both `N` or both `B`.
    public static func compareScalars(_ lhs: AttributeValue, _ rhs: AttributeValue) -> Int? {
        switch (lhs, rhs) {
        case (.number(let left), .number(let right)): DynamoNumber.compare(left, right)
        case (.string(let left), .string(let right)): compareBytes(left.utf8, right.utf8)
        case (.binary(let left), .binary(let right)): compareBytes(left, right)
        default: nil
        }
    }

    static func compareBytes(_ lhs: some Sequence<UInt8>, _ rhs: some Sequence<UInt8>) -> Int {
        var left = lhs.makeIterator()
        var right = rhs.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let l?, let r?) where l != r: return l < r ? -1 : 1
            default: continue
            }
        }
    }
}
