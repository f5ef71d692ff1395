import Gateway
import NIOConcurrencyHelpers
import NIOCore
import ReadCache
import Store

/// The gateway's `table` integration over the DynamoDB-style store, through the read cache as the whitepaper's
/// data tier has it (aws-behaviour §6): an item read is lazy-loaded into ElastiCache and answered from it until
/// its TTL; every write to an item invalidates it (or, with write-through, replaces it). Keys are typed from
/// the table's key schema; scans go to the table and are paged by `LastEvaluatedKey`, handed out as an opaque
/// `nextToken`.
final class StoreTableBackend: TableBackend {
    let store: DynamoDB
    let cache: ReadCache
    /// Key schemas by table; a table's schema never changes while it exists.
    private let schemas = NIOLockedValueBox<[String: KeySchema]>([:])

    private static let conditionFailed = "ConditionalCheckFailedException"

    init(store: DynamoDB, cache: ReadCache) {
        self.store = store
        self.cache = cache
    }

    func getItem(table: String, key: TableKey) async throws -> TableItemRead {
        let storeKey = try await storeKey(table, key)
        let read = try await cache.value(for: ReadCacheKey.item(table: table, partitionKey: key.value)) { [store] in
            try await store.getItem(table: table, key: storeKey).map { ByteBuffer(bytes: JSONValue.object(ItemJSON.object($0)).jsonBytes) }
        }
        let item = read.value.flatMap { JSONValue(parsing: Array($0.readableBytesView))?.objectValue }
        return TableItemRead(item: item, cacheStatus: ReadCacheStatus(rawValue: read.outcome.rawValue))
    }

    /// After a write to the table: the cached copy goes, or is replaced when the cache writes through.
    private func wrote(_ table: String, _ key: TableKey, item: [String: JSONValue]?) async throws {
        let value = item.map { ByteBuffer(bytes: JSONValue.object($0).jsonBytes) }
        try await cache.write(key: ReadCacheKey.item(table: table, partitionKey: key.value), value: value)
    }

    func createItem(table: String, key: TableKey, item: [String: JSONValue]) async throws -> Bool {
        var stored = try ItemJSON.item(item)
        stored.merge(try await storeKey(table, key)) { _, key in key }
        do throws(DynamoDBError) {
            try await store.putItem(table: table, item: stored, condition: "attribute_not_exists(#key)", names: ["#key": key.attributeName])
        } catch {
            guard error.name == Self.conditionFailed else { throw error }
            return false
        }
        try await wrote(table, key, item: ItemJSON.object(stored))
        return true
    }

    func putItem(table: String, key: TableKey, item: [String: JSONValue]) async throws {
        var stored = try ItemJSON.item(item)
        stored.merge(try await storeKey(table, key)) { _, key in key }
        try await store.putItem(table: table, item: stored)
        try await wrote(table, key, item: ItemJSON.object(stored))
    }

    func updateItem(table: String, key: TableKey, merging attributes: [String: JSONValue]) async throws -> [String: JSONValue]? {
        let storeKey = try await storeKey(table, key)
        let changes = attributes.filter { storeKey[$0.key] == nil }
        guard !changes.isEmpty else {
            return try await store.getItem(table: table, key: storeKey).map(ItemJSON.object)
        }
        var names: [String: String] = ["#key": key.attributeName]
        var values: [String: AttributeValue] = [:]
        var assignments: [String] = []
        for (index, (name, value)) in changes.sorted(by: { $0.key < $1.key }).enumerated() {
            names["#a\(index)"] = name
            values[":v\(index)"] = try ItemJSON.attribute(value)
            assignments.append("#a\(index) = :v\(index)")
        }
        let updated: Item?
        do throws(DynamoDBError) {
            updated = try await store.updateItem(
                table: table,
                key: storeKey,
                update: "SET " + assignments.joined(separator: ", "),
                condition: "attribute_exists(#key)",
                names: names,
                values: values
            )
        } catch {
            guard error.name == Self.conditionFailed else { throw error }
            return nil
        }
        let item = updated.map(ItemJSON.object)
        try await wrote(table, key, item: item)
        return item
    }

    func deleteItem(table: String, key: TableKey) async throws -> Bool {
        let deleted = try await store.deleteItem(table: table, key: try await storeKey(table, key)) != nil
        try await wrote(table, key, item: nil)
        return deleted
    }

    func scan(table: String, limit: Int, nextToken: String?) async throws -> TablePage {
        let start = try nextToken.map { token throws(TableBackendError) in try PageToken.key(token) }
        let page = try await store.scan(table: table, limit: limit, exclusiveStartKey: start)
        return TablePage(items: page.items.map(ItemJSON.object), nextToken: page.lastEvaluatedKey.map(PageToken.token))
    }

    /// The item key in the table's own types: a numeric partition key is sent as text by the gateway.
    private func storeKey(_ table: String, _ key: TableKey) async throws -> Item {
        let schema = try await schema(of: table)
        let value: AttributeValue
        switch schema.partitionKey.type {
        case .string: value = .string(key.value)
        case .number:
            guard let number = try? DynamoNumber(parsing: key.value) else {
                throw DynamoDBError.validation("The provided key element does not match the schema")
            }
            value = .number(number)
        case .binary: value = .binary(Array(key.value.utf8))
        }
        return [schema.partitionKey.name: value]
    }

    private func schema(of table: String) async throws -> KeySchema {
        if let known = schemas.withLockedValue({ $0[table] }) { return known }
        guard let definition = try await store.table(named: table) else { throw TableBackendError.tableNotFound(table) }
        schemas.withLockedValue { $0[table] = definition.keySchema }
        return definition.keySchema
    }
}
