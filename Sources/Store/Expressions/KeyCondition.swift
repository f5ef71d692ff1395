/// The key conditions of a `Query`: one predicate per key attribute, from `KeyConditionExpression` or the
/// legacy `KeyConditions`.
public struct KeyConditions: Sendable, Hashable {
    /// A condition on one key attribute.
    public enum Predicate: Sendable, Hashable {
        case comparison(ConditionExpression.Comparator, AttributeValue)
        case between(AttributeValue, AttributeValue)
        case beginsWith(AttributeValue)

        var values: [AttributeValue] {
            switch self {
            case .comparison(_, let value), .beginsWith(let value): [value]
            case .between(let low, let high): [low, high]
            }
        }
    }

    /// Attribute name to predicate, in the order written.
    public var predicates: [(name: String, predicate: Predicate)]

    public init(predicates: [(name: String, predicate: Predicate)]) {
        self.predicates = predicates
    }

    /// `partitionKey = value`, optionally with a sort key predicate.
    public init(partitionKey: String, equals value: AttributeValue, sortKey: (name: String, predicate: Predicate)? = nil) {
        predicates = [(partitionKey, .comparison(.equal, value))]
        if let sortKey { predicates.append(sortKey) }
    }

    public static func == (lhs: KeyConditions, rhs: KeyConditions) -> Bool {
        lhs.predicates.elementsEqual(rhs.predicates) { $0.name == $1.name && $0.predicate == $1.predicate }
    }

    public func hash(into hasher: inout Hasher) {
        for (name, predicate) in predicates {
            hasher.combine(name)
            hasher.combine(predicate)
        }
    }

    func predicate(for name: String) -> Predicate? {
        predicates.first { $0.name == name }?.predicate
    }

    /// Reads the key conditions out of a parsed `KeyConditionExpression`, with DynamoDB's restrictions
    /// and messages.
    static func extract(from condition: ConditionExpression) throws(DynamoDBError) -> KeyConditions {
        var predicates: [(name: String, predicate: Predicate)] = []
        try collect(condition, into: &predicates)
        guard predicates.count == 1 || predicates.count == 2 else { throw .validation("Conditions can be of length 1 or 2 only") }
        return KeyConditions(predicates: predicates)
    }

    private static func collect(
        _ condition: ConditionExpression,
        into predicates: inout [(name: String, predicate: Predicate)]
    )
        throws(DynamoDBError)
    {
        func invalid(_ detail: String) -> DynamoDBError { .validation("Invalid condition in KeyConditionExpression: \(detail)") }
        func add(_ path: DocumentPath, _ predicate: Predicate) throws(DynamoDBError) {
            guard !path.isNested else { throw .validation("KeyConditionExpressions cannot have conditions on nested attributes") }
            guard !predicates.contains(where: { $0.name == path.head }) else {
                throw .validation("KeyConditionExpressions must only contain one condition per key")
            }
            predicates.append((path.head, predicate))
        }
        func checkOperands(_ operands: [ConditionOperand]) throws(DynamoDBError) {
            if operands.contains(where: { if case .size = $0 { true } else { false } }) {
                throw .validation("KeyConditionExpressions cannot contain nested operations")
            }
            let pathCount = operands.filter { if case .path = $0 { true } else { false } }.count
            if pathCount > 1 { throw invalid("Multiple attribute names used in one condition") }
            if pathCount == 0 { throw invalid("No key attribute specified") }
        }
        func operatorError(_ name: String) -> DynamoDBError { .validation("Invalid operator used in KeyConditionExpression: \(name)") }

        switch condition {
        case .and(let lhs, let rhs):
            try collect(lhs, into: &predicates)
            try collect(rhs, into: &predicates)
        case .or: throw operatorError("OR")
        case .not: throw operatorError("NOT")
        case .member: throw operatorError("IN")
        case .attributeExists: throw operatorError("attribute_exists")
        case .attributeNotExists: throw operatorError("attribute_not_exists")
        case .attributeType: throw operatorError("attribute_type")
        case .contains: throw operatorError("contains")
        case .comparison(let lhs, let comparator, let rhs):
            if comparator == .notEqual { throw operatorError("<>") }
            try checkOperands([lhs, rhs])
            switch (lhs, rhs) {
            case (.path(let path), .value(let value)): try add(path, .comparison(comparator, value))
            case (.value(let value), .path(let path)): try add(path, .comparison(comparator.swapped, value))
            default: throw invalid("No key attribute specified")
            }
        case .between(let value, let low, let high):
            guard case .path(let path) = value else { throw invalid("BETWEEN operator must have the key attribute as its first operand") }
            try checkOperands([value, low, high])
            guard case .value(let lower) = low, case .value(let upper) = high else { throw invalid("Multiple attribute names used in one condition") }
            try add(path, .between(lower, upper))
        case .beginsWith(let value, let prefix):
            guard case .path(let path) = value else { throw invalid("begins_with operator must have the key attribute as its first operand") }
            try checkOperands([value, prefix])
            guard case .value(let start) = prefix else { throw invalid("Multiple attribute names used in one condition") }
            try add(path, .beginsWith(start))
        }
    }
}
