/// BatchGetItem, BatchWriteItem, TransactWriteItems, TransactGetItems.
extension DynamoDB {
    /// The items at the requested keys, per table; every key is processed (`UnprocessedKeys` stays empty).
    func batchGetItem(_ request: BatchGetRequest) async throws(DynamoDBError) -> [String: [Item]] {
        let total = request.tables.reduce(0) { $0 + $1.keys.keys.count }
        if total > 100 { throw .validation("Too many items requested for the BatchGetItem call") }
        var lookups: [(table: StoredTable, keys: [StorageKey], projection: ProjectionExpression?)] = []
        for (name, entry) in request.tables {
            let table = try await requireTable(name)
            var keys: [StorageKey] = []
            for key in entry.keys {
                keys.append(try KeyValidation.key(key, schema: table.definition.keySchema))
            }
            if Set(keys).count != keys.count { throw .duplicateKeys }
            lookups.append((table, keys, entry.projection))
        }
        let now = self.now
        var responses: [String: [Item]] = [:]
        for lookup in lookups {
            var items: [Item] = []
            for key in lookup.keys {
                if let item = try await backendCall({ try await backend.item(at: key, in: lookup.table, now: now) }) {
                    items.append(lookup.projection?.apply(to: item) ?? item)
                }
            }
            responses[lookup.table.definition.name] = items
        }
        return responses
    }

    /// Puts and deletes, all applied (`UnprocessedItems` stays empty). Not atomic in DynamoDB; here they
    /// share one backend transaction, which only makes them faster.
    func batchWriteItem(_ request: BatchWriteRequest) async throws(DynamoDBError) {
        var tables: [StoredTable] = []
        var writes: [PreparedWrite] = []
        for (name, requests) in request.tables {
            let table = try await requireTable(name)
            tables.append(table)
            var seen: Set<StorageKey> = []
            for write in requests {
                let prepared: PreparedWrite
                switch write {
                case .put(let item):
                    let key = try KeyValidation.item(item, table: table.definition)
                    try KeyValidation.size(of: item)
                    prepared = .put(item, at: key, condition: WriteCondition(), table: tables.count - 1)
                case .delete(let key):
                    prepared = .delete(
                        at: try KeyValidation.key(key, schema: table.definition.keySchema),
                        condition: WriteCondition(),
                        table: tables.count - 1
                    )
                }
                if !seen.insert(prepared.key).inserted { throw .duplicateKeys }
                writes.append(prepared)
            }
        }
        // One write at a time through `commit` keeps per-write errors as they are, not as a cancelled transaction.
        if writes.count == 1 {
            _ = try await commit(writes, in: tables)
        } else if !writes.isEmpty {
            _ = try await commitBatch(writes, in: tables)
        }
    }

    private func commitBatch(_ writes: [PreparedWrite], in tables: [StoredTable]) async throws(DynamoDBError) {
        let now = self.now
        try await backendCall {
            try await backend.transaction(locking: writes.map { (tables[$0.table], $0.key) }, now: now) { transaction in
                for write in writes {
                    let table = tables[write.table]
                    switch write.kind {
                    case .put(let item):
                        try await transaction.put(
                            item,
                            at: write.key,
                            in: table,
                            expires: TimeToLive.expiry(of: item, attribute: table.definition.timeToLiveAttribute),
                            indexEntries: self.indexEntries(of: item, in: table.definition)
                        )
                    default:
                        try await transaction.delete(at: write.key, in: table)
                    }
                }
            }
        }
    }

    /// All actions or none: conditions are checked first, and any failure cancels the whole transaction.
    func transactWriteItems(_ request: TransactWriteRequest) async throws(DynamoDBError) {
        if request.actions.count > 100 {
            throw .validation(
                "1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100"
            )
        }
        var tables: [StoredTable] = []
        var writes: [PreparedWrite] = []
        var seen: Set<[UInt8]> = []
        func tableIndex(_ name: String) async throws(DynamoDBError) -> Int {
            if let position = tables.firstIndex(where: { $0.definition.name == name }) { return position }
            tables.append(try await requireTable(name))
            return tables.count - 1
        }
        for action in request.actions {
            let write: PreparedWrite
            switch action {
            case .conditionCheck(let name, let key, let condition):
                let position = try await tableIndex(name)
                write = .check(at: try KeyValidation.key(key, schema: tables[position].definition.keySchema), condition: condition, table: position)
            case .put(let put):
                let position = try await tableIndex(put.tableName)
                let key = try KeyValidation.item(put.item, table: tables[position].definition)
                try KeyValidation.size(of: put.item)
                write = .put(put.item, at: key, condition: put.condition, table: position)
            case .update(let update):
                let position = try await tableIndex(update.tableName)
                let definition = tables[position].definition
                let key = try KeyValidation.key(update.key, schema: definition.keySchema)
                let expression = update.update ?? UpdateExpression(actions: [])
                for action in expression.actions where definition.keySchema.contains(action.path.head) {
                    throw .cannotUpdateKey(action.path.head)
                }
                write = .update(expression, key: update.key, at: key, condition: update.condition, table: position)
            case .delete(let delete):
                let position = try await tableIndex(delete.tableName)
                write = .delete(
                    at: try KeyValidation.key(delete.key, schema: tables[position].definition.keySchema),
                    condition: delete.condition,
                    table: position
                )
            }
            let identity = Array(tables[write.table].definition.name.utf8) + [0] + write.key.partition + [0] + write.key.sort
            if !seen.insert(identity).inserted { throw .validation("Transaction request cannot include multiple operations on one item") }
            writes.append(write)
        }
        guard !writes.isEmpty else { return }
        if writes.count == 1 {
            // A transaction of one still answers with TransactionCanceledException.
            do {
                _ = try await commit(writes, in: tables)
            } catch  where error.isConditionalCheckFailed {
                throw .transactionCanceled([.init(code: "ConditionalCheckFailed", message: error.message, item: error.item)])
            }
            return
        }
        _ = try await commit(writes, in: tables)
    }

    /// The items at the keys, in request order; `nil` where there is none.
    func transactGetItems(_ request: TransactGetRequest) async throws(DynamoDBError) -> [Item?] {
        if request.gets.count > 100 {
            throw .validation(
                "1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100"
            )
        }
        var items: [Item?] = []
        for get in request.gets {
            items.append(try await getItem(get))
        }
        return items
    }
}
