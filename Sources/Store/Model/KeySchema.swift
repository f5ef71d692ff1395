/// The types a key attribute may have.
public enum ScalarAttributeType: String, Sendable, Hashable, CaseIterable {
    case string = "S"
    case number = "N"
    case binary = "B"

    func matches(_ value: AttributeValue) -> Bool {
        switch (self, value) {
        case (.string, .string), (.number, .number), (.binary, .binary): true
        default: false
        }
    }
}

/// One key attribute: its name and type.
public struct KeyAttribute: Sendable, Hashable {
    public var name: String
    public var type: ScalarAttributeType

    public init(name: String, type: ScalarAttributeType) {
        self.name = name
        self.type = type
    }
}

/// A primary key or index key: a partition (`HASH`) key and an optional sort (`RANGE`) key.
public struct KeySchema: Sendable, Hashable {
    public var partitionKey: KeyAttribute
    public var sortKey: KeyAttribute?

    public init(partitionKey: KeyAttribute, sortKey: KeyAttribute? = nil) {
        self.partitionKey = partitionKey
        self.sortKey = sortKey
    }

    /// The key attributes, partition key first.
    public var attributes: [KeyAttribute] {
        if let sortKey { return [partitionKey, sortKey] }
        return [partitionKey]
    }

    /// `true` when `name` is the partition or the sort key.
    public func contains(_ name: String) -> Bool {
        partitionKey.name == name || sortKey?.name == name
    }

    /// The key part of `item` (only the key attributes).
    public func key(of item: Item) -> Item {
        var key: Item = [:]
        for attribute in attributes {
            if let value = item[attribute.name] { key[attribute.name] = value }
        }
        return key
    }
}
