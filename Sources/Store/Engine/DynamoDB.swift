import Logging
import ServiceLifecycle

/// A DynamoDB-compatible store: tables with partition and sort keys, typed items, expressions, and the
/// operations of the DynamoDB API, over SQLite (embedded, durable) or PostgreSQL (shared).
///
/// Open one with ``open(configuration:logger:)`` (it is usable at once), add it to the `ServiceGroup` so
/// that its ``run()`` deletes expired items periodically, call its typed API or serve the wire protocol
/// with ``DynamoDBWireHandler``, and ``close()`` it at the end.
public final class DynamoDB: Sendable, Service {
    let configuration: Configuration
    let backend: any StorageBackend
    let logger: Logger

    init(configuration: Configuration, backend: any StorageBackend, logger: Logger) {
        self.configuration = configuration
        self.backend = backend
        self.logger = logger
    }

    /// Opens the configured backend, creates the configured tables that do not exist and loads the seed
    /// files into the tables it created.
    public static func open(configuration: Configuration, logger: Logger = Logger(label: "edgesim.store")) async throws -> DynamoDB {
        let backend: any StorageBackend
        switch configuration.backend {
        case .sqlite(let path):
            try StoreFiles.createParentDirectory(of: path)
            backend = try await SQLiteBackend.open(path: path, logger: logger)
        case .postgres(let url):
            backend = try await PostgresBackend.open(url: url, logger: logger)
        }
        let store = DynamoDB(configuration: configuration, backend: backend, logger: logger)
        do {
            try await store.prepareConfiguredTables()
        } catch {
            await backend.close()
            throw error
        }
        return store
    }

    private func prepareConfiguredTables() async throws {
        var created: Set<String> = []
        for definition in configuration.tables {
            if let existing = try await backend.table(named: definition.name) {
                if existing.definition.timeToLiveAttribute != definition.timeToLiveAttribute {
                    _ = try await backend.setTimeToLive(definition.timeToLiveAttribute, on: existing)
                }
                continue
            }
            var fresh = definition
            fresh.creationDateTime = configuration.clock()
            fresh.tableId = Identifiers.uuid()
            _ = try await backend.createTable(fresh)
            created.insert(definition.name)
            logger.info("Created table", metadata: ["store.table": .string(definition.name)])
        }
        for path in configuration.seedFiles {
            try await loadSeed(path, into: created)
        }
    }

    /// Runs background work until cancelled or until graceful shutdown: the periodic deletion of expired items.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask { await self.backend.run() }
                group.addTask { await self.sweepPeriodically() }
            }
        }
    }

    private func sweepPeriodically() async {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: configuration.timeToLiveSweepInterval)
            } catch {
                return
            }
            do {
                let deleted = try await sweepExpiredItems()
                if deleted > 0 { logger.debug("Deleted expired items", metadata: ["store.ttl.deleted": .stringConvertible(deleted)]) }
            } catch {
                logger.error("Deleting expired items failed", metadata: ["store.error": .string(String(describing: error))])
            }
        }
    }

    /// Deletes every expired item now; returns how many. (Expired items are never returned either way.)
    @discardableResult
    public func sweepExpiredItems() async throws(DynamoDBError) -> Int {
        let now = self.now
        return try await backendCall { try await backend.sweepExpiredItems(now: now) }
    }

    /// Closes the backend; the store cannot be used afterwards.
    public func close() async {
        await backend.close()
    }

    /// The time in whole epoch seconds, for TTL.
    var now: Int64 { Int64(configuration.clock().rounded(.down)) }

    /// Runs backend work, turning its failures into `InternalServerError` (and logging them).
    func backendCall<Result>(_ body: () async throws -> Result) async throws(DynamoDBError) -> Result {
        do {
            return try await body()
        } catch let error as DynamoDBError {
            throw error
        } catch {
            let details = String(reflecting: error)
            logger.error("Store backend failed", metadata: ["store.error": .string(details)])
            throw .internalServer("The store backend failed: \(details)")
        }
    }

    /// The table called `name`, or `ResourceNotFoundException` worded for data-plane operations.
    func requireTable(_ name: String) async throws(DynamoDBError) -> StoredTable {
        guard let table = try await backendCall({ try await backend.table(named: name) }) else { throw .resourceNotFound }
        return table
    }

    /// The index rows an item gets: one per index whose key attributes it has (indexes are sparse).
    func indexEntries(of item: Item, in table: TableDefinition) -> [IndexEntry] {
        table.secondaryIndexes.compactMap { index in
            StorageKey(of: item, schema: index.keySchema).map { IndexEntry(index: index.name, key: $0) }
        }
    }
}
