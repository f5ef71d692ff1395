/// PutItem, GetItem, UpdateItem, DeleteItem.
extension DynamoDB {
    /// Writes an item, replacing any item with the same key; returns the old item for `ALL_OLD`.
    func putItem(_ request: PutItemRequest) async throws(DynamoDBError) -> Item? {
        let table = try await requireTable(request.tableName)
        let key = try KeyValidation.item(request.item, table: table.definition)
        try KeyValidation.size(of: request.item)
        let write = PreparedWrite.put(request.item, at: key, condition: request.condition)
        let old = try await commit([write], in: [table])[0]
        return request.returnValues == .allOld ? old : nil
    }

    /// The item at `key`, projected; `nil` when there is none.
    func getItem(_ request: GetItemRequest) async throws(DynamoDBError) -> Item? {
        let table = try await requireTable(request.tableName)
        let key = try KeyValidation.key(request.key, schema: table.definition.keySchema)
        try checkKeyPaths(request.projection?.paths ?? [], table: table.definition, schema: nil)
        let now = self.now
        let item = try await backendCall { try await backend.item(at: key, in: table, now: now) }
        guard let item else { return nil }
        return request.projection?.apply(to: item) ?? item
    }

    /// Applies an update to the item at `key`, creating it when absent; returns what `ReturnValues` asks for.
    func updateItem(_ request: UpdateItemRequest) async throws(DynamoDBError) -> Item? {
        let table = try await requireTable(request.tableName)
        let key = try KeyValidation.key(request.key, schema: table.definition.keySchema)
        let update = request.update ?? UpdateExpression(actions: [])
        for action in update.actions where table.definition.keySchema.contains(action.path.head) {
            throw .cannotUpdateKey(action.path.head)
        }
        try checkKeyPaths(update.updatedPaths, table: table.definition, schema: nil)
        let write = PreparedWrite.update(update, key: request.key, at: key, condition: request.condition)
        let (old, new) = try await commitUpdate(write, in: table)
        let paths = ProjectionExpression(paths: update.updatedPaths)
        let attributes: Item?
        switch request.returnValues {
        case .none: attributes = nil
        case .allOld: attributes = old
        case .updatedOld: attributes = old.map { paths.apply(to: $0) }
        case .allNew: attributes = new
        case .updatedNew: attributes = paths.apply(to: new)
        }
        guard let attributes, !attributes.isEmpty else { return nil }
        return attributes
    }

    /// Deletes the item at `key` (nothing happens when there is none); returns the old item for `ALL_OLD`.
    func deleteItem(_ request: DeleteItemRequest) async throws(DynamoDBError) -> Item? {
        let table = try await requireTable(request.tableName)
        let key = try KeyValidation.key(request.key, schema: table.definition.keySchema)
        let old = try await commit([.delete(at: key, condition: request.condition)], in: [table])[0]
        return request.returnValues == .allOld ? old : nil
    }

    private func commitUpdate(_ write: PreparedWrite, in table: StoredTable) async throws(DynamoDBError) -> (old: Item?, new: Item) {
        var newItem: Item = [:]
        let old = try await commit([write], in: [table]) { _, new in newItem = new ?? [:] }[0]
        return (old, newItem)
    }

    /// `Key attributes must be scalars` for nested paths into key attributes.
    func checkKeyPaths(_ paths: [DocumentPath], table: TableDefinition, schema: KeySchema?) throws(DynamoDBError) {
        for path in paths where path.isNested {
            if table.keySchema.contains(path.head) { throw .nestedKeyPath(path.head, isIndexKey: false) }
            if table.secondaryIndexes.contains(where: { $0.keySchema.contains(path.head) }) {
                throw .nestedKeyPath(path.head, isIndexKey: true)
            }
        }
    }
}

/// One write, checked and ready to run inside a transaction.
struct PreparedWrite: Sendable {
    enum Kind: Sendable {
        case put(Item)
        case update(UpdateExpression, key: Item)
        case delete
        case conditionCheck
    }

    var kind: Kind
    var key: StorageKey
    var condition: WriteCondition
    /// Index into the tables passed to `commit`.
    var table = 0

