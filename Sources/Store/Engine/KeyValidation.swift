/// The checks DynamoDB makes on keys and items against a table's schema, with its messages.
enum KeyValidation {
    /// Checks a `Key` parameter: exactly the key attributes, with the schema's types, non-empty and not too long.
    static func key(_ key: Item, schema: KeySchema) throws(DynamoDBError) -> StorageKey {
        guard key.count == schema.attributes.count else { throw .keySchemaMismatch }
        for (position, attribute) in schema.attributes.enumerated() {
            guard let value = key[attribute.name], attribute.type.matches(value) else { throw .keySchemaMismatch }
            try checkKeyValue(value, name: attribute.name, isPartition: position == 0)
        }
        guard let storageKey = StorageKey(of: key, schema: schema) else { throw .keySchemaMismatch }
        return storageKey
    }

    /// Checks an item to be written: its key attributes are present, typed as the schema says, non-empty,
    /// and index key attributes, when present, have their index's types and are not empty.
    static func item(_ item: Item, table: TableDefinition) throws(DynamoDBError) -> StorageKey {
        for (position, attribute) in table.keySchema.attributes.enumerated() {
            guard let value = item[attribute.name] else { throw .missingKey(attribute.name) }
            guard attribute.type.matches(value) else {
                throw .keyTypeMismatch(attribute.name, expected: attribute.type, actual: value)
            }
            try checkKeyValue(value, name: attribute.name, isPartition: position == 0)
        }
        try indexKeys(of: item, table: table)
        guard let storageKey = StorageKey(of: item, schema: table.keySchema) else { throw .keySchemaMismatch }
        return storageKey
    }

    /// Checks the index key attributes an item carries.
    static func indexKeys(of item: Item, table: TableDefinition) throws(DynamoDBError) {
        for index in table.secondaryIndexes {
            for attribute in index.keySchema.attributes where !table.keySchema.contains(attribute.name) {
                guard let value = item[attribute.name] else { continue }
                guard attribute.type.matches(value) else {
                    throw .indexKeyTypeMismatch(attribute.name, expected: attribute.type, actual: value, index: index.name)
                }
                if isEmptyScalar(value) { throw .emptyIndexKey(attribute.name, index: index.name) }
            }
        }
    }

    private static func checkKeyValue(_ value: AttributeValue, name: String, isPartition: Bool) throws(DynamoDBError) {
        let length: Int
        switch value {
        case .string(let string):
            if string.isEmpty { throw .emptyKeyString(name) }
            length = string.utf8.count
        case .binary(let bytes):
            if bytes.isEmpty { throw .emptyKeyBinary(name) }
            length = bytes.count
        default:
            return
        }
        if isPartition && length > ItemSize.maximumPartitionKeyBytes { throw .hashKeyTooLong }
        if !isPartition && length > ItemSize.maximumSortKeyBytes { throw .rangeKeyTooLong }
    }

    private static func isEmptyScalar(_ value: AttributeValue) -> Bool {
        switch value {
        case .string(let string): string.isEmpty
        case .binary(let bytes): bytes.isEmpty
        default: false
        }
    }

    /// Checks the size of an item to be stored.
    static func size(of item: Item, isUpdate: Bool = false) throws(DynamoDBError) {
        if ItemSize.of(item) > ItemSize.maximumItemBytes {
            throw isUpdate ? .updatedItemTooLarge : .itemTooLarge
        }
    }
}
