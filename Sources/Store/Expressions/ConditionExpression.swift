/// A compiled condition: what `ConditionExpression`, `FilterExpression` and `KeyConditionExpression`
/// parse into, and what the legacy `Expected`, `QueryFilter`, `ScanFilter` and `KeyConditions` map onto.
public indirect enum ConditionExpression: Sendable, Hashable {
    case comparison(ConditionOperand, Comparator, ConditionOperand)
    case between(ConditionOperand, ConditionOperand, ConditionOperand)
    /// `a IN (b, c, …)`
    case member(ConditionOperand, [ConditionOperand])
    case and(ConditionExpression, ConditionExpression)
    case or(ConditionExpression, ConditionExpression)
    case not(ConditionExpression)
    case attributeExists(DocumentPath)
    case attributeNotExists(DocumentPath)
    case attributeType(ConditionOperand, ConditionOperand)
    case beginsWith(ConditionOperand, ConditionOperand)
    case contains(ConditionOperand, ConditionOperand)

    public enum Comparator: String, Sendable, Hashable {
        case equal = "="
        case notEqual = "<>"
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="

        /// The comparator that holds with the operands swapped (`a < b` is `b > a`).
        var swapped: Comparator {
            switch self {
            case .less: .greater
            case .lessOrEqual: .greaterOrEqual
            case .greater: .less
            case .greaterOrEqual: .lessOrEqual
            case .equal, .notEqual: self
            }
        }
    }

    /// Every document path the condition reads.
    var paths: [DocumentPath] {
        switch self {
        case .comparison(let lhs, _, let rhs): lhs.paths + rhs.paths
        case .between(let value, let low, let high): value.paths + low.paths + high.paths
        case .member(let value, let list): value.paths + list.flatMap(\.paths)
        case .and(let lhs, let rhs), .or(let lhs, let rhs): lhs.paths + rhs.paths
        case .not(let inner): inner.paths
        case .attributeExists(let path), .attributeNotExists(let path): [path]
        case .attributeType(let lhs, let rhs), .beginsWith(let lhs, let rhs), .contains(let lhs, let rhs): lhs.paths + rhs.paths
        }
    }
}

/// An operand of a condition: a path into the item, a constant, or `size(...)` of one.
public indirect enum ConditionOperand: Sendable, Hashable {
    case path(DocumentPath)
    case value(AttributeValue)
    case size(ConditionOperand)

    var paths: [DocumentPath] {
        switch self {
        case .path(let path): [path]
        case .value: []
        case .size(let inner): inner.paths
        }
    }
}
