import Logging
import NIOConcurrencyHelpers
import NIOCore
import SQLiteNIO

/// The embedded backend: one SQLite file in WAL mode with `synchronous=FULL`, so a write acknowledged to a
/// client has reached the disk and survives the process being killed.
///
/// One connection writes (transactions are serialised through it); a few more read, so reads do not wait
/// for writes. One process owns the file: several processes sharing a store use PostgreSQL.
final class SQLiteBackend: StorageBackend {
    private static let readerCount = 2

    private let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    private let nextReader = NIOLockedValueBox(0)
    private let writeLock = AsyncLock()
    private let catalog = NIOLockedValueBox<[String: StoredTable]>([:])

    private init(writer: SQLiteConnection, readers: [SQLiteConnection]) {
        self.writer = writer
        self.readers = readers
    }

    /// Opens (creating when needed) the store at `path`.
    static func open(path: String, logger: Logger) async throws -> SQLiteBackend {
        let writer = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        do {
            _ = try await writer.query("PRAGMA journal_mode=WAL")
            _ = try await writer.query("PRAGMA synchronous=FULL")
            for statement in ItemSQL.schema(.sqlite) {
                _ = try await writer.query(statement)
            }
            var readers: [SQLiteConnection] = []
            for _ in 0..<readerCount {
                let reader = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
                readers.append(reader)
            }
            let backend = SQLiteBackend(writer: writer, readers: readers)
            try await backend.loadCatalog()
            return backend
        } catch {
            try? await writer.close()
            throw error
        }
    }

    private func loadCatalog() async throws {
        var tables: [String: StoredTable] = [:]
        for row in try await writer.query(ItemSQL.selectTables.sql) {
            let table = try Self.storedTable(row)
            tables[table.definition.name] = table
        }
        catalog.withLockedValue { $0 = tables }
    }

    private static func storedTable(_ row: SQLiteRow) throws -> StoredTable {
        guard let id = row.columns[0].data.integer, let text = row.columns[1].data.string else {
            throw DynamoDBError.internalServer("The table catalog of the SQLite store is damaged")
        }
        return StoredTable(id: Int64(id), definition: try TableDefinition(catalogJSON: text))
    }

    private var reader: SQLiteConnection {
        let index = nextReader.withLockedValue { next in
            defer { next = (next + 1) % readers.count }
            return next
        }
        return readers[index]
    }

    static func data(_ value: SQLValue) -> SQLiteData {
        switch value {
        case .integer(let integer): .integer(Int(integer))
        case .blob(let bytes): .blob(ByteBuffer(bytes: bytes))
        case .text(let text): .text(text)
        case .null: .null
        }
    }

    fileprivate static func run(_ statement: SQLStatement, on connection: SQLiteConnection) async throws -> [SQLiteRow] {
        try await connection.query(statement.sql, statement.binds.map(data))
    }

    private static func bytes(_ data: SQLiteData) -> [UInt8] {
        guard var buffer = data.blob else { return [] }
        return buffer.readBytes(length: buffer.readableBytes) ?? []
    }

    fileprivate static func item(_ data: SQLiteData) throws -> Item {
        guard let text = data.string else { throw DynamoDBError.internalServer("An item row of the SQLite store has no item") }
        return try ItemJSON.decodeStored(Array(text.utf8))
    }

    // MARK: Catalog

    func tables() async throws -> [StoredTable] {
        catalog.withLockedValue { Array($0.values) }.sorted { $0.definition.name < $1.definition.name }
    }

    func table(named name: String) async throws -> StoredTable? {
        catalog.withLockedValue { $0[name] }
    }

    func createTable(_ definition: TableDefinition) async throws -> StoredTable? {
        try await writeLock.withLock {
            if catalog.withLockedValue({ $0[definition.name] }) != nil { return nil }
            _ = try await Self.run(ItemSQL.insertTable(definition), on: writer)
            guard let row = try await Self.run(ItemSQL.selectTable(named: definition.name), on: writer).first else { return nil }
            let table = try Self.storedTable(row)
            catalog.withLockedValue { $0[definition.name] = table }
            return table
        }
    }

    func deleteTable(named name: String) async throws -> StoredTable? {
        try await writeLock.withLock {
            guard let table = catalog.withLockedValue({ $0[name] }) else { return nil }
            try await inTransaction {
                for statement in ItemSQL.deleteTable(table) {
                    _ = try await Self.run(statement, on: writer)
                }
            }
            catalog.withLockedValue { $0[name] = nil }
            return table
        }
    }

    func setTimeToLive(_ attribute: String?, on table: StoredTable) async throws -> StoredTable {
        try await writeLock.withLock {
            var updated = table
            updated.definition.timeToLiveAttribute = attribute
            try await inTransaction {
                _ = try await Self.run(ItemSQL.updateTable(updated), on: writer)
                if attribute == nil {
                    _ = try await Self.run(ItemSQL.clearExpiries(in: updated), on: writer)
                    return
                }
                var after: StorageKey?
                while true {
                    let rows = try await Self.run(ItemSQL.allItems(of: updated, after: after, limit: 500), on: writer)
                    for row in rows {
                        let key = StorageKey(
                            hash: UInt32(truncatingIfNeeded: row.columns[0].data.integer ?? 0),
                            partition: Self.bytes(row.columns[1].data),
                            sort: Self.bytes(row.columns[2].data)
                        )
                        let item = try Self.item(row.columns[3].data)
                        _ = try await Self.run(ItemSQL.setExpiry(TimeToLive.expiry(of: item, attribute: attribute), at: key, in: updated), on: writer)
                        after = key
                    }
                    if rows.count < 500 { break }
                }
            }
            catalog.withLockedValue { $0[table.definition.name] = updated }
            return updated
        }
    }

