import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import PostgresNIO

/// The shared backend: several EdgeSim processes on one PostgreSQL database.
///
/// Conditional writes are race-free across processes: a transaction first takes a transaction-scoped
/// advisory lock on each key it writes (in a fixed order, so transactions cannot deadlock), then reads,
/// checks and writes. The catalog is read from the database on every lookup, so a table created by one
/// process is seen by the others at once.
final class PostgresBackend: StorageBackend {
    private let pool: PostgresConnectionPool
    private let logger: Logger
    /// Parsed table definitions by catalog text, to avoid parsing the same JSON on every request.
    private let parsed = NIOLockedValueBox<[String: TableDefinition]>([:])

    private init(pool: PostgresConnectionPool, logger: Logger) {
        self.pool = pool
        self.logger = logger
    }

    /// Connects to `url` (`postgres://user:password@host:port/database?sslmode=disable|prefer|require&maxConnections=16`)
    /// and creates the schema when missing.
    static func open(url: String, logger: Logger) async throws -> PostgresBackend {
        let settings = try PostgresSettings(url: url)
        let configuration = PostgresConnection.Configuration(
            host: settings.host,
            port: settings.port,
            username: settings.username,
            password: settings.password,
            database: settings.database,
            tls: try settings.connectionTLS()
        )
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        do {
            // Several processes may start at once; the lock keeps their CREATE statements apart.
            try await connection.query("SELECT pg_advisory_lock(7235601)", logger: logger)
            for statement in ItemSQL.schema(.postgres) {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
            try await connection.query("SELECT pg_advisory_unlock(7235601)", logger: logger)
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
        let pool = PostgresConnectionPool(configuration: configuration, maximumConnections: settings.maximumConnections, logger: logger)
        return PostgresBackend(pool: pool, logger: logger)
    }

    fileprivate static func query(_ statement: SQLStatement) -> PostgresQuery {
        var bindings = PostgresBindings(capacity: statement.binds.count)
        for value in statement.binds {
            switch value {
            case .integer(let integer): bindings.append(integer)
            case .blob(let bytes): bindings.append(ByteBuffer(bytes: bytes))
            case .text(let text): bindings.append(text)
            case .null: bindings.appendNull()
            }
        }
        return PostgresQuery(unsafeSQL: statement.numberedSQL, binds: bindings)
    }

    fileprivate static func bytes(_ buffer: ByteBuffer) -> [UInt8] {
        Array(buffer.readableBytesView)
    }

    private func storedTable(_ row: PostgresRow) throws -> StoredTable {
        let (id, text) = try row.decode((Int64, String).self)
        if let definition = parsed.withLockedValue({ $0[text] }) { return StoredTable(id: id, definition: definition) }
        let definition = try TableDefinition(catalogJSON: text)
        parsed.withLockedValue { $0[text] = definition }
        return StoredTable(id: id, definition: definition)
    }

    private func rows(_ statement: SQLStatement) async throws -> [PostgresRow] {
        try await pool.withConnection { connection in
            try await connection.query(Self.query(statement), logger: logger).collect()
        }
    }

    // MARK: Catalog

    func tables() async throws -> [StoredTable] {
        try await rows(ItemSQL.selectTables).map(storedTable)
    }

    func table(named name: String) async throws -> StoredTable? {
        try await rows(ItemSQL.selectTable(named: name)).first.map(storedTable)
    }

    func createTable(_ definition: TableDefinition) async throws -> StoredTable? {
        try await pool.withTransaction { connection in
            let inserted = try await connection.query(
                Self.query(SQLStatement(ItemSQL.insertTable(definition).sql + " RETURNING id", ItemSQL.insertTable(definition).binds)),
                logger: logger
            ).collect()
            guard let row = inserted.first else { return nil }
            return StoredTable(id: try row.decode(Int64.self), definition: definition)
        }
    }

    func deleteTable(named name: String) async throws -> StoredTable? {
        guard let table = try await table(named: name) else { return nil }
        try await pool.withTransaction { connection in
            for statement in ItemSQL.deleteTable(table) {
                try await connection.query(Self.query(statement), logger: logger)
            }
        }
        return table
    }

    func setTimeToLive(_ attribute: String?, on table: StoredTable) async throws -> StoredTable {
        var updated = table
        updated.definition.timeToLiveAttribute = attribute
        try await pool.withTransaction { connection in
            try await connection.query(Self.query(ItemSQL.updateTable(updated)), logger: logger)
            guard attribute != nil else {
                try await connection.query(Self.query(ItemSQL.clearExpiries(in: updated)), logger: logger)
                return
            }
            var after: StorageKey?
            while true {
                let rows = try await connection.query(Self.query(ItemSQL.allItems(of: updated, after: after, limit: 500)), logger: logger).collect()
                for row in rows {
                    let (hash, partition, sort, text) = try row.decode((Int64, ByteBuffer, ByteBuffer, String).self)
                    let key = StorageKey(hash: UInt32(truncatingIfNeeded: hash), partition: Self.bytes(partition), sort: Self.bytes(sort))
                    let item = try ItemJSON.decodeStored(Array(text.utf8))
                    let expiry = TimeToLive.expiry(of: item, attribute: attribute)
                    try await connection.query(Self.query(ItemSQL.setExpiry(expiry, at: key, in: updated)), logger: logger)
                    after = key
                }
                if rows.count < 500 { break }
            }
        }
        return updated
    }

    // MARK: Items

    func statistics(of table: StoredTable, now: Int64) async throws -> (itemCount: Int, sizeBytes: Int) {
        guard let row = try await rows(ItemSQL.statistics(of: table, now: now)).first else {
            return (0, 0)
        }
        let (count, size) = try row.decode((Int64, Int64).self)
        return (Int(count), Int(size))
    }

    func item(at key: StorageKey, in table: StoredTable, now: Int64) async throws -> Item? {
        guard let row = try await rows(ItemSQL.selectItem(key, in: table, now: now)).first else {
            return nil
        }
        return try ItemJSON.decodeStored(Array(try row.decode(String.self).utf8))
    }

    func read(_ read: RangeRead) async throws -> [StoredRow] {
        let rows = try await rows(ItemSQL.read(read))
        return try rows.map { row in
            if read.index != nil {
                let (text, hash, partition, sort, indexHash, indexPartition, indexSort) = try row.decode(
                    (String, Int64, ByteBuffer, ByteBuffer, Int64, ByteBuffer, ByteBuffer).self
                )
                let tableKey = StorageKey(hash: UInt32(truncatingIfNeeded: hash), partition: Self.bytes(partition), sort: Self.bytes(sort))
                let indexKey = StorageKey(
                    hash: UInt32(truncatingIfNeeded: indexHash),
                    partition: Self.bytes(indexPartition),
                    sort: Self.bytes(indexSort)
                )
                return StoredRow(item: try ItemJSON.decodeStored(Array(text.utf8)), cursor: .init(table: tableKey, index: indexKey))
            }
            let (text, hash, partition, sort) = try row.decode((String, Int64, ByteBuffer, ByteBuffer).self)
            let tableKey = StorageKey(hash: UInt32(truncatingIfNeeded: hash), partition: Self.bytes(partition), sort: Self.bytes(sort))
            return StoredRow(item: try ItemJSON.decodeStored(Array(text.utf8)), cursor: .init(table: tableKey))
        }
    }

    func transaction<Result: Sendable>(
        locking keys: [(table: StoredTable, key: StorageKey)],
        now: Int64,
        _ body: (any StorageTransaction) async throws -> Result
    ) async throws -> Result {
        let lockIDs = Set(keys.map { $0.key.lockID(table: $0.table.id) }).sorted()
        return try await pool.withTransaction { connection in
            for lockID in lockIDs {
                try await connection.query("SELECT pg_advisory_xact_lock(\(lockID))", logger: logger)
            }
            return try await body(PostgresTransaction(connection: connection, logger: logger, now: now))
        }
    }

    func sweepExpiredItems(now: Int64) async throws -> Int {
        try await pool.withTransaction { connection in
            let statements = ItemSQL.sweep(now: now)
            try await connection.query(Self.query(statements[0]), logger: logger)
            let counted = SQLStatement("WITH deleted AS (\(statements[1].sql) RETURNING 1) SELECT COUNT(*) FROM deleted", statements[1].binds)
            let rows = try await connection.query(Self.query(counted), logger: logger).collect()
            return Int(try rows.first?.decode(Int64.self) ?? 0)
        }
    }

    func run() async {}

    func close() async {
        await pool.close()
    }
}

/// A write transaction on one pooled PostgreSQL connection.
private struct PostgresTransaction: StorageTransaction {
    let connection: PostgresConnection
    let logger: Logger
    let now: Int64

    func item(at key: StorageKey, in table: StoredTable) async throws -> Item? {
        let rows = try await connection.query(PostgresBackend.query(ItemSQL.selectItem(key, in: table, now: now)), logger: logger).collect()
        guard let row = rows.first else { return nil }
        return try ItemJSON.decodeStored(Array(try row.decode(String.self).utf8))
    }

    func put(_ item: Item, at key: StorageKey, in table: StoredTable, expires: Int64?, indexEntries: [IndexEntry]) async throws {
        let json = String(decoding: ItemJSON.encode(item), as: UTF8.self)
        try await connection.query(
            PostgresBackend.query(ItemSQL.upsertItem(json, size: ItemSize.of(item), at: key, in: table, expires: expires)),
            logger: logger
        )
        try await replaceIndexRows(indexEntries, of: key, in: table)
    }

    func delete(at key: StorageKey, in table: StoredTable) async throws {
        try await connection.query(PostgresBackend.query(ItemSQL.deleteItem(at: key, in: table)), logger: logger)
        try await replaceIndexRows([], of: key, in: table)
    }

    private func replaceIndexRows(_ entries: [IndexEntry], of key: StorageKey, in table: StoredTable) async throws {
        guard !table.definition.secondaryIndexes.isEmpty else { return }
        try await connection.query(PostgresBackend.query(ItemSQL.deleteIndexRows(of: key, in: table)), logger: logger)
        for entry in entries {
            try await connection.query(PostgresBackend.query(ItemSQL.insertIndexRow(entry, of: key, in: table)), logger: logger)
        }
    }
}

/// The parts of a `postgres://` URL.
struct PostgresSettings: Sendable {
    enum TLSMode: String {
        case disable
        case prefer
        case require
    }

    var host: String
    var port: Int
    var username: String
    var password: String?
    var database: String?
    var tlsMode: TLSMode

    init(url: String) throws {
        guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme ?? ""),
            let host = components.host, !host.isEmpty
        else {
            throw DynamoDBError.validation("The PostgreSQL URL \(url) is not of the form postgres://user:password@host:port/database")
        }
        self.host = host
        self.port = components.port ?? 5432
        self.username = components.user ?? "postgres"
        self.password = components.password
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        self.database = path.isEmpty ? nil : path
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        guard let tlsMode = TLSMode(rawValue: mode) else {
            throw DynamoDBError.validation("The PostgreSQL URL \(url) has sslmode=\(mode); use disable, prefer or require")
        }
        self.tlsMode = tlsMode
        if let text = components.queryItems?.first(where: { $0.name == "maxConnections" })?.value, let count = Int(text), count > 0 {
            self.maximumConnections = count
        }
    }

    func connectionTLS() throws -> PostgresConnection.Configuration.TLS {
        switch tlsMode {
        case .disable: .disable
        case .prefer: .prefer(try .init(configuration: .makeClientConfiguration()))
        case .require: .require(try .init(configuration: .makeClientConfiguration()))
        }
    }

    /// `?maxConnections=` in the URL; 16 by default.
    var maximumConnections = 16
}
