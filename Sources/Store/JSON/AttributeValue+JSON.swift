/// DynamoDB JSON: `{"S":"x"}`, `{"N":"1"}`, `{"B":"<base64>"}`, `{"BOOL":true}`, `{"NULL":true}`,
/// `{"M":{…}}`, `{"L":[…]}`, `{"SS":[…]}`, `{"NS":[…]}`, `{"BS":[…]}`.
extension AttributeValue {
    /// DynamoDB refuses documents nested deeper than this.
    static let maximumNestingDepth = 32

    /// Decodes one attribute value and applies the service's checks on it.
    ///
    /// - Throws: `SerializationException` for a JSON type that cannot be converted, `ValidationException`
    ///   (worded as DynamoDB words it) for a value DynamoDB refuses.
    init(json: JSONValue) throws(DynamoDBError) {
        self = try Self.decode(json, depth: 0)
    }

    private static func decode(_ json: JSONValue, depth: Int) throws(DynamoDBError) -> AttributeValue {
        guard case .object(let rawMembers) = json else { throw JSONShape.mismatch(json, expected: "structure") }
        let members = rawMembers.filter { $0.value != .null }
        guard !members.isEmpty else {
            throw .validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")
        }
        // Every member is decoded (and may fail) before the "more than one datatype" check, as DynamoDB does.
        var decoded: AttributeValue?
        var known = 0
        for type in AttributeType.allCases {
            guard let member = members[type.rawValue] else { continue }
            known += 1
            decoded = try decodeMember(member, as: type, depth: depth)
        }
        guard known > 0, let value = decoded else {
            throw .validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")
        }
        guard known == 1 else {
            throw .validation(
                "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"
            )
        }
        return value
    }

    private static func decodeMember(_ member: JSONValue, as type: AttributeType, depth: Int) throws(DynamoDBError) -> AttributeValue {
        switch type {
        case .string:
            return .string(try JSONShape.string(member))
        case .number:
            return .number(try DynamoNumber(parsing: try JSONShape.string(member)))
        case .binary:
            return .binary(try Base64.decode(try JSONShape.string(member)).get())
        case .boolean:
            return .boolean(try JSONShape.bool(member))
        case .null:
            guard try JSONShape.bool(member) else {
                throw .invalidParameters("Null attribute value types must have the value of true")
            }
            return .null
        case .map:
            guard depth < maximumNestingDepth else { throw .validation("Nesting Levels have exceeded supported limits") }
            var map: [String: AttributeValue] = [:]
            for (name, element) in try JSONShape.object(member) where element != .null {
                map[name] = try decode(element, depth: depth + 1)
            }
            return .map(map)
        case .list:
            guard depth < maximumNestingDepth else { throw .validation("Nesting Levels have exceeded supported limits") }
            var list: [AttributeValue] = []
            for element in try JSONShape.array(member) {
                list.append(try decode(element, depth: depth + 1))
            }
            return .list(list)
        case .stringSet:
            let strings = try JSONShape.array(member).map { element throws(DynamoDBError) in try JSONShape.string(element) }
            guard !strings.isEmpty else { throw .invalidParameters("An string set  may not be empty") }
            if strings.contains(where: \.isEmpty) {
                throw .invalidParameters("An string set may not have a empty string as a member")
            }
            if Set(strings.map { Array($0.utf8) }).count != strings.count {
                throw .invalidParameters("Input collection [\(strings.joined(separator: ", "))] contains duplicates.")
            }
            return .stringSet(strings)
        case .numberSet:
            let texts = try JSONShape.array(member).map { element throws(DynamoDBError) in try JSONShape.string(element) }
            guard !texts.isEmpty else { throw .invalidParameters("An number set  may not be empty") }
            let numbers = try texts.map { text throws(DynamoDBError) in try DynamoNumber(parsing: text) }
            if Set(numbers).count != numbers.count { throw .validation("Input collection contains duplicates") }
            return .numberSet(numbers)
        case .binarySet:
            let texts = try JSONShape.array(member).map { element throws(DynamoDBError) in try JSONShape.string(element) }
            guard !texts.isEmpty else { throw .invalidParameters("Binary sets should not be empty") }
            let binaries = try texts.map { text throws(DynamoDBError) in try Base64.decode(text).get() }
            if binaries.contains(where: \.isEmpty) {
                throw .invalidParameters("Binary sets may not contain null or empty values")
            }
            if Set(binaries).count != binaries.count {
                throw .invalidParameters("Input collection [\(texts.joined(separator: ", "))]of type BS contains duplicates.")
            }
            return .binarySet(binaries)
        }
    }

    /// Writes this value as DynamoDB JSON; map members in name order.
    func write(to writer: inout JSONWriter) {
        writer.byte(UInt8(ascii: "{"))
        writer.key(type.rawValue)
        switch self {
        case .string(let string): writer.string(string)
        case .number(let number): writer.string(number.description)
        case .binary(let bytes): writer.string(Base64.encode(bytes))
        case .boolean(let flag): writer.raw(flag ? "true" : "false")
        case .null: writer.raw("true")
        case .map(let members): Self.write(members, to: &writer)
        case .list(let values):
            writer.byte(UInt8(ascii: "["))
            for (position, value) in values.enumerated() {
                if position > 0 { writer.byte(UInt8(ascii: ",")) }
                value.write(to: &writer)
            }
            writer.byte(UInt8(ascii: "]"))
        case .stringSet(let strings): writeArray(strings.map { $0 }, to: &writer)
        case .numberSet(let numbers): writeArray(numbers.map(\.description), to: &writer)
        case .binarySet(let binaries): writeArray(binaries.map(Base64.encode), to: &writer)
        }
        writer.byte(UInt8(ascii: "}"))
    }

    private func writeArray(_ strings: [String], to writer: inout JSONWriter) {
        writer.byte(UInt8(ascii: "["))
        for (position, string) in strings.enumerated() {
            if position > 0 { writer.byte(UInt8(ascii: ",")) }
            writer.string(string)
        }
        writer.byte(UInt8(ascii: "]"))
    }

    /// Writes an item (or map) as a JSON object of DynamoDB JSON values, names in order.
    static func write(_ item: Item, to writer: inout JSONWriter) {
        writer.byte(UInt8(ascii: "{"))
        for (position, name) in item.keys.sorted().enumerated() {
            if position > 0 { writer.byte(UInt8(ascii: ",")) }
            writer.key(name)
            item[name]!.write(to: &writer)
        }
        writer.byte(UInt8(ascii: "}"))
    }
}

/// Decoding helpers for items as a whole.
enum ItemJSON {
    /// Decodes `{"name": {"S": …}, …}`.
    static func decode(_ json: JSONValue) throws(DynamoDBError) -> Item {
        var item: Item = [:]
        for (name, value) in try JSONShape.object(json) where value != .null {
            item[name] = try AttributeValue(json: value)
        }
        return item
    }

    /// Encodes an item to DynamoDB JSON bytes.
    static func encode(_ item: Item) -> [UInt8] {
        var writer = JSONWriter(capacity: 128)
        AttributeValue.write(item, to: &writer)
        return writer.bytes
    }

    /// Decodes an item stored by this module (trusted, already validated once).
    static func decodeStored(_ bytes: [UInt8]) throws(DynamoDBError) -> Item {
        do {
            return try decode(try JSONParser.parse(bytes))
        } catch let error as JSONSyntaxError {
            throw .internalServer("A stored item is not valid JSON (offset \(error.offset)); the store file may be damaged")
        } catch let error as DynamoDBError {
            throw error
        } catch {
            throw .internalServer("A stored item could not be read: \(error)")
        }
    }
}
