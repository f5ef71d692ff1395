/// A table as `CreateTable` defines it, plus what the service records about it.
public struct TableDefinition: Sendable, Hashable {
    /// How the table is billed; only echoed back, nothing is throttled.
    public enum BillingMode: Sendable, Hashable {
        case payPerRequest
        case provisioned(readCapacityUnits: Int, writeCapacityUnits: Int)
    }

    public var name: String
    public var keySchema: KeySchema
    /// Every attribute the table or its indexes key on, with its type, in the order given.
    public var attributeDefinitions: [KeyAttribute]
    public var globalSecondaryIndexes: [SecondaryIndex]
    public var localSecondaryIndexes: [SecondaryIndex]
    public var billingMode: BillingMode
    /// The attribute holding each item's expiry (epoch seconds) when TTL is enabled; `nil` when disabled.
    public var timeToLiveAttribute: String?
    /// Creation time, seconds since 1970.
    public var creationDateTime: Double
    /// A unique id, as `TableId` in `DescribeTable`.
    public var tableId: String

    public init(
        name: String,
        keySchema: KeySchema,
        attributeDefinitions: [KeyAttribute]? = nil,
        globalSecondaryIndexes: [SecondaryIndex] = [],
        localSecondaryIndexes: [SecondaryIndex] = [],
        billingMode: BillingMode = .payPerRequest,
        timeToLiveAttribute: String? = nil,
        creationDateTime: Double = 0,
        tableId: String = ""
    ) {
        self.name = name
        self.keySchema = keySchema
        self.globalSecondaryIndexes = globalSecondaryIndexes
        self.localSecondaryIndexes = localSecondaryIndexes
        self.billingMode = billingMode
        self.timeToLiveAttribute = timeToLiveAttribute
        self.creationDateTime = creationDateTime
        self.tableId = tableId
        if let attributeDefinitions {
            self.attributeDefinitions = attributeDefinitions
        } else {
            var definitions: [KeyAttribute] = []
            for attribute in keySchema.attributes + (globalSecondaryIndexes + localSecondaryIndexes).flatMap(\.keySchema.attributes)
            where !definitions.contains(where: { $0.name == attribute.name }) {
                definitions.append(attribute)
            }
            self.attributeDefinitions = definitions
        }
    }

    /// Both kinds of secondary index.
    public var secondaryIndexes: [SecondaryIndex] { globalSecondaryIndexes + localSecondaryIndexes }

    /// The secondary index called `name`.
    public func index(named name: String) -> SecondaryIndex? {
        secondaryIndexes.first { $0.name == name }
    }
}

/// A global or local secondary index.
public struct SecondaryIndex: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case global
        case local
    }

    /// Which attributes an index copies: `ALL`, `KEYS_ONLY`, or `INCLUDE` with the named ones.
    public enum Projection: Sendable, Hashable {
        case all
        case keysOnly
        case include([String])

        var typeName: String {
            switch self {
            case .all: "ALL"
            case .keysOnly: "KEYS_ONLY"
            case .include: "INCLUDE"
            }
        }
    }

    public var name: String
    public var kind: Kind
    public var keySchema: KeySchema
    public var projection: Projection

    public init(name: String, kind: Kind = .global, keySchema: KeySchema, projection: Projection = .all) {
        self.name = name
        self.kind = kind
        self.keySchema = keySchema
        self.projection = projection
    }

    /// The part of `item` this index holds.
    func project(_ item: Item, tableKey: KeySchema) -> Item {
        switch projection {
        case .all:
            return item
        case .keysOnly, .include:
            var projected = tableKey.key(of: item)
            for attribute in keySchema.attributes {
                projected[attribute.name] = item[attribute.name]
            }
            if case .include(let names) = projection {
                for name in names { projected[name] = item[name] }
            }
            return projected
        }
    }
}
