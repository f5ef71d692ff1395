/// Query and Scan: pages of at most `Limit` items and at most 1 MB read, with `LastEvaluatedKey`.
extension DynamoDB {
    func query(_ request: QueryRequest) async throws(DynamoDBError) -> ItemPage {
        let table = try await requireTable(request.tableName)
        let (index, schema) = try resolveIndex(request.indexName, in: table.definition, consistentRead: request.consistentRead)
        let conditions = request.keyConditions
        guard let partition = conditions.predicate(for: schema.partitionKey.name) else {
            if schema.sortKey == nil && conditions.predicates.count > 1 { throw .validation("Query key condition not supported") }
            throw .validation("Query condition missed key schema element: \(schema.partitionKey.name)")
        }
        if schema.sortKey == nil && conditions.predicates.count > 1 { throw .validation("Query key condition not supported") }
        if conditions.predicates.count == 2, let sortKey = schema.sortKey, conditions.predicate(for: sortKey.name) == nil {
            throw .validation("Query condition missed key schema element: \(sortKey.name)")
        }
        for (name, predicate) in conditions.predicates {
            let type = name == schema.partitionKey.name ? schema.partitionKey.type : schema.sortKey?.type
            if let type, predicate.values.contains(where: { !type.matches($0) }) {
                throw .invalidParameters("Condition parameter type does not match schema type")
            }
        }
        guard case .comparison(.equal, let partitionValue) = partition else { throw .validation("Query key condition not supported") }
        let sortPredicate = schema.sortKey.flatMap { conditions.predicate(for: $0.name) }
        try checkFilter(request.filter, schema: schema)
        try checkSelect(request.select, projection: request.projection, index: index)
        try checkKeyPaths((request.projection?.paths ?? []) + (request.filter?.condition.paths ?? []), table: table.definition, schema: schema)

        var read = RangeRead(table: table, index: index?.name, partition: KeyEncoding.bytes(of: partitionValue), limit: 0, now: now)
        read.forward = request.scanIndexForward
        if let sortPredicate { Self.bound(&read, by: sortPredicate) }
        if let start = request.exclusiveStartKey {
            read.after = try startCursor(start, table: table.definition, index: index)
            if start[schema.partitionKey.name] != partitionValue {
                throw .validation("The provided starting key is outside query boundaries based on provided conditions")
            }
            if let sortKey = schema.sortKey, let sortPredicate, let startSort = start[sortKey.name],
                !Self.matches(startSort, sortPredicate)
            {
                throw .validation("The provided starting key does not match the range key predicate")
            }
        }
        return try await page(read, request: (request.filter, request.projection, request.select, request.limit), table: table, index: index)
    }

    func scan(_ request: ScanRequest) async throws(DynamoDBError) -> ItemPage {
        let table = try await requireTable(request.tableName)
        let (index, schema) = try resolveIndex(request.indexName, in: table.definition, consistentRead: request.consistentRead)
        try checkSelect(request.select, projection: request.projection, index: index)
        try checkKeyPaths((request.projection?.paths ?? []) + (request.filter?.condition.paths ?? []), table: table.definition, schema: schema)
        var read = RangeRead(table: table, index: index?.name, limit: 0, now: now)
        if let (segment, total) = request.segment {
            read.segment = (KeyEncoding.segmentStart(segment, of: total), KeyEncoding.segmentStart(segment + 1, of: total))
        }
        if let start = request.exclusiveStartKey {
            read.after = try startCursor(start, table: table.definition, index: index)
        }
        return try await page(read, request: (request.filter, request.projection, request.select, request.limit), table: table, index: index)
    }

    private func resolveIndex(_ name: String?, in table: TableDefinition, consistentRead: Bool) throws(DynamoDBError) -> (SecondaryIndex?, KeySchema)
    {
        guard let name else { return (nil, table.keySchema) }
        guard let index = table.index(named: name) else { throw .validation("The table does not have the specified index: \(name)") }
        if index.kind == .global && consistentRead { throw .validation("Consistent reads are not supported on global secondary indexes") }
        return (index, index.keySchema)
    }

    private func checkFilter(_ filter: Filter?, schema: KeySchema) throws(DynamoDBError) {
        guard let filter else { return }
        for path in filter.condition.paths where schema.contains(path.head) {
            throw .validation("\(filter.parameterName) can only contain non-primary key attributes: Primary key attribute: \(path.head)")
        }
    }

