import Logging

/// Seed items given in memory rather than as seed files: read and checked when a stack loads, put when the
/// store opens.
extension DynamoDB {
    /// The items a seed file holds for `table`, checked against its key schema as `PutItem` would check them.
    ///
    /// The file holds DynamoDB JSON items (`{"id": {"S": "42"}}`) or `{"PutRequest": {"Item": …}}` entries,
    /// either as a list or under the table's name (the `aws dynamodb batch-write-item --request-items` format).
    ///
    /// - Throws: `ValidationException` saying which item is wrong and how.
    public static func seedItems(json bytes: [UInt8], for table: TableDefinition) throws(DynamoDBError) -> [Item] {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            throw .validation("The seed file is not valid JSON (error at byte \(error.offset))")
        }
        let entries: [JSONValue]
        switch json {
        case .array(let elements):
            entries = elements
        case .object(let members):
            guard case .array(let elements)? = members[table.name] else {
                throw .validation("The seed file must hold a list of items, or the list under \"\(table.name)\"")
            }
            let others = members.keys.filter { $0 != table.name }.sorted()
            guard others.isEmpty else {
                throw .validation("The seed file holds items for \(others.joined(separator: ", ")) too; a table's seed file holds only its own items")
            }
            entries = elements
        default:
            throw .validation("The seed file must hold a list of items, or the list under \"\(table.name)\"")
        }
        var items: [Item] = []
        items.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            do throws(DynamoDBError) {
                let item = try ItemJSON.decode(entry["PutRequest"]?["Item"] ?? entry)
                _ = try KeyValidation.item(item, table: table)
                guard ItemSize.of(item) <= ItemSize.maximumItemBytes else { throw .itemTooLarge }
                items.append(item)
            } catch {
                throw .validation("Item \(index): \(error.message ?? error.name)")
            }
        }
        return items
    }

    /// Opens the store as ``open(configuration:logger:)`` does, and puts `seedItems` (table name to items) into
    /// the configured tables this start created, as seed files are: a table that already exists keeps its items.
    public static func open(
        configuration: Configuration,
        seedItems: [String: [Item]],
        logger: Logger = Logger(label: "edgesim.store")
    ) async throws -> DynamoDB {
        // Opened without the configured tables first, to learn which of them exist before this start.
        var bare = configuration
        bare.tables = []
        bare.seedFiles = []
        let opened = try await open(configuration: bare, logger: logger)
        let store = DynamoDB(configuration: configuration, backend: opened.backend, logger: logger)
        do {
            var created: Set<String> = []
            for definition in configuration.tables {
                if let existing = try await store.backend.table(named: definition.name) {
                    if existing.definition.timeToLiveAttribute != definition.timeToLiveAttribute {
                        _ = try await store.backend.setTimeToLive(definition.timeToLiveAttribute, on: existing)
                    }
                    continue
                }
                try await store.createTable(definition)
                created.insert(definition.name)
                logger.info("Created table", metadata: ["store.table": .string(definition.name)])
            }
            for path in configuration.seedFiles {
                try await store.loadSeed(path, into: created)
            }
            for (table, items) in seedItems.sorted(by: { $0.key < $1.key }) where created.contains(table) {
                // BatchWriteItem takes at most 25 writes a call.
                for start in stride(from: 0, to: items.count, by: 25) {
                    let writes = items[start..<min(start + 25, items.count)].map { BatchWriteRequest.Write.put($0) }
                    try await store.batchWriteItem(BatchWriteRequest(tables: [(table, writes)]))
                }
                logger.info("Loaded seed items", metadata: ["store.table": .string(table), "store.seed.count": .stringConvertible(items.count)])
            }
        } catch {
            await store.close()
            throw error
        }
        return store
    }
}
