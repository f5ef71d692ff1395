/// Decoding of the table operations' request bodies.
extension WireRequests {
    static func tableName(_ json: JSONValue) throws(DynamoDBError) -> String {
        var reader = try RequestReader(json)
        let name = try reader.tableName()
        try reader.finish()
        return name ?? ""
    }

    static func listTables(_ json: JSONValue) throws(DynamoDBError) -> (exclusiveStart: String?, limit: Int?) {
        var reader = try RequestReader(json)
        let start = try reader.tableName("ExclusiveStartTableName", required: false)
        let limit = try reader.integer("Limit", minimum: 1, maximum: 100)
        try reader.finish()
        return (start, limit)
    }

    static func updateTimeToLive(_ json: JSONValue) throws(DynamoDBError) -> (tableName: String, attribute: String, enabled: Bool) {
        var reader = try RequestReader(json)
        let name = try reader.tableName()
        let specification = try reader.required("TimeToLiveSpecification") { reader throws(DynamoDBError) in
            try reader.members["TimeToLiveSpecification"].map { json throws(DynamoDBError) in try RequestReader(json, path: "timeToLiveSpecification")
            }
        }
        var attribute: String?
        var enabled: Bool?
        if var specification {
            attribute = try specification.required("AttributeName") { reader throws(DynamoDBError) in try reader.string("AttributeName") }
            enabled = try specification.required("Enabled") { reader throws(DynamoDBError) in try reader.bool("Enabled") }
            if let attribute, attribute.isEmpty || attribute.utf8.count > 255 {
                specification.violation("AttributeName", value: attribute, "Member must have length greater than or equal to 1")
            }
            reader.merge(specification)
        }
        try reader.finish()
        return (name ?? "", attribute ?? "", enabled ?? false)
    }

