import Gateway
import NIOConcurrencyHelpers
import Store

/// The gateway's `table` integration over the DynamoDB-style store: keys typed from the table's key schema,
/// scans paged by `LastEvaluatedKey` (handed out as an opaque `nextToken`).
final class StoreTableBackend: TableBackend {
    let store: DynamoDB
    /// Key schemas by table; a table's schema never changes while it exists.
    private let schemas = NIOLockedValueBox<[String: KeySchema]>([:])

    private static let conditionFailed = "ConditionalCheckFailedException"

    init(store: DynamoDB) {
        self.store = store
    }

    func getItem(table: String, key: TableKey) async throws -> TableItemRead {
        let item = try await store.getItem(table: table, key: try await storeKey(table, key))
        return TableItemRead(item: item.map(ItemJSON.object))
    }

    func createItem(table: String, key: TableKey, item: [String: JSONValue]) async throws -> Bool {
        var stored = try ItemJSON.item(item)
        stored.merge(try await storeKey(table, key)) { _, key in key }
        do throws(DynamoDBError) {
            try await store.putItem(table: table, item: stored, condition: "attribute_not_exists(#key)", names: ["#key": key.attributeName])
            return true
        } catch {
            guard error.name == Self.conditionFailed else { throw error }
            return false
        }
    }

    func putItem(table: String, key: TableKey, item: [String: JSONValue]) async throws {
        var stored = try ItemJSON.item(item)
        stored.merge(try await storeKey(table, key)) { _, key in key }
        try await store.putItem(table: table, item: stored)
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
        do throws(DynamoDBError) {
            let updated = try await store.updateItem(
                table: table,
                key: storeKey,
                update: "SET " + assignments.joined(separator: ", "),
                condition: "attribute_exists(#key)",
                names: names,
                values: values
            )
            return updated.map(ItemJSON.object)
        } catch {
            guard error.name == Self.conditionFailed else { throw error }
            return nil
        }
    }

    func deleteItem(table: String, key: TableKey) async throws -> Bool {
        try await store.deleteItem(table: table, key: try await storeKey(table, key)) != nil
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