    /// Runs `body` between `BEGIN IMMEDIATE` and `COMMIT` on the writer; the caller holds the write lock.
    private func inTransaction<Result>(_ body: () async throws -> Result) async throws -> Result {
        _ = try await writer.query("BEGIN IMMEDIATE")
        do {
            let result = try await body()
            _ = try await writer.query("COMMIT")
            return result
        } catch {
            _ = try? await writer.query("ROLLBACK")
            throw error
        }
    }

    // MARK: Items

    func statistics(of table: StoredTable, now: Int64) async throws -> (itemCount: Int, sizeBytes: Int) {
        guard let row = try await Self.run(ItemSQL.statistics(of: table, now: now), on: reader).first else { return (0, 0) }
        return (row.columns[0].data.integer ?? 0, row.columns[1].data.integer ?? 0)
    }

    func item(at key: StorageKey, in table: StoredTable, now: Int64) async throws -> Item? {
        guard let row = try await Self.run(ItemSQL.selectItem(key, in: table, now: now), on: reader).first else { return nil }
        return try Self.item(row.columns[0].data)
    }

    func read(_ read: RangeRead) async throws -> [StoredRow] {
        try await Self.run(ItemSQL.read(read), on: reader).map { row in
            let columns = row.columns
            let tableKey = StorageKey(
                hash: UInt32(truncatingIfNeeded: columns[1].data.integer ?? 0),
                partition: Self.bytes(columns[2].data),
                sort: Self.bytes(columns[3].data)
            )
            var indexKey: StorageKey?
            if columns.count > 4 {
                indexKey = StorageKey(
                    hash: UInt32(truncatingIfNeeded: columns[4].data.integer ?? 0),
                    partition: Self.bytes(columns[5].data),
                    sort: Self.bytes(columns[6].data)
                )
            }
            return StoredRow(item: try Self.item(columns[0].data), cursor: .init(table: tableKey, index: indexKey))
        }
    }

    func transaction<Result: Sendable>(
        locking keys: [(table: StoredTable, key: StorageKey)],
        now: Int64,
        _ body: (any StorageTransaction) async throws -> Result
    ) async throws -> Result {
        // The single writer connection is the lock: transactions run one at a time.
        try await writeLock.withLock {
            try await inTransaction {
                try await body(SQLiteTransaction(connection: writer, now: now))
            }
        }
    }

    func sweepExpiredItems(now: Int64) async throws -> Int {
        try await writeLock.withLock {
            try await inTransaction {
                let statements = ItemSQL.sweep(now: now)
                _ = try await Self.run(statements[0], on: writer)
                _ = try await Self.run(statements[1], on: writer)
                return try await writer.query("SELECT changes()").first?.columns[0].data.integer ?? 0
            }
        }
    }

    /// The writer connection's value of `PRAGMA name` (`journal_mode`, `synchronous`), for checks.
    func pragma(_ name: String) async throws -> String? {
        let data = try await writer.query("PRAGMA \(name)").first?.columns.first?.data
        return data?.string
    }

    func run() async {}

    func close() async {
        await writeLock.withLock {
            for connection in readers + [writer] {
                try? await connection.close()
            }
        }
    }
}

/// A write transaction on the SQLite writer connection.
private struct SQLiteTransaction: StorageTransaction {
    let connection: SQLiteConnection
    let now: Int64

    func item(at key: StorageKey, in table: StoredTable) async throws -> Item? {
        guard let row = try await SQLiteBackend.run(ItemSQL.selectItem(key, in: table, now: now), on: connection).first else { return nil }
        return try SQLiteBackend.item(row.columns[0].data)
    }

    func put(_ item: Item, at key: StorageKey, in table: StoredTable, expires: Int64?, indexEntries: [IndexEntry]) async throws {
        let json = String(decoding: ItemJSON.encode(item), as: UTF8.self)
        _ = try await SQLiteBackend.run(ItemSQL.upsertItem(json, size: ItemSize.of(item), at: key, in: table, expires: expires), on: connection)
        try await replaceIndexRows(indexEntries, of: key, in: table)
    }

    func delete(at key: StorageKey, in table: StoredTable) async throws {
        _ = try await SQLiteBackend.run(ItemSQL.deleteItem(at: key, in: table), on: connection)
        try await replaceIndexRows([], of: key, in: table)
    }

    private func replaceIndexRows(_ entries: [IndexEntry], of key: StorageKey, in table: StoredTable) async throws {
        guard !table.definition.secondaryIndexes.isEmpty else { return }
        _ = try await SQLiteBackend.run(ItemSQL.deleteIndexRows(of: key, in: table), on: connection)
        for entry in entries {
            _ = try await SQLiteBackend.run(ItemSQL.insertIndexRow(entry, of: key, in: table), on: connection)
        }
    }
}
