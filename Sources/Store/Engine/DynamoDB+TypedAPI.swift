/// The typed Swift API, for in-process callers such as the API Gateway `table` integration. It runs the
/// same code as the wire protocol, with the same checks and errors.
extension DynamoDB {
    /// The definition of the table called `name`, or `nil`.
    public func table(named name: String) async throws(DynamoDBError) -> TableDefinition? {
        try await backendCall { try await backend.table(named: name) }?.definition
    }

    /// Creates a table (`ResourceInUseException` when it exists).
    @discardableResult
    public func createTable(_ definition: TableDefinition) async throws(DynamoDBError) -> TableDefinition {
        try await createTableDescription(definition).definition
    }

    /// The item with this primary key, or `nil`.
    ///
    /// - Parameters:
    ///   - key: exactly the key attributes, e.g. `["id": .string("42")]`.
    ///   - projection: a `ProjectionExpression`, with `#name` placeholders resolved through `names`.
    public func getItem(
        table: String,
        key: Item,
        projection: String? = nil,
        names: [String: String] = [:]
    ) async throws(DynamoDBError) -> Item? {
        var attributes = ExpressionAttributes(names: names)
        let compiled = try projection.map { text throws(DynamoDBError) in try Self.compileProjection(text, &attributes) }
        try attributes.checkAllUsed()
        return try await getItem(GetItemRequest(tableName: table, key: key, projection: compiled))
    }

    /// Writes an item, replacing any with the same key; returns the item it replaced.
    ///
    /// - Parameter condition: a `ConditionExpression` (e.g. `attribute_not_exists(id)` to create only);
    ///   a false condition throws `ConditionalCheckFailedException`.
    @discardableResult
    public func putItem(
        table: String,
        item: Item,
        condition: String? = nil,
        names: [String: String] = [:],
        values: [String: AttributeValue] = [:]
    ) async throws(DynamoDBError) -> Item? {
        var attributes = ExpressionAttributes(names: names, values: values)
        let compiled = try condition.map { text throws(DynamoDBError) in try Self.compileCondition(text, &attributes) }
        try attributes.checkAllUsed()
        return try await putItem(
            PutItemRequest(tableName: table, item: item, condition: WriteCondition(condition: compiled), returnValues: .allOld)
        )
    }

    /// Applies an `UpdateExpression` to the item with this key (creating it when absent) and returns what
    /// `returnValues` asks for (the whole new item by default).
    @discardableResult
    public func updateItem(
        table: String,
        key: Item,
        update: String,
        condition: String? = nil,
        names: [String: String] = [:],
        values: [String: AttributeValue] = [:],
        returnValues: ReturnValues = .allNew
    ) async throws(DynamoDBError) -> Item? {
        var attributes = ExpressionAttributes(names: names, values: values)
        let compiledUpdate: UpdateExpression
        do {
            compiledUpdate = try UpdateParser.parse(update, attributes: &attributes)
        } catch {
            throw error.validation(parameter: "UpdateExpression")
        }
        let compiledCondition = try condition.map { text throws(DynamoDBError) in try Self.compileCondition(text, &attributes) }
        try attributes.checkAllUsed()
        return try await updateItem(
            UpdateItemRequest(
                tableName: table,
                key: key,
                update: compiledUpdate,
                condition: WriteCondition(condition: compiledCondition),
                returnValues: returnValues
            )
        )
    }

    /// Deletes the item with this key; returns it, or `nil` when there was none.
    @discardableResult
    public func deleteItem(
        table: String,
        key: Item,
        condition: String? = nil,
        names: [String: String] = [:],
        values: [String: AttributeValue] = [:]
    ) async throws(DynamoDBError) -> Item? {
        var attributes = ExpressionAttributes(names: names, values: values)
        let compiled = try condition.map { text throws(DynamoDBError) in try Self.compileCondition(text, &attributes) }
        try attributes.checkAllUsed()
        return try await deleteItem(
            DeleteItemRequest(tableName: table, key: key, condition: WriteCondition(condition: compiled), returnValues: .allOld)
        )
    }

    /// One page of the items with this partition key (on the table, or on `index`), in sort key order.
    ///
    /// Pass the page's `lastEvaluatedKey` as `exclusiveStartKey` to read the next page; a page holds at
    /// most `limit` items and at most 1 MB.
    public func query(
        table: String,
        index: String? = nil,
        partitionKey: (name: String, value: AttributeValue),
        sortKey: (name: String, predicate: KeyConditions.Predicate)? = nil,
        limit: Int? = nil,
        exclusiveStartKey: Item? = nil,
        scanIndexForward: Bool = true
    ) async throws(DynamoDBError) -> ItemPage {
        if let limit, limit < 1 { throw .validation(Self.limitMessage(limit)) }
        return try await query(
            QueryRequest(
                tableName: table,
                indexName: index,
                keyConditions: KeyConditions(partitionKey: partitionKey.name, equals: partitionKey.value, sortKey: sortKey),
                limit: limit,
                exclusiveStartKey: exclusiveStartKey,
                scanIndexForward: scanIndexForward
            )
        )
    }

    /// One page of all items of a table (or index), in no particular order.
    public func scan(
        table: String,
        index: String? = nil,
        limit: Int? = nil,
        exclusiveStartKey: Item? = nil
    ) async throws(DynamoDBError) -> ItemPage {
        if let limit, limit < 1 { throw .validation(Self.limitMessage(limit)) }
        return try await scan(ScanRequest(tableName: table, indexName: index, limit: limit, exclusiveStartKey: exclusiveStartKey))
    }

    private static func limitMessage(_ limit: Int) -> String {
        "1 validation error detected: Value '\(limit)' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"
    }

    private static func compileCondition(_ text: String, _ attributes: inout ExpressionAttributes) throws(DynamoDBError) -> ConditionExpression {
        do {
            return try ConditionParser.parse(text, attributes: &attributes)
        } catch {
            throw error.validation(parameter: "ConditionExpression")
        }
    }

    private static func compileProjection(_ text: String, _ attributes: inout ExpressionAttributes) throws(DynamoDBError) -> ProjectionExpression {
        do {
            return try ProjectionExpression.parse(text, attributes: &attributes)
        } catch {
            throw error.validation(parameter: "ProjectionExpression")
        }
    }
}
