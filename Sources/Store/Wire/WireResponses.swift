/// Encoding of response bodies, shaped as DynamoDB's.
enum WireResponses {
    static func attributes(_ item: Item?, member: String = "Attributes") -> [UInt8] {
        var writer = JSONWriter()
        writer.byte(UInt8(ascii: "{"))
        if let item {
            writer.key(member)
            AttributeValue.write(item, to: &writer)
        }
        writer.byte(UInt8(ascii: "}"))
        return writer.bytes
    }

    static func page(_ page: ItemPage, countOnly: Bool) -> [UInt8] {
        var writer = JSONWriter(capacity: 1024)
        writer.raw("{\"Count\":")
        writer.raw(String(page.count))
        if !countOnly {
            writer.raw(",\"Items\":[")
            for (position, item) in page.items.enumerated() {
                if position > 0 { writer.byte(UInt8(ascii: ",")) }
                AttributeValue.write(item, to: &writer)
            }
            writer.byte(UInt8(ascii: "]"))
        }
        if let key = page.lastEvaluatedKey {
            writer.raw(",\"LastEvaluatedKey\":")
            AttributeValue.write(key, to: &writer)
        }
        writer.raw(",\"ScannedCount\":")
        writer.raw(String(page.scannedCount))
        writer.byte(UInt8(ascii: "}"))
        return writer.bytes
    }

    static func batchGet(_ responses: [String: [Item]]) -> [UInt8] {
        var writer = JSONWriter(capacity: 1024)
        writer.raw("{\"Responses\":{")
        for (position, name) in responses.keys.sorted().enumerated() {
            if position > 0 { writer.byte(UInt8(ascii: ",")) }
            writer.key(name)
            writer.byte(UInt8(ascii: "["))
            for (index, item) in responses[name]!.enumerated() {
                if index > 0 { writer.byte(UInt8(ascii: ",")) }
                AttributeValue.write(item, to: &writer)
            }
            writer.byte(UInt8(ascii: "]"))
        }
        writer.raw("},\"UnprocessedKeys\":{}}")
        return writer.bytes
    }

    static func transactGet(_ items: [Item?]) -> [UInt8] {
        var writer = JSONWriter(capacity: 512)
        writer.raw("{\"Responses\":[")
        for (position, item) in items.enumerated() {
            if position > 0 { writer.byte(UInt8(ascii: ",")) }
            if let item {
                writer.raw("{\"Item\":")
                AttributeValue.write(item, to: &writer)
                writer.byte(UInt8(ascii: "}"))
            } else {
                writer.raw("{}")
            }
        }
        writer.raw("]}")
        return writer.bytes
    }

    static func json(_ value: JSONValue) -> [UInt8] {
        var writer = JSONWriter()
        writer.value(value)
        return writer.bytes
    }

    /// A `TableDescription` as CreateTable, DescribeTable and DeleteTable return it.
    static func tableDescription(_ description: TableDescription, region: String, accountID: String) -> JSONValue {
        let definition = description.definition
        let arn = "arn:aws:dynamodb:\(region):\(accountID):table/\(definition.name)"
        func throughput(_ billing: TableDefinition.BillingMode) -> JSONValue {
            let (read, write): (Int, Int)
            switch billing {
            case .payPerRequest: (read, write) = (0, 0)
            case .provisioned(let readUnits, let writeUnits): (read, write) = (readUnits, writeUnits)
            }
            return .object([
                "NumberOfDecreasesToday": .number("0"), "ReadCapacityUnits": .number(String(read)), "WriteCapacityUnits": .number(String(write)),
            ])
        }
        var members: [String: JSONValue] = [
            "AttributeDefinitions": .array(
                definition.attributeDefinitions.map { .object(["AttributeName": .string($0.name), "AttributeType": .string($0.type.rawValue)]) }
            ),
            "TableName": .string(definition.name),
            "KeySchema": TableDefinition.keySchemaJSON(definition.keySchema),
            "TableStatus": .string(description.status.rawValue),
            "CreationDateTime": .number(seconds(definition.creationDateTime)),
            "ProvisionedThroughput": throughput(definition.billingMode),
            "TableSizeBytes": .number(String(description.sizeBytes)),
            "ItemCount": .number(String(description.itemCount)),
            "TableArn": .string(arn),
            "TableId": .string(definition.tableId),
            "DeletionProtectionEnabled": .bool(false),
        ]
        if case .payPerRequest = definition.billingMode {
            members["BillingModeSummary"] = .object([
                "BillingMode": .string("PAY_PER_REQUEST"), "LastUpdateToPayPerRequestDateTime": .number(seconds(definition.creationDateTime)),
            ])
        }
        func index(_ index: SecondaryIndex) -> JSONValue {
            var entry: [String: JSONValue] = [
                "IndexName": .string(index.name), "KeySchema": TableDefinition.keySchemaJSON(index.keySchema),
                "Projection": TableDefinition.projectionJSON(index.projection), "IndexSizeBytes": .number("0"), "ItemCount": .number("0"),
                "IndexArn": .string("\(arn)/index/\(index.name)"),
            ]
            if index.kind == .global {
                entry["IndexStatus"] = .string("ACTIVE")
                entry["ProvisionedThroughput"] = throughput(definition.billingMode)
            }
            return .object(entry)
        }
        if !definition.globalSecondaryIndexes.isEmpty { members["GlobalSecondaryIndexes"] = .array(definition.globalSecondaryIndexes.map(index)) }
        if !definition.localSecondaryIndexes.isEmpty { members["LocalSecondaryIndexes"] = .array(definition.localSecondaryIndexes.map(index)) }
        return .object(members)
    }

    /// Epoch seconds with millisecond precision, as DynamoDB prints timestamps.
    private static func seconds(_ value: Double) -> String {
        let milliseconds = Int64((value * 1000).rounded())
        let whole = milliseconds / 1000
        let fraction = milliseconds % 1000
        if fraction == 0 { return String(whole) }
        let digits = String(fraction)
        return "\(whole).\(String(repeating: "0", count: 3 - digits.count) + digits)"
    }

    /// The body of an error response.
    static func error(_ error: DynamoDBError) -> [UInt8] {
        var writer = JSONWriter()
        writer.raw("{\"__type\":")
        writer.string(error.type)
        if let message = error.message {
            writer.byte(UInt8(ascii: ","))
            writer.key(error.cancellationReasons != nil ? "Message" : error.messageMemberName)
            writer.string(message)
        }
        if let item = error.item {
            writer.raw(",\"Item\":")
            AttributeValue.write(item, to: &writer)
        }
        if let reasons = error.cancellationReasons {
            writer.raw(",\"CancellationReasons\":[")
            for (position, reason) in reasons.enumerated() {
                if position > 0 { writer.byte(UInt8(ascii: ",")) }
                writer.raw("{\"Code\":")
                writer.string(reason.code)
                if let item = reason.item {
                    writer.raw(",\"Item\":")
                    AttributeValue.write(item, to: &writer)
                }
                if let message = reason.message {
                    writer.raw(",\"Message\":")
                    writer.string(message)
                }
                writer.byte(UInt8(ascii: "}"))
            }
            writer.byte(UInt8(ascii: "]"))
        }
        writer.byte(UInt8(ascii: "}"))
        return writer.bytes
    }
}
