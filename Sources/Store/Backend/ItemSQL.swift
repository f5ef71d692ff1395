/// A bound SQL parameter.
enum SQLValue: Sendable, Hashable {
    case integer(Int64)
    case blob([UInt8])
    case text(String)
    case null
}

/// An SQL statement with `?` placeholders and their values.
struct SQLStatement: Sendable {
    var sql: String
    var binds: [SQLValue]

    init(_ sql: String, _ binds: [SQLValue] = []) {
        self.sql = sql
        self.binds = binds
    }

    /// The statement with `$1`, `$2`, … placeholders, as PostgreSQL wants them.
    var numberedSQL: String {
        var result = ""
        result.reserveCapacity(sql.utf8.count + binds.count * 2)
        var number = 0
        for character in sql {
            if character == "?" {
                number += 1
                result += "$\(number)"
            } else {
                result.append(character)
            }
        }
        return result
    }
}

/// The SQL both backends share. Items live in `ddb_items`, keyed by (table, hash, partition, sort) as
/// order-preserving bytes; index rows live in `ddb_index_items`; tables in `ddb_tables`.
enum ItemSQL {
    enum Dialect {
        case sqlite
        case postgres
    }

    static func schema(_ dialect: Dialect) -> [String] {
        let blob = dialect == .sqlite ? "BLOB" : "BYTEA"
        let withoutRowID = dialect == .sqlite ? " WITHOUT ROWID" : ""
        let tableID = dialect == .sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY"
        return [
            "CREATE TABLE IF NOT EXISTS ddb_tables (id \(tableID), name TEXT NOT NULL UNIQUE, definition TEXT NOT NULL)",
            """
            CREATE TABLE IF NOT EXISTS ddb_items (table_id BIGINT NOT NULL, hash BIGINT NOT NULL, pk \(blob) NOT NULL, \
            sk \(blob) NOT NULL, expires BIGINT, size BIGINT NOT NULL, item TEXT NOT NULL, PRIMARY KEY (table_id, hash, pk, sk))\(withoutRowID)
            """,
            "CREATE INDEX IF NOT EXISTS ddb_items_expires ON ddb_items (expires) WHERE expires IS NOT NULL",
            """
            CREATE TABLE IF NOT EXISTS ddb_index_items (table_id BIGINT NOT NULL, index_name TEXT NOT NULL, ihash BIGINT NOT NULL, \
            ipk \(blob) NOT NULL, isk \(blob) NOT NULL, hash BIGINT NOT NULL, pk \(blob) NOT NULL, sk \(blob) NOT NULL, \
            PRIMARY KEY (table_id, index_name, ihash, ipk, isk, hash, pk, sk))\(withoutRowID)
            """,
            "CREATE INDEX IF NOT EXISTS ddb_index_items_base ON ddb_index_items (table_id, hash, pk, sk)",
        ]
    }

    // MARK: Catalog

    static let selectTables = SQLStatement("SELECT id, definition FROM ddb_tables ORDER BY name")

    static func selectTable(named name: String) -> SQLStatement {
        SQLStatement("SELECT id, definition FROM ddb_tables WHERE name = ?", [.text(name)])
    }

    static func insertTable(_ definition: TableDefinition) -> SQLStatement {
        SQLStatement(
            "INSERT INTO ddb_tables (name, definition) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
            [
                .text(definition.name), .text(definition.catalogJSON),
            ]
        )
    }

    static func updateTable(_ table: StoredTable) -> SQLStatement {
        SQLStatement("UPDATE ddb_tables SET definition = ? WHERE id = ?", [.text(table.definition.catalogJSON), .integer(table.id)])
    }

    static func deleteTable(_ table: StoredTable) -> [SQLStatement] {
        [
            SQLStatement("DELETE FROM ddb_index_items WHERE table_id = ?", [.integer(table.id)]),
            SQLStatement("DELETE FROM ddb_items WHERE table_id = ?", [.integer(table.id)]),
            SQLStatement("DELETE FROM ddb_tables WHERE id = ?", [.integer(table.id)]),
        ]
    }

    // MARK: Items

    private static func keyBinds(_ table: StoredTable, _ key: StorageKey) -> [SQLValue] {
        [.integer(table.id), .integer(Int64(key.hash)), .blob(key.partition), .blob(key.sort)]
    }

    /// Rows visible at `now`: not expired (items whose expiry is over five years old are never expired).
    private static func visible(_ alias: String, now: Int64) -> (String, [SQLValue]) {
        ("(\(alias)expires IS NULL OR \(alias)expires > ? OR \(alias)expires < ?)", [.integer(now), .integer(now - TimeToLive.ignoredAfterSeconds)])
    }

