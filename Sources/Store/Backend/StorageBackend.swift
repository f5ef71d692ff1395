/// A table as a backend knows it: its definition and the number its rows are filed under.
struct StoredTable: Sendable, Hashable {
    var id: Int64
    var definition: TableDefinition
}

/// Where one index row of an item goes.
struct IndexEntry: Sendable, Hashable {
    var index: String
    var key: StorageKey
}

/// One read of consecutive rows of a table or index, in key order.
struct RangeRead: Sendable {
    /// A position in the read's order after which reading resumes (the `ExclusiveStartKey`).
    struct Cursor: Sendable, Hashable {
        /// The key of the row in the table.
        var table: StorageKey
        /// The key of the row in the index, for index reads.
        var index: StorageKey?
    }

    var table: StoredTable
    /// The index read, `nil` for the table itself.
    var index: String?
    /// The partition to read (`Query`); `nil` reads everything (`Scan`).
    var partition: [UInt8]?
    /// Bounds on the sort key (`Query` only).
    var lower: (bytes: [UInt8], inclusive: Bool)?
    var upper: (bytes: [UInt8], inclusive: Bool)?
    /// Hash range `[start, end)` of a parallel scan segment.
    var segment: (start: UInt64, end: UInt64)?
    var after: Cursor?
    var forward = true
    var limit: Int
    /// Now, in epoch seconds: expired items are never returned.
    var now: Int64
}

/// A row read back: the item and where it sits.
struct StoredRow: Sendable {
    var item: Item
    var cursor: RangeRead.Cursor
}

/// The writes of one transaction. Every method runs inside the backend's transaction; nothing is
/// visible to others until the transaction commits.
protocol StorageTransaction {
    /// The item at `key`, or `nil` (expired items count as absent).
    func item(at key: StorageKey, in table: StoredTable) async throws -> Item?
    /// Stores `item` at `key`, replacing what was there, with its expiry and index rows.
    func put(_ item: Item, at key: StorageKey, in table: StoredTable, expires: Int64?, indexEntries: [IndexEntry]) async throws
    /// Removes the item at `key` and its index rows.
    func delete(at key: StorageKey, in table: StoredTable) async throws
}

/// Where tables and items live. Backends store and fetch; every DynamoDB rule is applied above them.
protocol StorageBackend: Sendable {
    /// Every table.
    func tables() async throws -> [StoredTable]
    /// The table called `name`.
    func table(named name: String) async throws -> StoredTable?
    /// Records a new table; `nil` when one with that name exists.
    func createTable(_ definition: TableDefinition) async throws -> StoredTable?
    /// Removes a table and its items; returns what it was.
    func deleteTable(named name: String) async throws -> StoredTable?
    /// Changes the TTL attribute (`nil` disables TTL) and recomputes every item's expiry.
    func setTimeToLive(_ attribute: String?, on table: StoredTable) async throws -> StoredTable
    /// The number of items of a table and their total size.
    func statistics(of table: StoredTable, now: Int64) async throws -> (itemCount: Int, sizeBytes: Int)
    /// The item at `key`, outside any transaction.
    func item(at key: StorageKey, in table: StoredTable, now: Int64) async throws -> Item?
    /// Up to `read.limit` rows in key order.
    func read(_ read: RangeRead) async throws -> [StoredRow]
    /// Runs `body` in one atomic transaction. Conditional writes are race-free: the keys in `locking` are
    /// locked (across processes where the backend is shared) before `body` reads them.
    func transaction<Result: Sendable>(
        locking keys: [(table: StoredTable, key: StorageKey)],
        now: Int64,
        _ body: (any StorageTransaction) async throws -> Result
    ) async throws -> Result
    /// Deletes expired items; returns how many.
    func sweepExpiredItems(now: Int64) async throws -> Int
    /// Background work the backend needs while it is in use (connection pools); returns on cancellation.
    func run() async
    /// Releases connections and files.
    func close() async
}

/// Item expiry under TTL.
enum TimeToLive {
    /// DynamoDB leaves alone items whose expiry is more than five years in the past.
    static let ignoredAfterSeconds: Int64 = 5 * 365 * 24 * 60 * 60

    /// The expiry of `item` when TTL uses `attribute`: a number of epoch seconds, anything else means none.
    static func expiry(of item: Item, attribute: String?) -> Int64? {
        guard let attribute, case .number(let seconds)? = item[attribute] else { return nil }
        return seconds.flooredInt64
    }

    /// `true` when an item with this expiry must no longer be seen at `now`.
    static func isExpired(_ expiry: Int64?, now: Int64) -> Bool {
        guard let expiry else { return false }
        return expiry <= now && expiry >= now - ignoredAfterSeconds
    }
}
