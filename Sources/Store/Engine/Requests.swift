/// What `ReturnValues` asks an item write to return.
public enum ReturnValues: String, Sendable, Hashable {
    case none = "NONE"
    case allOld = "ALL_OLD"
    case updatedOld = "UPDATED_OLD"
    case allNew = "ALL_NEW"
    case updatedNew = "UPDATED_NEW"
}

/// What a `Query` or `Scan` returns per item.
enum Select: String, Sendable {
    case allAttributes = "ALL_ATTRIBUTES"
    case allProjectedAttributes = "ALL_PROJECTED_ATTRIBUTES"
    case specificAttributes = "SPECIFIC_ATTRIBUTES"
    case count = "COUNT"
}

/// A condition attached to a write, and what to return when it fails.
struct WriteCondition: Sendable {
    var condition: ConditionExpression?
    /// `ReturnValuesOnConditionCheckFailure=ALL_OLD`.
    var returnOldItemOnFailure = false
}

struct PutItemRequest: Sendable {
    var tableName: String
    var item: Item
    var condition = WriteCondition()
    var returnValues = ReturnValues.none
}

struct GetItemRequest: Sendable {
    var tableName: String
    var key: Item
    var projection: ProjectionExpression?
}

struct UpdateItemRequest: Sendable {
    var tableName: String
    var key: Item
    var update: UpdateExpression?
    var condition = WriteCondition()
    var returnValues = ReturnValues.none
}

struct DeleteItemRequest: Sendable {
    var tableName: String
    var key: Item
    var condition = WriteCondition()
    var returnValues = ReturnValues.none
}

/// A filter and the parameter it came from, for messages (`Filter Expression` or `QueryFilter`).
struct Filter: Sendable {
    var condition: ConditionExpression
    var parameterName: String
}

struct QueryRequest: Sendable {
    var tableName: String
    var indexName: String?
    var keyConditions: KeyConditions
    var filter: Filter?
    var projection: ProjectionExpression?
    var select: Select?
    var limit: Int?
    var exclusiveStartKey: Item?
    var scanIndexForward = true
    var consistentRead = false
}

struct ScanRequest: Sendable {
    var tableName: String
    var indexName: String?
    var filter: Filter?
    var projection: ProjectionExpression?
    var select: Select?
    var limit: Int?
    var exclusiveStartKey: Item?
    var segment: (segment: Int, totalSegments: Int)?
    var consistentRead = false
}

/// One page of a `Query` or `Scan`.
public struct ItemPage: Sendable, Hashable {
    /// The items, after filtering and projection; empty for `Select=COUNT`.
    public var items: [Item]
    /// How many items matched the filter.
    public var count: Int
    /// How many items were read before filtering.
    public var scannedCount: Int
    /// Where the next page starts, when the read stopped at `Limit` or at 1 MB.
    public var lastEvaluatedKey: Item?
}

struct BatchGetRequest: Sendable {
    struct TableKeys: Sendable {
        var keys: [Item]
        var projection: ProjectionExpression?
    }

    var tables: [(name: String, keys: TableKeys)]
}

struct BatchWriteRequest: Sendable {
    enum Write: Sendable {
        case put(Item)
        case delete(Item)
    }

    var tables: [(name: String, writes: [Write])]
}

struct TransactWriteRequest: Sendable {
    enum Action: Sendable {
        case conditionCheck(tableName: String, key: Item, condition: WriteCondition)
        case put(PutItemRequest)
        case update(UpdateItemRequest)
        case delete(DeleteItemRequest)
    }

    var actions: [Action]
}

struct TransactGetRequest: Sendable {
    var gets: [GetItemRequest]
}

/// A table as `DescribeTable` reports it.
struct TableDescription: Sendable {
    enum Status: String, Sendable {
        case creating = "CREATING"
        case active = "ACTIVE"
        case deleting = "DELETING"
    }

    var definition: TableDefinition
    var status: Status
    var itemCount: Int
    var sizeBytes: Int
}