    static func selectItem(_ key: StorageKey, in table: StoredTable, now: Int64) -> SQLStatement {
        let (visibility, visibilityBinds) = visible("", now: now)
        return SQLStatement(
            "SELECT item FROM ddb_items WHERE table_id = ? AND hash = ? AND pk = ? AND sk = ? AND \(visibility)",
            keyBinds(table, key) + visibilityBinds
        )
    }

    static func upsertItem(_ json: String, size: Int, at key: StorageKey, in table: StoredTable, expires: Int64?) -> SQLStatement {
        SQLStatement(
            """
            INSERT INTO ddb_items (table_id, hash, pk, sk, expires, size, item) VALUES (?, ?, ?, ?, ?, ?, ?) \
            ON CONFLICT (table_id, hash, pk, sk) DO UPDATE SET expires = excluded.expires, size = excluded.size, item = excluded.item
            """,
            keyBinds(table, key) + [expires.map(SQLValue.integer) ?? .null, .integer(Int64(size)), .text(json)]
        )
    }

    static func deleteItem(at key: StorageKey, in table: StoredTable) -> SQLStatement {
        SQLStatement("DELETE FROM ddb_items WHERE table_id = ? AND hash = ? AND pk = ? AND sk = ?", keyBinds(table, key))
    }

    static func deleteIndexRows(of key: StorageKey, in table: StoredTable) -> SQLStatement {
        SQLStatement("DELETE FROM ddb_index_items WHERE table_id = ? AND hash = ? AND pk = ? AND sk = ?", keyBinds(table, key))
    }