    static func put(_ item: Item, at key: StorageKey, condition: WriteCondition, table: Int = 0) -> PreparedWrite {
        PreparedWrite(kind: .put(item), key: key, condition: condition, table: table)
    }

    static func update(_ update: UpdateExpression, key item: Item, at key: StorageKey, condition: WriteCondition, table: Int = 0) -> PreparedWrite {
        PreparedWrite(kind: .update(update, key: item), key: key, condition: condition, table: table)
    }

    static func delete(at key: StorageKey, condition: WriteCondition, table: Int = 0) -> PreparedWrite {
        PreparedWrite(kind: .delete, key: key, condition: condition, table: table)
    }

    static func check(at key: StorageKey, condition: WriteCondition, table: Int = 0) -> PreparedWrite {
        PreparedWrite(kind: .conditionCheck, key: key, condition: condition, table: table)
    }
}

extension DynamoDB {
    /// Runs writes in one transaction: reads each current item, checks conditions, computes and stores
    /// the new items. Returns the old items, in order.
    ///
    /// A single write fails with its own error (`ConditionalCheckFailedException`, ...). Several writes
    /// (`TransactWriteItems`) fail together with `TransactionCanceledException` and one reason per write.
    func commit(
        _ writes: [PreparedWrite],
        in tables: [StoredTable],
        observe: (Int, Item?) -> Void = { _, _ in }
    ) async throws(DynamoDBError) -> [Item?] {
        let now = self.now
        let isTransaction = writes.count > 1
        let locks = writes.map { (table: tables[$0.table], key: $0.key) }
        let outcome: ([Item?], [Item?]) = try await backendCall {
            try await backend.transaction(locking: locks, now: now) { transaction in
                var olds: [Item?] = []
                var news: [Item?] = []
                var reasons: [DynamoDBError.CancellationReason] = []
                var failed = false
                for write in writes {
                    let table = tables[write.table]
                    let old = try await transaction.item(at: write.key, in: table)
                    olds.append(old)
                    do {
                        news.append(try Self.newItem(for: write, old: old, table: table.definition))
                        reasons.append(.none)
                    } catch let error as DynamoDBError {
                        guard isTransaction else { throw error }
                        failed = true
                        news.append(nil)
                        if error.isConditionalCheckFailed {
                            reasons.append(.init(code: "ConditionalCheckFailed", message: error.message, item: error.item))
                        } else {
                            reasons.append(.init(code: "ValidationError", message: error.message))
                        }
                    }
                }
                if failed { throw DynamoDBError.transactionCanceled(reasons) }
                for (write, new) in zip(writes, news) {
                    let table = tables[write.table]
                    switch write.kind {
                    case .conditionCheck:
                        continue
                    case .delete:
                        try await transaction.delete(at: write.key, in: table)
                    case .put, .update:
                        guard let new else { continue }
                        try await transaction.put(
                            new,
                            at: write.key,
                            in: table,
                            expires: TimeToLive.expiry(of: new, attribute: table.definition.timeToLiveAttribute),
                            indexEntries: self.indexEntries(of: new, in: table.definition)
                        )
                    }
                }
                return (olds, news)
            }
        }
        for (position, new) in outcome.1.enumerated() { observe(position, new) }
        return outcome.0
    }

    /// The item a write leaves (nil for deletes and checks), after checking its condition.
    private static func newItem(for write: PreparedWrite, old: Item?, table: TableDefinition) throws(DynamoDBError) -> Item? {
        if let condition = write.condition.condition, !condition.isSatisfied(by: old ?? [:]) {
            throw .conditionalCheckFailed(item: write.condition.returnOldItemOnFailure ? old : nil)
        }
        switch write.kind {
        case .put(let item):
            return item
        case .update(let update, let key):
            let new = try update.apply(to: old ?? key)
            try KeyValidation.indexKeys(of: new, table: table)
            try KeyValidation.size(of: new, isUpdate: true)
            return new
        case .delete, .conditionCheck:
            return nil
        }
    }
}
