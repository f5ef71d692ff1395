/// The pre-expression parameters (`Expected`, `QueryFilter`, `ScanFilter`, `KeyConditions`,
/// `AttributeUpdates`, `AttributesToGet`), checked with DynamoDB's messages and mapped onto the same
/// compiled trees the expressions produce.
enum LegacyParameters {
    private static let operandCounts: [String: ClosedRange<Int>] = [
        "EQ": 1...1, "NE": 1...1, "LE": 1...1, "LT": 1...1, "GE": 1...1, "GT": 1...1, "CONTAINS": 1...1, "NOT_CONTAINS": 1...1,
        "BEGINS_WITH": 1...1, "NULL": 0...0, "NOT_NULL": 0...0, "IN": 1...Int.max, "BETWEEN": 2...2,
    ]
    private static let operandTypes: [String: Set<AttributeType>] = [
        "EQ": [.string, .number, .binary, .stringSet, .numberSet, .binarySet], "NE": [.string, .number, .binary, .stringSet, .numberSet, .binarySet],
        "LE": [.string, .number, .binary], "LT": [.string, .number, .binary], "GE": [.string, .number, .binary], "GT": [.string, .number, .binary],
        "CONTAINS": [.string, .number, .binary], "NOT_CONTAINS": [.string, .number, .binary], "BEGINS_WITH": [.string, .binary],
        "IN": [.string, .number, .binary], "BETWEEN": [.string, .number, .binary],
    ]
    static let comparisonOperators = [
        "IN", "NULL", "BETWEEN", "LT", "NOT_CONTAINS", "EQ", "GT", "NOT_NULL", "NE", "LE", "BEGINS_WITH", "GE", "CONTAINS",
    ]

    private static func values(_ json: JSONValue?) throws(DynamoDBError) -> [AttributeValue]? {
        guard let json else { return nil }
        return try JSONShape.array(json).map { element throws(DynamoDBError) in try AttributeValue(json: element) }
    }

    /// `Expected` with `ConditionalOperator`.
    static func expected(_ reader: RequestReader) throws(DynamoDBError) -> ConditionExpression? {
        guard let members = try reader.object("Expected") else { return nil }
        var conditions: [ConditionExpression] = []
        for (name, json) in members.sorted(by: { $0.key < $1.key }) {
            let entry = RequestReader(members: try JSONShape.object(json))
            let value = try entry.members["Value"].map { json throws(DynamoDBError) in try AttributeValue(json: json) }
            let list = try values(entry.members["AttributeValueList"])
            if value != nil && list != nil {
                throw .invalidParameters("Value and AttributeValueList cannot be used together for Attribute: \(name)")
            }
            if let comparison = try entry.string("ComparisonOperator") {
                if entry.has("Exists") {
                    throw .invalidParameters("Exists and ComparisonOperator cannot be used together for Attribute: \(name)")
                }
                if comparison != "NULL" && comparison != "NOT_NULL" && value == nil && list == nil {
                    throw .invalidParameters("Value or AttributeValueList must be used with ComparisonOperator: \(comparison) for Attribute: \(name)")
                }
                conditions.append(try condition(name, comparison, list ?? value.map { [$0] } ?? []))
            } else {
                if list != nil {
                    throw .invalidParameters("AttributeValueList can only be used with a ComparisonOperator for Attribute: \(name)")
                }
                let exists = try entry.bool("Exists")
                if exists != false && value == nil {
                    throw .invalidParameters("Value must be provided when Exists is \(exists.map(String.init) ?? "null") for Attribute: \(name)")
                }
                if exists == false && value != nil {
                    throw .invalidParameters("Value cannot be used when Exists is false for Attribute: \(name)")
                }
                let path = DocumentPath(attribute: name)
                conditions.append(value.map { .comparison(.path(path), .equal, .value($0)) } ?? .attributeNotExists(path))
            }
        }
        return combine(conditions, operator: try reader.string("ConditionalOperator"))
    }

