/// Whether a read was answered by the read cache (ElastiCache) or went to the table.
public enum ReadCacheStatus: String, Sendable {
    case hit
    case miss
}

/// The key of an item: its partition key attribute and the value, as text.
public struct TableKey: Hashable, Sendable {
    public var attributeName: String
    public var value: String

    public init(attributeName: String, value: String) {
        self.attributeName = attributeName
        self.value = value
    }
}

/// One item read by key.
public struct TableItemRead: Sendable {
    public var item: [String: JSONValue]?
    /// Set when a read cache sits in front of the table; the response then says `X-EdgeSim-Read-Cache`.
    public var cacheStatus: ReadCacheStatus?

    public init(item: [String: JSONValue]?, cacheStatus: ReadCacheStatus? = nil) {
        self.item = item
        self.cacheStatus = cacheStatus
    }
}

/// A page of a table scan.
public struct TablePage: Sendable {
    public var items: [[String: JSONValue]]
    /// Opaque to the gateway: handed to the client as `nextToken` and back to ``TableBackend/scan(table:limit:nextToken:)``.
    public var nextToken: String?
    public var cacheStatus: ReadCacheStatus?

    public init(items: [[String: JSONValue]], nextToken: String?, cacheStatus: ReadCacheStatus? = nil) {
        self.items = items
        self.nextToken = nextToken
        self.cacheStatus = cacheStatus
    }
}

/// A table the `table` integration reads and writes, in plain JSON. The server adapts the Store (DynamoDB) and
/// ReadCache (ElastiCache) modules to it; ``InMemoryTableBackend`` serves stacks without a store.
public protocol TableBackend: Sendable {
    func getItem(table: String, key: TableKey) async throws -> TableItemRead
    /// Stores `item` unless an item with `key` exists; false when one does.
    func createItem(table: String, key: TableKey, item: [String: JSONValue]) async throws -> Bool
    /// Stores `item` under `key`, replacing any item there.
    func putItem(table: String, key: TableKey, item: [String: JSONValue]) async throws
    /// Sets `attributes` on the item with `key` and returns the whole item; nil when there is none.
    func updateItem(table: String, key: TableKey, merging attributes: [String: JSONValue]) async throws -> [String: JSONValue]?
    /// Deletes the item with `key`; false when there was none.
    func deleteItem(table: String, key: TableKey) async throws -> Bool
    /// Up to `limit` items, after the position `nextToken` names (nil: from the start).
    func scan(table: String, limit: Int, nextToken: String?) async throws -> TablePage
}

/// A table backend's refusal that the client caused.
public struct TableBackendError: Error, Sendable, Equatable {
    enum Code: Sendable, Equatable {
        case invalidNextToken
        case tableNotFound(String)
    }

    let code: Code

    /// The `nextToken` is not one this table handed out.
    public static let invalidNextToken = TableBackendError(code: .invalidNextToken)

    /// No such table.
    public static func tableNotFound(_ table: String) -> TableBackendError {
        TableBackendError(code: .tableNotFound(table))
    }
}
