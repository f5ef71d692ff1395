/// CreateTable, DescribeTable, ListTables, DeleteTable, UpdateTimeToLive, DescribeTimeToLive.
extension DynamoDB {
    /// Creates a table; it is usable at once (the response says `CREATING`, as DynamoDB's does).
    func createTableDescription(_ definition: TableDefinition) async throws(DynamoDBError) -> TableDescription {
        var fresh = definition
        fresh.creationDateTime = configuration.clock()
        fresh.tableId = Identifiers.uuid()
        guard let table = try await backendCall({ try await backend.createTable(fresh) }) else { throw .tableAlreadyExists(definition.name) }
        return TableDescription(definition: table.definition, status: .creating, itemCount: 0, sizeBytes: 0)
    }

    func describeTable(named name: String) async throws(DynamoDBError) -> TableDescription {
        guard let table = try await backendCall({ try await backend.table(named: name) }) else { throw .tableNotFound(name) }
        let now = self.now
        let statistics = try await backendCall { try await backend.statistics(of: table, now: now) }
        return TableDescription(definition: table.definition, status: .active, itemCount: statistics.itemCount, sizeBytes: statistics.sizeBytes)
    }

    /// Table names in order, at most `limit`, after `exclusiveStart`; the second value is where the next page starts.
    func listTables(exclusiveStart: String?, limit: Int?) async throws(DynamoDBError) -> (names: [String], lastEvaluated: String?) {
        let names = try await backendCall { try await backend.tables() }.map(\.definition.name).sorted()
        let remaining = names.filter { exclusiveStart == nil || $0 > exclusiveStart! }
        let pageSize = limit ?? 100
        let page = Array(remaining.prefix(pageSize))
        return (page, remaining.count > pageSize ? page.last : nil)
    }

    func deleteTable(named name: String) async throws(DynamoDBError) -> TableDescription {
        let now = self.now
        guard let existing = try await backendCall({ try await backend.table(named: name) }) else { throw .tableNotFound(name) }
        let statistics = try await backendCall { try await backend.statistics(of: existing, now: now) }
        guard let table = try await backendCall({ try await backend.deleteTable(named: name) }) else { throw .tableNotFound(name) }
        return TableDescription(definition: table.definition, status: .deleting, itemCount: statistics.itemCount, sizeBytes: statistics.sizeBytes)
    }

    /// Enables TTL on `attribute`, or disables it (`enabled == false`).
    func updateTimeToLive(tableName: String, attribute: String, enabled: Bool) async throws(DynamoDBError) {
        guard let table = try await backendCall({ try await backend.table(named: tableName) }) else { throw .tableNotFound(tableName) }
        if enabled && table.definition.timeToLiveAttribute != nil { throw .validation("TimeToLive is already enabled") }
        if !enabled && table.definition.timeToLiveAttribute == nil { throw .validation("TimeToLive is already disabled") }
        _ = try await backendCall { try await backend.setTimeToLive(enabled ? attribute : nil, on: table) }
    }

    /// The TTL attribute, `nil` when TTL is disabled.
    func describeTimeToLive(tableName: String) async throws(DynamoDBError) -> String? {
        guard let table = try await backendCall({ try await backend.table(named: tableName) }) else { throw .tableNotFound(tableName) }
        return table.definition.timeToLiveAttribute
    }
}