    /// `QueryFilter` or `ScanFilter` with `ConditionalOperator`.
    static func filter(_ reader: RequestReader, name: String) throws(DynamoDBError) -> ConditionExpression? {
        guard let members = try reader.object(name) else { return nil }
        var conditions: [ConditionExpression] = []
        for (attribute, json) in members.sorted(by: { $0.key < $1.key }) {
            let (comparison, list) = try checkedCondition(json)
            conditions.append(try condition(attribute, comparison, list))
        }
        return combine(conditions, operator: try reader.string("ConditionalOperator"))
    }

    /// `KeyConditions`.
    static func keyConditions(_ reader: RequestReader) throws(DynamoDBError) -> KeyConditions? {
        guard let members = try reader.object("KeyConditions") else { return nil }
        var predicates: [(name: String, predicate: KeyConditions.Predicate)] = []
        for (attribute, json) in members.sorted(by: { $0.key < $1.key }) {
            let (comparison, list) = try checkedCondition(json)
            let predicate: KeyConditions.Predicate
            switch comparison {
            case "EQ": predicate = .comparison(.equal, list[0])
            case "LT": predicate = .comparison(.less, list[0])
            case "LE": predicate = .comparison(.lessOrEqual, list[0])
            case "GT": predicate = .comparison(.greater, list[0])
            case "GE": predicate = .comparison(.greaterOrEqual, list[0])
            case "BEGINS_WITH": predicate = .beginsWith(list[0])
            case "BETWEEN": predicate = .between(list[0], list[1])
            default: throw .validation("Attempted conditional constraint is not an indexable operation")
            }
            predicates.append((attribute, predicate))
        }
        guard predicates.count == 1 || predicates.count == 2 else { throw .validation("Conditions can be of length 1 or 2 only") }
        return KeyConditions(predicates: predicates)
    }

    private static func checkedCondition(_ json: JSONValue) throws(DynamoDBError) -> (String, [AttributeValue]) {
        let entry = RequestReader(members: try JSONShape.object(json))
        guard let comparison = try entry.string("ComparisonOperator") else {
            throw .validation("1 validation error detected: Value null at 'comparisonOperator' failed to satisfy constraint: Member must not be null")
        }
        let list = try values(entry.members["AttributeValueList"]) ?? []
        guard let counts = operandCounts[comparison] else {
            throw .validation(
                "1 validation error detected: Value '\(comparison)' at 'comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: [\(comparisonOperators.joined(separator: ", "))]"
            )
        }
        guard counts.contains(list.count) else {
            throw .invalidParameters("Invalid number of argument(s) for the \(comparison) ComparisonOperator")
        }
        if let first = list.first, list.contains(where: { $0.type != first.type }) {
            throw .invalidParameters("AttributeValues inside AttributeValueList must be of same type")
        }
        if let allowed = operandTypes[comparison], let bad = list.first(where: { !allowed.contains($0.type) }) {
            throw .invalidParameters("ComparisonOperator \(comparison) is not valid for \(bad.type.rawValue) AttributeValue type")
        }
        if comparison == "BETWEEN", let order = AttributeValue.compareScalars(list[0], list[1]), order > 0 {
            throw .validation("The BETWEEN condition was provided a range where the lower bound is greater than the upper bound")
        }
        return (comparison, list)
    }