    static func createTable(_ json: JSONValue) throws(DynamoDBError) -> TableDefinition {
        var reader = try RequestReader(json)
        let name = try reader.tableName()
        let definitionsJSON = try reader.required("AttributeDefinitions") { reader throws(DynamoDBError) in try reader.array("AttributeDefinitions") }
        let keySchemaJSON = try reader.required("KeySchema") { reader throws(DynamoDBError) in try reader.array("KeySchema") }
        let billing = try reader.enumeration("BillingMode", ["PROVISIONED", "PAY_PER_REQUEST"])
        var throughput: (Int, Int)?
        if let throughputJSON = reader.members["ProvisionedThroughput"] {
            var entry = try RequestReader(throughputJSON, path: "provisionedThroughput")
            let read = try entry.required("ReadCapacityUnits") { reader throws(DynamoDBError) in try reader.integer("ReadCapacityUnits") }
            let write = try entry.required("WriteCapacityUnits") { reader throws(DynamoDBError) in try reader.integer("WriteCapacityUnits") }
            reader.merge(entry)
            throughput = (read ?? 1, write ?? 1)
        }
        let globalJSON = try reader.array("GlobalSecondaryIndexes")
        let localJSON = try reader.array("LocalSecondaryIndexes")
        _ = try reader.object("StreamSpecification")
        _ = try reader.array("Tags")
        _ = try reader.object("SSESpecification")
        _ = try reader.bool("DeletionProtectionEnabled")
        _ = try reader.enumeration("TableClass", ["STANDARD", "STANDARD_INFREQUENT_ACCESS"])
        var definitions: [KeyAttribute] = []
        for (position, element) in (definitionsJSON ?? []).enumerated() {
            var entry = try RequestReader(element, path: "attributeDefinitions.\(position + 1).member")
            let attribute = try entry.required("AttributeName") { reader throws(DynamoDBError) in try reader.string("AttributeName") }
            let type = try entry.enumeration("AttributeType", ["B", "N", "S"])
            if type == nil { entry.violation("AttributeType", value: nil, "Member must not be null") }
            reader.merge(entry)
            if let attribute, let type, let scalar = ScalarAttributeType(rawValue: type) {
                definitions.append(KeyAttribute(name: attribute, type: scalar))
            }
        }
        let keyElements = try keySchemaElements(keySchemaJSON ?? [], path: "keySchema", reader: &reader)
        if keySchemaJSON != nil && (keyElements.isEmpty || keyElements.count > 2) {
            reader.violation(
                "KeySchema",
                value: nil,
                keyElements.isEmpty ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 2"
            )
        }
        try reader.finish()

        let types = Dictionary(definitions.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
        let keySchema = try resolve(keyElements, types: types, definitions: definitions)
        var global: [SecondaryIndex] = []
        var local: [SecondaryIndex] = []
        var usedAttributes = Set(keySchema.attributes.map(\.name))
        var indexNames: Set<String> = []
        let provisioned = billing != "PAY_PER_REQUEST"
        for (kind, list) in [(SecondaryIndex.Kind.global, globalJSON), (.local, localJSON)] {
            guard let list else { continue }
            let label = kind == .global ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes"
            if list.isEmpty { throw .invalidParameters("List of \(label) is empty") }
            for element in list {
                var entry = try RequestReader(element)
                guard let indexName = try entry.tableName("IndexName") else {
                    throw .validation("1 validation error detected: Value null at 'indexName' failed to satisfy constraint: Member must not be null")
                }
                let elements = try keySchemaElements(try entry.array("KeySchema") ?? [], path: "keySchema", reader: &entry)
                let projectionReader = try entry.members["Projection"].map { json throws(DynamoDBError) in try RequestReader(json) }
                try entry.finish()
                let schema = try resolve(elements, types: types, definitions: definitions)
                if !indexNames.insert(indexName).inserted { throw .invalidParameters("Duplicate index name: \(indexName)") }
                let projectionType = try projectionReader?.string("ProjectionType") ?? "ALL"
                let nonKey = try projectionReader?.array("NonKeyAttributes")?.map { json throws(DynamoDBError) in try JSONShape.string(json) } ?? []
                let projection: SecondaryIndex.Projection
                switch projectionType {
                case "KEYS_ONLY": projection = .keysOnly
                case "INCLUDE": projection = .include(nonKey)
                default: projection = .all
                }
                if kind == .global && provisioned && !entry.has("ProvisionedThroughput") {
                    throw .invalidParameters("ProvisionedThroughput must be specified for index: \(indexName)")
                }
                if kind == .local {
                    guard keySchema.sortKey != nil else {
                        throw .invalidParameters("Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex")
                    }
                    guard schema.partitionKey.name == keySchema.partitionKey.name else {
                        throw .invalidParameters(
                            "Index KeySchema does not have the same leading hash key as table KeySchema for index: \(indexName). index hash key: \(schema.partitionKey.name), table hash key: \(keySchema.partitionKey.name)"
                        )
                    }
                    guard schema.sortKey != nil else { throw .invalidParameters("Index KeySchema does not have a range key for index: \(indexName)") }
                }
                usedAttributes.formUnion(schema.attributes.map(\.name))
                let index = SecondaryIndex(name: indexName, kind: kind, keySchema: schema, projection: projection)
                if kind == .global { global.append(index) } else { local.append(index) }
            }
        }
        if usedAttributes.count != definitions.count {
            throw .invalidParameters("Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions")
        }
        let billingMode: TableDefinition.BillingMode
        if billing == "PAY_PER_REQUEST" {
            if throughput != nil {
                throw .invalidParameters("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST")
            }
            billingMode = .payPerRequest
        } else {
            guard let throughput else {
                throw .invalidParameters("ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED")
            }
            billingMode = .provisioned(readCapacityUnits: throughput.0, writeCapacityUnits: throughput.1)
        }
        return TableDefinition(
            name: name ?? "",
            keySchema: keySchema,
            attributeDefinitions: definitions,
            globalSecondaryIndexes: global,
            localSecondaryIndexes: local,
            billingMode: billingMode
        )
    }

    private static func keySchemaElements(
        _ elements: [JSONValue],
        path: String,
        reader: inout RequestReader
    ) throws(DynamoDBError) -> [(name: String, keyType: String)] {
        var result: [(name: String, keyType: String)] = []
        for (position, element) in elements.enumerated() {
            var entry = try RequestReader(element, path: "\(path).\(position + 1).member")
            let name = try entry.required("AttributeName") { reader throws(DynamoDBError) in try reader.string("AttributeName") }
            let keyType = try entry.enumeration("KeyType", ["HASH", "RANGE"])
            if keyType == nil { entry.violation("KeyType", value: nil, "Member must not be null") }
            reader.merge(entry)
            if let name, let keyType { result.append((name, keyType)) }
        }
        return result
    }

    private static func resolve(
        _ elements: [(name: String, keyType: String)],
        types: [String: ScalarAttributeType],
        definitions: [KeyAttribute]
    ) throws(DynamoDBError) -> KeySchema {
        guard let first = elements.first else { throw .validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type") }
        if first.keyType != "HASH" { throw .validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type") }
        if elements.count > 1 {
            if elements[1].keyType != "RANGE" { throw .validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type") }
            if elements[1].name == first.name {
                throw .validation("Both the Hash Key and the Range Key element in the KeySchema have the same name")
            }
        }
        let missing = elements.map(\.name).filter { types[$0] == nil }
        if !missing.isEmpty {
            throw .invalidParameters(
                "Some index key attributes are not defined in AttributeDefinitions. Keys: [\(missing.joined(separator: ", "))], AttributeDefinitions: [\(definitions.map(\.name).joined(separator: ", "))]"
            )
        }
        var schema = KeySchema(partitionKey: KeyAttribute(name: first.name, type: types[first.name]!))
        if elements.count > 1 { schema.sortKey = KeyAttribute(name: elements[1].name, type: types[elements[1].name]!) }
        return schema
    }
}
