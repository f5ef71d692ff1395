import Foundation
import NIOConcurrencyHelpers

@testable import Store

/// The backends every conformance test runs against: a real SQLite file and a real PostgreSQL.
enum BackendKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case postgres

    var description: String { rawValue }
}

/// A clock the tests move by hand.
final class TestClock: Sendable {
    private let seconds = NIOLockedValueBox<Double>(1_700_000_000)

    var now: Double { seconds.withLockedValue { $0 } }

    func advance(by delta: Double) {
        seconds.withLockedValue { $0 += delta }
    }
}

/// A temporary directory removed when the test ends.
func withTemporaryDirectory<Result>(_ body: (String) async throws -> Result) async throws -> Result {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("edgesim-store-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try await body(path)
}

/// Opens a store on `backend`, runs it while `body` runs, then closes it.
@discardableResult
func withStore<Result: Sendable>(
    _ backend: BackendKind,
    tables: [TableDefinition] = [],
    seedFiles: [String] = [],
    signatureCheck: DynamoDB.Configuration.SignatureCheck = .acceptAny,
    clock: TestClock = TestClock(),
    _ body: @Sendable (DynamoDB) async throws -> Result
) async throws -> Result {
    try await withTemporaryDirectory { directory in
        let storage: DynamoDB.Configuration.Backend
        switch backend {
        case .sqlite: storage = .sqlite(path: directory + "/state/dynamodb.sqlite")
        case .postgres: storage = .postgres(url: try await PostgresCluster.shared.newDatabaseURL())
        }
        let configuration = DynamoDB.Configuration(
            backend: storage,
            tables: tables,
            seedFiles: seedFiles,
            signatureCheck: signatureCheck,
            timeToLiveSweepInterval: .seconds(3600),
            clock: { clock.now }
        )
        return try await withStore(configuration, body)
    }
}

/// Opens a store with `configuration`, runs it while `body` runs, then closes it.
@discardableResult
func withStore<Result: Sendable>(_ configuration: DynamoDB.Configuration, _ body: @Sendable (DynamoDB) async throws -> Result) async throws -> Result
{
    let store = try await DynamoDB.open(configuration: configuration)
    do {
        let result = try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await store.run() }
            defer { group.cancelAll() }
            return try await body(store)
        }
        await store.close()
        return result
    } catch {
        await store.close()
        throw error
    }
}

/// Tables the tests use.
enum TestTables {
    /// `shows`: partition key `id` (S).
    static let shows = TableDefinition(name: "shows", keySchema: KeySchema(partitionKey: KeyAttribute(name: "id", type: .string)))

    /// `events`: partition key `venue` (S), sort key `at` (N), a global index `byGenre` (genre S, at N)
    /// projecting keys only, and TTL on `expires`.
    static let events = TableDefinition(
        name: "events",
        keySchema: KeySchema(partitionKey: KeyAttribute(name: "venue", type: .string), sortKey: KeyAttribute(name: "at", type: .number)),
        globalSecondaryIndexes: [
            SecondaryIndex(
                name: "byGenre",
                keySchema: KeySchema(partitionKey: KeyAttribute(name: "genre", type: .string), sortKey: KeyAttribute(name: "at", type: .number)),
                projection: .keysOnly
            )
        ],
        timeToLiveAttribute: "expires"
    )

    /// `files`: partition key `bucket` (B), sort key `name` (S).
    static let files = TableDefinition(
        name: "files",
        keySchema: KeySchema(partitionKey: KeyAttribute(name: "bucket", type: .binary), sortKey: KeyAttribute(name: "name", type: .string))
    )
}