    private static func condition(_ name: String, _ comparison: String, _ list: [AttributeValue]) throws(DynamoDBError) -> ConditionExpression {
        let path = ConditionOperand.path(DocumentPath(attribute: name))
        let counts = operandCounts[comparison] ?? 0...0
        guard operandCounts[comparison] != nil else {
            throw .validation(
                "1 validation error detected: Value '\(comparison)' at 'comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: [\(comparisonOperators.joined(separator: ", "))]"
            )
        }
        guard counts.contains(list.count) else {
            throw .invalidParameters("Invalid number of argument(s) for the \(comparison) ComparisonOperator")
        }
        switch comparison {
        case "EQ": return .comparison(path, .equal, .value(list[0]))
        case "NE": return .comparison(path, .notEqual, .value(list[0]))
        case "LT": return .comparison(path, .less, .value(list[0]))
        case "LE": return .comparison(path, .lessOrEqual, .value(list[0]))
        case "GT": return .comparison(path, .greater, .value(list[0]))
        case "GE": return .comparison(path, .greaterOrEqual, .value(list[0]))
        case "NULL": return .attributeNotExists(DocumentPath(attribute: name))
        case "NOT_NULL": return .attributeExists(DocumentPath(attribute: name))
        case "CONTAINS": return .contains(path, .value(list[0]))
        case "NOT_CONTAINS": return .not(.contains(path, .value(list[0])))
        case "BEGINS_WITH": return .beginsWith(path, .value(list[0]))
        case "IN": return .member(path, list.map { .value($0) })
        default: return .between(path, .value(list[0]), .value(list[1]))
        }
    }

    private static func combine(_ conditions: [ConditionExpression], operator name: String?) -> ConditionExpression? {
        guard var combined = conditions.first else { return nil }
        for next in conditions.dropFirst() {
            combined = name == "OR" ? .or(combined, next) : .and(combined, next)
        }
        return combined
    }

    /// `AttributeUpdates`: `PUT` sets, `ADD` adds to numbers and sets and appends to lists, `DELETE`
    /// removes an attribute or elements of a set.
    static func attributeUpdates(_ reader: RequestReader) throws(DynamoDBError) -> UpdateExpression? {
        guard let members = try reader.object("AttributeUpdates") else { return nil }
        var actions: [UpdateExpression.Action] = []
        for (name, json) in members.sorted(by: { $0.key < $1.key }) {
            let entry = RequestReader(members: try JSONShape.object(json))
            let value = try entry.members["Value"].map { json throws(DynamoDBError) in try AttributeValue(json: json) }
            let action = try entry.string("Action") ?? "PUT"
            let path = DocumentPath(attribute: name)
            guard let value else {
                guard action == "DELETE" else {
                    throw .invalidParameters("Only DELETE action is allowed when no attribute value is specified")
                }
                actions.append(.remove(path))
                continue
            }
            switch action {
            case "PUT":
                actions.append(.set(path, .operand(.value(value))))
            case "ADD":
                switch value.type {
                case .number, .stringSet, .numberSet, .binarySet: actions.append(.add(path, value))
                case .list: actions.append(.set(path, .operand(.listAppend(.ifNotExists(path, .value(.list([]))), .value(value)))))
                default: throw .invalidParameters("ADD action is not supported for the type \(value.type.rawValue)")
                }
            case "DELETE":
                guard [.stringSet, .numberSet, .binarySet].contains(value.type) else {
                    throw .invalidParameters("DELETE action with value is not supported for the type \(value.type.rawValue)")
                }
                actions.append(.delete(path, value))
            default:
                throw .validation(
                    "1 validation error detected: Value '\(action)' at 'attributeUpdates.\(name).member.action' failed to satisfy constraint: Member must satisfy enum value set: [ADD, PUT, DELETE]"
                )
            }
        }
        return UpdateExpression(actions: actions)
    }

    /// `AttributesToGet`.
    static func attributesToGet(_ reader: RequestReader) throws(DynamoDBError) -> ProjectionExpression? {
        guard let list = try reader.array("AttributesToGet") else { return nil }
        let names = try list.map { json throws(DynamoDBError) in try JSONShape.string(json) }
        var seen: Set<String> = []
        for name in names where !seen.insert(name).inserted {
            throw .invalidParameters("Duplicate value in attribute name: \(name)")
        }
        return ProjectionExpression(paths: names.map { DocumentPath(attribute: $0) })
    }
}