    static func insertIndexRow(_ entry: IndexEntry, of key: StorageKey, in table: StoredTable) -> SQLStatement {
        SQLStatement(
            "INSERT INTO ddb_index_items (table_id, index_name, ihash, ipk, isk, hash, pk, sk) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                .integer(table.id), .text(entry.index), .integer(Int64(entry.key.hash)), .blob(entry.key.partition), .blob(entry.key.sort),
                .integer(Int64(key.hash)), .blob(key.partition), .blob(key.sort),
            ]
        )
    }

    static func statistics(of table: StoredTable, now: Int64) -> SQLStatement {
        let (visibility, visibilityBinds) = visible("", now: now)
        return SQLStatement(
            "SELECT COUNT(*), CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM ddb_items WHERE table_id = ? AND \(visibility)",
            [.integer(table.id)] + visibilityBinds
        )
    }

    static func allItems(of table: StoredTable, after key: StorageKey?, limit: Int) -> SQLStatement {
        var sql = "SELECT hash, pk, sk, item FROM ddb_items WHERE table_id = ?"
        var binds: [SQLValue] = [.integer(table.id)]
        if let key {
            sql += " AND (hash, pk, sk) > (?, ?, ?)"
            binds += [.integer(Int64(key.hash)), .blob(key.partition), .blob(key.sort)]
        }
        sql += " ORDER BY hash, pk, sk LIMIT ?"
        binds.append(.integer(Int64(limit)))
        return SQLStatement(sql, binds)
    }

    static func setExpiry(_ expires: Int64?, at key: StorageKey, in table: StoredTable) -> SQLStatement {
        SQLStatement(
            "UPDATE ddb_items SET expires = ? WHERE table_id = ? AND hash = ? AND pk = ? AND sk = ?",
            [expires.map(SQLValue.integer) ?? .null] + keyBinds(table, key)
        )
    }

    static func clearExpiries(in table: StoredTable) -> SQLStatement {
        SQLStatement("UPDATE ddb_items SET expires = NULL WHERE table_id = ? AND expires IS NOT NULL", [.integer(table.id)])
    }

    static func sweep(now: Int64) -> [SQLStatement] {
        let window: [SQLValue] = [.integer(now), .integer(now - TimeToLive.ignoredAfterSeconds)]
        return [
            SQLStatement(
                """
                DELETE FROM ddb_index_items WHERE EXISTS (SELECT 1 FROM ddb_items i WHERE i.table_id = ddb_index_items.table_id \
                AND i.hash = ddb_index_items.hash AND i.pk = ddb_index_items.pk AND i.sk = ddb_index_items.sk \
                AND i.expires IS NOT NULL AND i.expires <= ? AND i.expires >= ?)
                """,
                window
            ),
            SQLStatement("DELETE FROM ddb_items WHERE expires IS NOT NULL AND expires <= ? AND expires >= ?", window),
        ]
    }

    // MARK: Range reads

    /// The statement for a range read. Result columns: item, hash, pk, sk, then ihash, ipk, isk for index reads.
    static func read(_ read: RangeRead) -> SQLStatement {
        var conditions: [String] = []
        var binds: [SQLValue] = []
        let order = read.forward ? "" : " DESC"
        let (visibility, visibilityBinds) = visible("i.", now: read.now)
        let sql: String
        if let index = read.index {
            conditions.append("x.table_id = ? AND x.index_name = ?")
            binds += [.integer(read.table.id), .text(index)]
            var orderColumns: [String]
            if let partition = read.partition {
                conditions.append("x.ihash = ? AND x.ipk = ?")
                binds += [.integer(Int64(KeyEncoding.hash(partition))), .blob(partition)]
                appendBounds(read, column: "x.isk", to: &conditions, &binds)
                orderColumns = ["x.isk", "x.hash", "x.pk", "x.sk"]
                if let cursor = read.after, let indexKey = cursor.index {
                    conditions.append("(x.isk, x.hash, x.pk, x.sk) \(read.forward ? ">" : "<") (?, ?, ?, ?)")
                    binds += [.blob(indexKey.sort), .integer(Int64(cursor.table.hash)), .blob(cursor.table.partition), .blob(cursor.table.sort)]
                }
            } else {
                appendSegment(read, column: "x.ihash", to: &conditions, &binds)
                orderColumns = ["x.ihash", "x.ipk", "x.isk", "x.hash", "x.pk", "x.sk"]
                if let cursor = read.after, let indexKey = cursor.index {
                    conditions.append("(x.ihash, x.ipk, x.isk, x.hash, x.pk, x.sk) > (?, ?, ?, ?, ?, ?)")
                    binds += [
                        .integer(Int64(indexKey.hash)), .blob(indexKey.partition), .blob(indexKey.sort), .integer(Int64(cursor.table.hash)),
                        .blob(cursor.table.partition), .blob(cursor.table.sort),
                    ]
                }
            }
            conditions.append(visibility)
            binds += visibilityBinds
            sql = """
                SELECT i.item, i.hash, i.pk, i.sk, x.ihash, x.ipk, x.isk FROM ddb_index_items x JOIN ddb_items i \
                ON i.table_id = x.table_id AND i.hash = x.hash AND i.pk = x.pk AND i.sk = x.sk \
                WHERE \(conditions.joined(separator: " AND ")) ORDER BY \(orderColumns.map { $0 + order }.joined(separator: ", ")) LIMIT ?
                """
        } else {
            conditions.append("i.table_id = ?")
            binds.append(.integer(read.table.id))
            var orderColumns: [String]
            if let partition = read.partition {
                conditions.append("i.hash = ? AND i.pk = ?")
                binds += [.integer(Int64(KeyEncoding.hash(partition))), .blob(partition)]
                appendBounds(read, column: "i.sk", to: &conditions, &binds)
                orderColumns = ["i.sk"]
                if let cursor = read.after {
                    conditions.append("i.sk \(read.forward ? ">" : "<") ?")
                    binds.append(.blob(cursor.table.sort))
                }
            } else {
                appendSegment(read, column: "i.hash", to: &conditions, &binds)
                orderColumns = ["i.hash", "i.pk", "i.sk"]
                if let cursor = read.after {
                    conditions.append("(i.hash, i.pk, i.sk) > (?, ?, ?)")
                    binds += [.integer(Int64(cursor.table.hash)), .blob(cursor.table.partition), .blob(cursor.table.sort)]
                }
            }
            conditions.append(visibility)
            binds += visibilityBinds
            sql = """
                SELECT i.item, i.hash, i.pk, i.sk FROM ddb_items i WHERE \(conditions.joined(separator: " AND ")) \
                ORDER BY \(orderColumns.map { $0 + order }.joined(separator: ", ")) LIMIT ?
                """
        }
        binds.append(.integer(Int64(read.limit)))
        return SQLStatement(sql, binds)
    }

    private static func appendBounds(_ read: RangeRead, column: String, to conditions: inout [String], _ binds: inout [SQLValue]) {
        if let lower = read.lower {
            conditions.append("\(column) \(lower.inclusive ? ">=" : ">") ?")
            binds.append(.blob(lower.bytes))
        }
        if let upper = read.upper {
            conditions.append("\(column) \(upper.inclusive ? "<=" : "<") ?")
            binds.append(.blob(upper.bytes))
        }
    }

    private static func appendSegment(_ read: RangeRead, column: String, to conditions: inout [String], _ binds: inout [SQLValue]) {
        guard let segment = read.segment else { return }
        conditions.append("\(column) >= ? AND \(column) < ?")
        binds += [.integer(Int64(segment.start)), .integer(Int64(segment.end))]
    }
}
