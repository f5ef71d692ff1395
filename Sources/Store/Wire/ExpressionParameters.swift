/// A request's expression parameters, checked and compiled in DynamoDB's order: the mix of expression
/// and legacy parameters, the attribute names and values, each expression (update, condition, key
/// condition, filter, projection), and finally names and values that no expression used.
struct ExpressionParameters {
    private(set) var attributes: ExpressionAttributes
    private let reader: RequestReader

    /// Checks the parameters of a request whose expression parameters are `expressions` and whose legacy
    /// parameters are `legacy` (each list in DynamoDB's order).
    init(_ reader: RequestReader, expressions: [String], legacy: [String]) throws(DynamoDBError) {
        self.reader = reader
        let usedExpressions = expressions.filter { reader.has($0) }
        if !usedExpressions.isEmpty {
            var usedLegacy = legacy.filter { reader.has($0) }
            // KeyConditions alone next to other expressions is reported by the query itself.
            if reader.has("KeyConditions") && !reader.has("KeyConditionExpression") { usedLegacy.removeAll { $0 == "KeyConditions" } }
            if !usedLegacy.isEmpty {
                throw .validation(
                    "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {\(usedLegacy.joined(separator: ", "))} Expression parameters: {\(usedExpressions.joined(separator: ", "))}"
                )
            }
        }
        if reader.has("ExpressionAttributeNames") && usedExpressions.isEmpty {
            throw .validation("ExpressionAttributeNames can only be specified when using expressions")
        }
        let valueExpressions = expressions.filter { $0 != "ProjectionExpression" }
        if reader.has("ExpressionAttributeValues") && !valueExpressions.isEmpty && !valueExpressions.contains(where: reader.has) {
            throw .validation(
                "ExpressionAttributeValues can only be specified when using expressions: \(valueExpressions.joined(separator: " and ")) \(valueExpressions.count > 1 ? "are" : "is") null"
            )
        }
        var names: [String: String] = [:]
        if let members = try reader.object("ExpressionAttributeNames") {
            if members.isEmpty { throw .validation("ExpressionAttributeNames must not be empty") }
            for (key, value) in members.sorted(by: { $0.key < $1.key }) {
                guard Self.isValidKey(key, prefix: "#") else {
                    throw .validation("ExpressionAttributeNames contains invalid key: Syntax error; key: \"\(key)\"")
                }
                names[key] = try JSONShape.string(value)
            }
        }
        var values: [String: AttributeValue] = [:]
        if let members = try reader.object("ExpressionAttributeValues") {
            if members.isEmpty { throw .validation("ExpressionAttributeValues must not be empty") }
            for key in members.keys.sorted() where !Self.isValidKey(key, prefix: ":") {
                throw .validation("ExpressionAttributeValues contains invalid key: Syntax error; key: \"\(key)\"")
            }
            for (key, value) in members.sorted(by: { $0.key < $1.key }) {
                do {
                    values[key] = try AttributeValue(json: value)
                } catch  where error.isValidation {
                    throw .validation("ExpressionAttributeValues contains invalid value: \(error.message ?? "") for key \(key)")
                }
            }
        }
        attributes = ExpressionAttributes(names: names, values: values)
    }

    private static func isValidKey(_ key: String, prefix: Character) -> Bool {
        guard key.first == prefix, key.count > 1 else { return false }
        return key.utf8.dropFirst().allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
        }
    }

    mutating func update(_ name: String = "UpdateExpression") throws(DynamoDBError) -> UpdateExpression? {
        guard let text = try reader.string(name) else { return nil }
        do {
            return try UpdateParser.parse(text, attributes: &attributes)
        } catch {
            throw error.validation(parameter: name)
        }
    }

    mutating func condition(_ name: String) throws(DynamoDBError) -> ConditionExpression? {
        guard let text = try reader.string(name) else { return nil }
        do {
            return try ConditionParser.parse(text, attributes: &attributes)
        } catch {
            throw error.validation(parameter: name)
        }
    }

    mutating func projection(_ name: String = "ProjectionExpression") throws(DynamoDBError) -> ProjectionExpression? {
        guard let text = try reader.string(name) else { return nil }
        do {
            return try ProjectionExpression.parse(text, attributes: &attributes)
        } catch {
            throw error.validation(parameter: name)
        }
    }

    /// Fails when a defined name or value was not used by any expression.
    func finish() throws(DynamoDBError) {
        try attributes.checkAllUsed()
    }
}