    private func checkSelect(_ select: Select?, projection: ProjectionExpression?, index: SecondaryIndex?) throws(DynamoDBError) {
        if select == .allProjectedAttributes && index == nil {
            throw .invalidParameters("Select type ALL_PROJECTED_ATTRIBUTES is not supported for a table without indexes")
        }
        if select == .allAttributes, let index, index.kind == .global, index.projection != .all {
            throw .invalidParameters(
                "Select type ALL_ATTRIBUTES is not supported for global secondary index \(index.name) because its projection type is not ALL"
            )
        }
        if let select, select != .specificAttributes, projection != nil {
            throw .validation(
                select == .count
                    ? "Cannot specify the AttributesToGet when choosing to get only the Count"
                    : "Cannot specify the AttributesToGet when choosing to get \(select.rawValue)"
            )
        }
    }

    /// Checks an `ExclusiveStartKey` and turns it into a read position.
    private func startCursor(_ start: Item, table: TableDefinition, index: SecondaryIndex?) throws(DynamoDBError) -> RangeRead.Cursor {
        var names = Set(table.keySchema.attributes.map(\.name))
        if let index { names.formUnion(index.keySchema.attributes.map(\.name)) }
        guard start.count == names.count, names.allSatisfy({ start[$0] != nil }) else { throw .validation("The provided starting key is invalid") }
        let tableKey: StorageKey
        do {
            tableKey = try KeyValidation.key(table.keySchema.key(of: start), schema: table.keySchema)
        } catch {
            throw .validation("The provided starting key is invalid: \(error.message ?? "")")
        }
        guard let index else { return RangeRead.Cursor(table: tableKey) }
        guard let indexKey = StorageKey(of: start, schema: index.keySchema) else {
            throw .validation("The provided starting key is invalid: The provided key element does not match the schema")
        }
        return RangeRead.Cursor(table: tableKey, index: indexKey)
    }

    private static func bound(_ read: inout RangeRead, by predicate: KeyConditions.Predicate) {
        switch predicate {
        case .comparison(let comparator, let value):
            let bytes = KeyEncoding.bytes(of: value)
            switch comparator {
            case .equal:
                read.lower = (bytes, true)
                read.upper = (bytes, true)
            case .less: read.upper = (bytes, false)
            case .lessOrEqual: read.upper = (bytes, true)
            case .greater: read.lower = (bytes, false)
            case .greaterOrEqual: read.lower = (bytes, true)
            case .notEqual: break
            }
        case .between(let low, let high):
            read.lower = (KeyEncoding.bytes(of: low), true)
            read.upper = (KeyEncoding.bytes(of: high), true)
        case .beginsWith(let prefix):
            let bytes = KeyEncoding.bytes(of: prefix)
            read.lower = (bytes, true)
            read.upper = KeyEncoding.prefixUpperBound(bytes).map { ($0, false) }
        }
    }

    private static func matches(_ value: AttributeValue, _ predicate: KeyConditions.Predicate) -> Bool {
        let condition: ConditionExpression
        let path = ConditionOperand.path(DocumentPath(attribute: "k"))
        switch predicate {
        case .comparison(let comparator, let bound): condition = .comparison(path, comparator, .value(bound))
        case .between(let low, let high): condition = .between(path, .value(low), .value(high))
        case .beginsWith(let prefix): condition = .beginsWith(path, .value(prefix))
        }
        return condition.isSatisfied(by: ["k": value])
    }

    /// Reads rows until `Limit` items were read or 1 MB was read, filters and projects them.
    private func page(
        _ read: RangeRead,
        request: (filter: Filter?, projection: ProjectionExpression?, select: Select?, limit: Int?),
        table: StoredTable,
        index: SecondaryIndex?
    ) async throws(DynamoDBError) -> ItemPage {
        var read = read
        var items: [Item] = []
        var count = 0
        var scanned = 0
        var bytes = 0
        var lastItem: Item?
        var stopped = false
        let chunk = 128
        while !stopped {
            read.limit = min(chunk, (request.limit ?? Int.max) - scanned)
            let rows = try await backendCall { [read] in try await backend.read(read) }
            for row in rows {
                let item = index?.project(row.item, tableKey: table.definition.keySchema) ?? row.item
                scanned += 1
                bytes += ItemSize.of(item)
                lastItem = item
                read.after = row.cursor
                if request.filter?.condition.isSatisfied(by: item) ?? true {
                    count += 1
                    if request.select != .count { items.append(request.projection?.apply(to: item) ?? item) }
                }
                if scanned == request.limit || bytes >= ItemSize.maximumPageBytes {
                    stopped = true
                    break
                }
            }
            if rows.count < read.limit { break }
        }
        var lastEvaluatedKey: Item?
        if stopped, let lastItem {
            var key = table.definition.keySchema.key(of: lastItem)
            if let index { key.merge(index.keySchema.key(of: lastItem)) { current, _ in current } }
            lastEvaluatedKey = key
        }
        return ItemPage(items: items, count: count, scannedCount: scanned, lastEvaluatedKey: lastEvaluatedKey)
    }
}
