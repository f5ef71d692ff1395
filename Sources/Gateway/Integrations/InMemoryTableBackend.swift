import Foundation
import NIOConcurrencyHelpers

/// Tables held in memory, for stacks without a store and for tests. Scans go in key order; `nextToken` is the
/// last key of the page, base64url-encoded. Tables spring into being on first use.
public final class InMemoryTableBackend: TableBackend {
    private let tables: NIOLockedValueBox<[String: [String: [String: JSONValue]]]>

    /// Tables seeded with items, each keyed by its `partitionKey` attribute.
    public init(seed: [String: [[String: JSONValue]]] = [:], partitionKey: String = "id") {
        var tables: [String: [String: [String: JSONValue]]] = [:]
        for (table, items) in seed {
            for item in items {
                guard let key = item[partitionKey].flatMap(TableIntegration.keyText) else { continue }
                tables[table, default: [:]][key] = item
            }
        }
        self.tables = NIOLockedValueBox(tables)
    }

    /// Loads a seed file, a JSON array of objects, into `table`.
    public func load(seedFile path: String, into table: String, partitionKey: String = "id") throws(SeedFileError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw SeedFileError(path: path, problem: "cannot be read: \(error)")
        }
        guard let items = JSONValue(parsing: data)?.arrayValue else {
            throw SeedFileError(path: path, problem: "is not a JSON array of items")
        }
        var loaded: [String: [String: JSONValue]] = [:]
        for (index, element) in items.enumerated() {
            guard let item = element.objectValue, let key = item[partitionKey].flatMap(TableIntegration.keyText) else {
                throw SeedFileError(path: path, problem: "item \(index) is not an object with a string or number `\(partitionKey)`")
            }
            loaded[key] = item
        }
        tables.withLockedValue { $0[table, default: [:]].merge(loaded) { _, seeded in seeded } }
    }

    public func getItem(table: String, key: TableKey) async throws -> TableItemRead {
        TableItemRead(item: tables.withLockedValue { $0[table]?[key.value] })
    }

    public func createItem(table: String, key: TableKey, item: [String: JSONValue]) async throws -> Bool {
        tables.withLockedValue { tables in
            guard tables[table]?[key.value] == nil else { return false }
            tables[table, default: [:]][key.value] = item
            return true
        }
    }

    public func putItem(table: String, key: TableKey, item: [String: JSONValue]) async throws {
        tables.withLockedValue { $0[table, default: [:]][key.value] = item }
    }

    public func updateItem(table: String, key: TableKey, merging attributes: [String: JSONValue]) async throws -> [String: JSONValue]? {
        tables.withLockedValue { tables in
            guard var item = tables[table]?[key.value] else { return nil }
            item.merge(attributes) { _, new in new }
            tables[table]?[key.value] = item
            return item
        }
    }

    public func deleteItem(table: String, key: TableKey) async throws -> Bool {
        tables.withLockedValue { $0[table]?.removeValue(forKey: key.value) != nil }
    }

    public func scan(table: String, limit: Int, nextToken: String?) async throws -> TablePage {
        var after: String?
        if let nextToken {
            guard let data = Base64URL.decode(nextToken), let key = String(data: data, encoding: .utf8) else {
                throw TableBackendError.invalidNextToken
            }
            after = key
        }
        return tables.withLockedValue { tables in
            let rows = tables[table] ?? [:]
            let keys = rows.keys.sorted().filter { key in after.map { key > $0 } ?? true }
            let page = keys.prefix(limit)
            let token = keys.count > page.count ? page.last.map { Base64URL.encode(Data($0.utf8)) } : nil
            return TablePage(items: page.compactMap { rows[$0] }, nextToken: token)
        }
    }
}

/// A seed file that cannot be loaded: which file, and what is wrong with it.
public struct SeedFileError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let problem: String

    public var description: String {
        "seed file \(path) \(problem); it must hold a JSON array of objects, each with its key attribute"
    }
}
