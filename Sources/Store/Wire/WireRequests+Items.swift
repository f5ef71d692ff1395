/// Decoding of the item operations' request bodies, with DynamoDB's checks in its order.
enum WireRequests {
    static let returnValuesSet = ["ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW"]

    /// The members every item operation accepts and ignores (capacity reporting and metrics).
    static func readIgnored(_ reader: inout RequestReader) throws(DynamoDBError) {
        _ = try reader.enumeration("ReturnConsumedCapacity", ["INDEXES", "TOTAL", "NONE"])
        _ = try reader.enumeration("ReturnItemCollectionMetrics", ["SIZE", "NONE"])
    }

    static func writeCondition(_ reader: inout RequestReader, condition: ConditionExpression?) throws(DynamoDBError) -> WriteCondition {
        let onFailure = try reader.enumeration("ReturnValuesOnConditionCheckFailure", ["ALL_OLD", "NONE"])
        return WriteCondition(condition: condition, returnOldItemOnFailure: onFailure == "ALL_OLD")
    }

    static func putItem(_ json: JSONValue) throws(DynamoDBError) -> PutItemRequest {
        let write = try conditionalWrite(json, itemField: "Item")
        return PutItemRequest(tableName: write.tableName, item: write.item, condition: write.condition, returnValues: write.returnValues)
    }

    /// PutItem and DeleteItem read the same parameters, in the same order (which decides which error comes first),
    /// around one item: the whole item for a put, its key for a delete.
    private static func conditionalWrite(
        _ json: JSONValue,
        itemField: String
    ) throws(DynamoDBError) -> (tableName: String, item: Item, condition: WriteCondition, returnValues: ReturnValues) {
        var reader = try RequestReader(json)
        let tableName = try reader.tableName()
        let item = try reader.required(itemField) { reader throws(DynamoDBError) in try reader.item(itemField) }
        let returnValues = try reader.enumeration("ReturnValues", returnValuesSet)
        try readIgnored(&reader)
        let onFailure = try writeCondition(&reader, condition: nil)
        _ = try reader.enumeration("ConditionalOperator", ["OR", "AND"])
        try reader.finish()
        if let returnValues, returnValues != "NONE" && returnValues != "ALL_OLD" {
            throw .validation("ReturnValues can only be ALL_OLD or NONE")
        }
        var expressions = try ExpressionParameters(reader, expressions: ["ConditionExpression"], legacy: ["Expected"])
        let legacy = try LegacyParameters.expected(reader)
        let condition = try expressions.condition("ConditionExpression")
        try expressions.finish()
        return (
            tableName ?? "",
            item ?? [:],
            WriteCondition(condition: condition ?? legacy, returnOldItemOnFailure: onFailure.returnOldItemOnFailure),
            returnValues.flatMap(ReturnValues.init(rawValue:)) ?? .none
        )
    }

    static func getItem(_ json: JSONValue) throws(DynamoDBError) -> GetItemRequest {
        var reader = try RequestReader(json)
        let request = try getItem(&reader)
        try reader.finish()
        return try request()
    }

    /// Reads a Get (also inside `TransactGetItems`); the closure runs the checks that follow the constraint checks.
    static func getItem(_ reader: inout RequestReader) throws(DynamoDBError) -> () throws(DynamoDBError) -> GetItemRequest {
        let tableName = try reader.tableName()
        let key = try reader.required("Key") { reader throws(DynamoDBError) in try reader.item("Key") }
        _ = try reader.bool("ConsistentRead")
        try readIgnored(&reader)
        let snapshot = reader
        return { () throws(DynamoDBError) -> GetItemRequest in
            var expressions = try ExpressionParameters(snapshot, expressions: ["ProjectionExpression"], legacy: ["AttributesToGet"])
            let legacy = try LegacyParameters.attributesToGet(snapshot)
            let projection = try expressions.projection()
            try expressions.finish()
            return GetItemRequest(tableName: tableName ?? "", key: key ?? [:], projection: projection ?? legacy)
        }
    }

    static func updateItem(_ json: JSONValue) throws(DynamoDBError) -> UpdateItemRequest {
        var reader = try RequestReader(json)
        let tableName = try reader.tableName()
        let key = try reader.required("Key") { reader throws(DynamoDBError) in try reader.item("Key") }
        let returnValues = try reader.enumeration("ReturnValues", returnValuesSet)
        try readIgnored(&reader)
        let onFailure = try writeCondition(&reader, condition: nil)
        _ = try reader.enumeration("ConditionalOperator", ["OR", "AND"])
        try reader.finish()
        var expressions = try ExpressionParameters(
            reader,
            expressions: ["UpdateExpression", "ConditionExpression"],
            legacy: ["AttributeUpdates", "Expected"]
        )
        let legacyUpdate = try LegacyParameters.attributeUpdates(reader)
        let legacyCondition = try LegacyParameters.expected(reader)
        let update = try expressions.update()
        let condition = try expressions.condition("ConditionExpression")
        try expressions.finish()
        return UpdateItemRequest(
            tableName: tableName ?? "",
            key: key ?? [:],
            update: update ?? legacyUpdate,
            condition: WriteCondition(condition: condition ?? legacyCondition, returnOldItemOnFailure: onFailure.returnOldItemOnFailure),
            returnValues: returnValues.flatMap(ReturnValues.init(rawValue:)) ?? .none
        )
    }

