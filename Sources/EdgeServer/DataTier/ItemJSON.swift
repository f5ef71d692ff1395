import Gateway
import Store

/// Plain JSON as the `table` integration speaks it, and DynamoDB items as the store keeps them: objects become
/// maps, arrays lists, numbers `N`. Sets and binary, which plain JSON cannot say, come back as arrays and
/// base64-free byte arrays only when a user wrote them through the DynamoDB API.
enum ItemJSON {
    static func item(_ object: [String: JSONValue]) throws(DynamoDBError) -> Item {
        var item: Item = [:]
        for (name, value) in object { item[name] = try attribute(value) }
        return item
    }

    static func attribute(_ value: JSONValue) throws(DynamoDBError) -> AttributeValue {
        switch value {
        case .null: return .null
        case .bool(let bool): return .boolean(bool)
        case .string(let text): return .string(text)
        case .number(let number): return .number(try DynamoNumber(parsing: numberText(number)))
        case .array(let elements):
            var list: [AttributeValue] = []
            list.reserveCapacity(elements.count)
            for element in elements { list.append(try attribute(element)) }
            return .list(list)
        case .object(let members): return .map(try item(members))
        }
    }

    static func object(_ item: Item) -> [String: JSONValue] {
        item.mapValues(json)
    }

    static func json(_ value: AttributeValue) -> JSONValue {
        switch value {
        case .string(let text): .string(text)
        case .number(let number): .number(Double(number.description) ?? 0)
        case .binary(let bytes): .array(bytes.map { .number(Double($0)) })
        case .boolean(let bool): .bool(bool)
        case .null: .null
        case .map(let members): .object(members.mapValues(json))
        case .list(let elements): .array(elements.map(json))
        case .stringSet(let strings): .array(strings.map { .string($0) })
        case .numberSet(let numbers): .array(numbers.map { .number(Double($0.description) ?? 0) })
        case .binarySet(let values): .array(values.map { .array($0.map { .number(Double($0)) }) })
        }
    }

    /// Integral doubles print without a fraction (`42`, not `42.0`), as JSON writers do.
    private static func numberText(_ number: Double) -> String {
        if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }
}
