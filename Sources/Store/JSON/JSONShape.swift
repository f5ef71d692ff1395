/// Type checks on request JSON, failing with the `SerializationException` messages DynamoDB's
/// deserializer produces when a member has the wrong JSON type.
enum JSONShape {
    static func string(_ json: JSONValue) throws(DynamoDBError) -> String {
        if case .string(let value) = json { return value }
        throw mismatch(json, expected: "String")
    }

    static func bool(_ json: JSONValue) throws(DynamoDBError) -> Bool {
        if case .bool(let value) = json { return value }
        throw mismatch(json, expected: "Boolean")
    }

    static func integer(_ json: JSONValue) throws(DynamoDBError) -> Int {
        guard case .number(let text) = json else { throw mismatch(json, expected: "Integer") }
        // Fractions are truncated, as the service's deserializer does; magnitudes beyond Int saturate.
        guard let number = DynamoNumber(lenient: text) else { throw mismatch(json, expected: "Integer") }
        if let value = number.intValue { return value }
        return Int(clamping: number.flooredInt64)
    }

    static func array(_ json: JSONValue) throws(DynamoDBError) -> [JSONValue] {
        if case .array(let elements) = json { return elements }
        if case .object = json { throw .serialization("Start of structure or map found where not expected.") }
        throw .serialization("Expected list or null")
    }

    static func object(_ json: JSONValue) throws(DynamoDBError) -> [String: JSONValue] {
        if case .object(let members) = json { return members }
        if case .array = json { throw .serialization("Start of list found where not expected") }
        throw .serialization("Expected map or null")
    }

    /// The error for a member whose JSON type cannot become `expected`.
    static func mismatch(_ json: JSONValue, expected: String) -> DynamoDBError {
        switch json {
        case .object: .serialization("Start of structure or map found where not expected.")
        case .array: .serialization("Start of list found where not expected")
        case .string: .serialization("STRING_VALUE cannot be converted to \(expected)")
        case .number: .serialization("NUMBER_VALUE cannot be converted to \(expected)")
        case .bool(let flag): .serialization("\(flag ? "TRUE" : "FALSE")_VALUE cannot be converted to \(expected)")
        case .null: .serialization("NULL_VALUE cannot be converted to \(expected)")
        }
    }
}