    static func deleteItem(_ json: JSONValue) throws(DynamoDBError) -> DeleteItemRequest {
        let write = try conditionalWrite(json, itemField: "Key")
        return DeleteItemRequest(tableName: write.tableName, key: write.item, condition: write.condition, returnValues: write.returnValues)
    }

    static func query(_ json: JSONValue) throws(DynamoDBError) -> QueryRequest {
        var reader = try RequestReader(json)
        let tableName = try reader.tableName()
        let indexName = try reader.tableName("IndexName", required: false)
        let select = try reader.enumeration("Select", ["SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES"])
        let limit = try reader.integer("Limit", minimum: 1)
        let forward = try reader.bool("ScanIndexForward")
        let consistentRead = try reader.bool("ConsistentRead")
        _ = try reader.enumeration("ConditionalOperator", ["OR", "AND"])
        try readIgnored(&reader)
        try reader.finish()
        var expressions = try ExpressionParameters(
            reader,
            expressions: ["ProjectionExpression", "FilterExpression", "KeyConditionExpression"],
            legacy: ["AttributesToGet", "QueryFilter", "ConditionalOperator", "KeyConditions"]
        )
        let legacyFilter = try LegacyParameters.filter(reader, name: "QueryFilter")
        let legacyProjection = try LegacyParameters.attributesToGet(reader)
        let startKey = try exclusiveStartKey(reader)
        guard reader.has("KeyConditions") || reader.has("KeyConditionExpression") else {
            throw .validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.")
        }
        let keyCondition = try expressions.condition("KeyConditionExpression")
        let filter = try expressions.condition("FilterExpression")
        let projection = try expressions.projection()
        try expressions.finish()
        var keyConditions: KeyConditions?
        if let keyCondition {
            keyConditions = try KeyConditions.extract(from: keyCondition)
        } else {
            keyConditions = try LegacyParameters.keyConditions(reader)
        }
        guard let conditions = keyConditions else {
            throw .validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.")
        }
        return QueryRequest(
            tableName: tableName ?? "",
            indexName: indexName,
            keyConditions: conditions,
            filter: filter.map { Filter(condition: $0, parameterName: "Filter Expression") }
                ?? legacyFilter.map { Filter(condition: $0, parameterName: "QueryFilter") },
            projection: projection ?? legacyProjection,
            select: select.flatMap(Select.init(rawValue:)),
            limit: limit,
            exclusiveStartKey: startKey,
            scanIndexForward: forward ?? true,
            consistentRead: consistentRead ?? false
        )
    }

    static func scan(_ json: JSONValue) throws(DynamoDBError) -> ScanRequest {
        var reader = try RequestReader(json)
        let tableName = try reader.tableName()
        let indexName = try reader.tableName("IndexName", required: false)
        let select = try reader.enumeration("Select", ["SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES"])
        let limit = try reader.integer("Limit", minimum: 1)
        let segment = try reader.integer("Segment", minimum: 0, maximum: 999_999)
        let totalSegments = try reader.integer("TotalSegments", minimum: 1, maximum: 1_000_000)
        let consistentRead = try reader.bool("ConsistentRead")
        _ = try reader.enumeration("ConditionalOperator", ["OR", "AND"])
        try readIgnored(&reader)
        try reader.finish()
        var expressions = try ExpressionParameters(
            reader,
            expressions: ["ProjectionExpression", "FilterExpression"],
            legacy: ["AttributesToGet", "ScanFilter", "ConditionalOperator"]
        )
        let legacyProjection = try LegacyParameters.attributesToGet(reader)
        let legacyFilter = try LegacyParameters.filter(reader, name: "ScanFilter")
        let startKey = try exclusiveStartKey(reader)
        if segment != nil && totalSegments == nil {
            throw .validation("The TotalSegments parameter is required but was not present in the request when Segment parameter is present")
        }
        if let totalSegments {
            guard let segment else {
                throw .validation("The Segment parameter is required but was not present in the request when parameter TotalSegments is present")
            }
            if segment >= totalSegments {
                throw .validation(
                    "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: \(segment) is not less than TotalSegments: \(totalSegments)"
                )
            }
        }
        let filter = try expressions.condition("FilterExpression")
        let projection = try expressions.projection()
        try expressions.finish()
        return ScanRequest(
            tableName: tableName ?? "",
            indexName: indexName,
            filter: filter.map { Filter(condition: $0, parameterName: "Filter Expression") }
                ?? legacyFilter.map { Filter(condition: $0, parameterName: "ScanFilter") },
            projection: projection ?? legacyProjection,
            select: select.flatMap(Select.init(rawValue:)),
            limit: limit,
            exclusiveStartKey: startKey,
            segment: segment.flatMap { segment in totalSegments.map { (segment, $0) } },
            consistentRead: consistentRead ?? false
        )
    }

    private static func exclusiveStartKey(_ reader: RequestReader) throws(DynamoDBError) -> Item? {
        guard let members = try reader.object("ExclusiveStartKey") else { return nil }
        var key: Item = [:]
        for (name, json) in members where json != .null {
            do {
                key[name] = try AttributeValue(json: json)
            } catch  where error.isValidation {
                throw .validation("The provided starting key is invalid: \(error.message ?? "")")
            }
        }
        return key
    }
}
