/// How table definitions are kept in a backend's catalog: JSON shaped like a `CreateTable` request.
extension TableDefinition {
    var catalogJSON: String {
        var writer = JSONWriter()
        writer.value(catalogValue)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    private var catalogValue: JSONValue {
        var members: [String: JSONValue] = [
            "TableName": .string(name),
            "KeySchema": Self.keySchemaJSON(keySchema),
            "AttributeDefinitions": .array(
                attributeDefinitions.map { .object(["AttributeName": .string($0.name), "AttributeType": .string($0.type.rawValue)]) }
            ),
            "GlobalSecondaryIndexes": .array(globalSecondaryIndexes.map(Self.indexJSON)),
            "LocalSecondaryIndexes": .array(localSecondaryIndexes.map(Self.indexJSON)),
            "CreationDateTime": .number(String(creationDateTime)),
            "TableId": .string(tableId),
        ]
        switch billingMode {
        case .payPerRequest:
            members["BillingMode"] = .string("PAY_PER_REQUEST")
        case .provisioned(let read, let write):
            members["BillingMode"] = .string("PROVISIONED")
            members["ProvisionedThroughput"] = .object(["ReadCapacityUnits": .number(String(read)), "WriteCapacityUnits": .number(String(write))])
        }
        if let timeToLiveAttribute { members["TimeToLiveAttribute"] = .string(timeToLiveAttribute) }
        return .object(members)
    }

    static func keySchemaJSON(_ schema: KeySchema) -> JSONValue {
        var elements: [JSONValue] = [.object(["AttributeName": .string(schema.partitionKey.name), "KeyType": .string("HASH")])]
        if let sortKey = schema.sortKey {
            elements.append(.object(["AttributeName": .string(sortKey.name), "KeyType": .string("RANGE")]))
        }
        return .array(elements)
    }

    static func projectionJSON(_ projection: SecondaryIndex.Projection) -> JSONValue {
        var members: [String: JSONValue] = ["ProjectionType": .string(projection.typeName)]
        if case .include(let names) = projection { members["NonKeyAttributes"] = .array(names.map { .string($0) }) }
        return .object(members)
    }

    private static func indexJSON(_ index: SecondaryIndex) -> JSONValue {
        .object(["IndexName": .string(index.name), "KeySchema": keySchemaJSON(index.keySchema), "Projection": projectionJSON(index.projection)])
    }

    /// Reads a catalog entry written by `catalogJSON`.
    init(catalogJSON text: String) throws {
        let json = try JSONParser.parse(text)
        func string(_ value: JSONValue?) throws -> String {
            guard case .string(let string)? = value else {
                throw DynamoDBError.internalServer("A table definition in the catalog is damaged: \(text)")
            }
            return string
        }
        var types: [String: ScalarAttributeType] = [:]
        var definitions: [KeyAttribute] = []
        if case .array(let elements)? = json["AttributeDefinitions"] {
            for element in elements {
                let name = try string(element["AttributeName"])
                guard let type = ScalarAttributeType(rawValue: try string(element["AttributeType"])) else {
                    throw DynamoDBError.internalServer("A table definition in the catalog is damaged: \(text)")
                }
                types[name] = type
                definitions.append(KeyAttribute(name: name, type: type))
            }
        }
        func schema(_ value: JSONValue?) throws -> KeySchema {
            guard case .array(let elements)? = value, let first = elements.first else {
                throw DynamoDBError.internalServer("A table definition in the catalog is damaged: \(text)")
            }
            let hash = try string(first["AttributeName"])
            var result = KeySchema(partitionKey: KeyAttribute(name: hash, type: types[hash] ?? .string))
            if elements.count > 1 {
                let range = try string(elements[1]["AttributeName"])
                result.sortKey = KeyAttribute(name: range, type: types[range] ?? .string)
            }
            return result
        }
        func indexes(_ value: JSONValue?, kind: SecondaryIndex.Kind) throws -> [SecondaryIndex] {
            guard case .array(let elements)? = value else { return [] }
            return try elements.map { element in
                let projectionType = try string(element["Projection"]?["ProjectionType"])
                let projection: SecondaryIndex.Projection
                switch projectionType {
                case "KEYS_ONLY": projection = .keysOnly
                case "INCLUDE":
                    var names: [String] = []
                    if case .array(let values)? = element["Projection"]?["NonKeyAttributes"] {
                        names = try values.map { try string($0) }
                    }
                    projection = .include(names)
                default: projection = .all
                }
                return SecondaryIndex(
                    name: try string(element["IndexName"]),
                    kind: kind,
                    keySchema: try schema(element["KeySchema"]),
                    projection: projection
                )
            }
        }
        var billing = BillingMode.payPerRequest
        if case .string("PROVISIONED")? = json["BillingMode"], let throughput = json["ProvisionedThroughput"] {
            let read = throughput["ReadCapacityUnits"].flatMap { try? JSONShape.integer($0) } ?? 0
            let write = throughput["WriteCapacityUnits"].flatMap { try? JSONShape.integer($0) } ?? 0
            billing = .provisioned(readCapacityUnits: read, writeCapacityUnits: write)
        }
        var created = 0.0
        if case .number(let seconds)? = json["CreationDateTime"] { created = Double(seconds) ?? 0 }
        var timeToLive: String?
        if case .string(let attribute)? = json["TimeToLiveAttribute"] { timeToLive = attribute }
        self.init(
            name: try string(json["TableName"]),
            keySchema: try schema(json["KeySchema"]),
            attributeDefinitions: definitions,
            globalSecondaryIndexes: try indexes(json["GlobalSecondaryIndexes"], kind: .global),
            localSecondaryIndexes: try indexes(json["LocalSecondaryIndexes"], kind: .local),
            billingMode: billing,
            timeToLiveAttribute: timeToLive,
            creationDateTime: created,
            tableId: try string(json["TableId"])
        )
    }
}
