import Foundation
import Testing

@testable import Store

@Suite("Tables, TTL, batches and transactions on every backend")
struct TableConformanceTests {
    @Test("create, describe, list and delete tables", arguments: BackendKind.allCases)
    func tables(backend: BackendKind) async throws {
        try await withStore(backend) { store in
            for name in ["ccc", "aaa", "bbb"] {
                var definition = TestTables.shows
                definition.name = name
                _ = try await store.createTableDescription(definition)
            }
            await #expect(throws: DynamoDBError.tableAlreadyExists("aaa")) {
                var definition = TestTables.shows
                definition.name = "aaa"
                _ = try await store.createTableDescription(definition)
            }
            let first = try await store.listTables(exclusiveStart: nil, limit: 2)
            #expect(first.names == ["aaa", "bbb"] && first.lastEvaluated == "bbb")
            let second = try await store.listTables(exclusiveStart: "bbb", limit: 2)
            #expect(second.names == ["ccc"] && second.lastEvaluated == nil)
            try await store.putItem(table: "aaa", item: ["id": .string("1"), "x": .string("abc")])
            let described = try await store.describeTable(named: "aaa")
            #expect(described.status == .active && described.itemCount == 1 && described.sizeBytes == 2 + 1 + 1 + 3)
            #expect(described.definition.keySchema == TestTables.shows.keySchema)
            #expect(try await store.deleteTable(named: "aaa").status == .deleting)
            await #expect(throws: DynamoDBError.tableNotFound("aaa")) { try await store.describeTable(named: "aaa") }
            await #expect(throws: DynamoDBError.resourceNotFound) { try await store.getItem(table: "aaa", key: ["id": .string("1")]) }
            // A table created again under the same name starts empty.
            var again = TestTables.shows
            again.name = "aaa"
            _ = try await store.createTableDescription(again)
            #expect(try await store.getItem(table: "aaa", key: ["id": .string("1")]) == nil)
        }
    }

    @Test("expired items are never returned and are swept", arguments: BackendKind.allCases)
    func timeToLive(backend: BackendKind) async throws {
        let clock = TestClock()
        try await withStore(backend, tables: [TestTables.events], clock: clock) { store in
            let now = Int(clock.now)
            try await store.putItem(
                table: "events",
                item: ["venue": .string("v"), "at": number("1"), "expires": number(String(now + 60)), "genre": .string("g")]
            )
            try await store.putItem(table: "events", item: ["venue": .string("v"), "at": number("2"), "expires": number(String(now + 600))])
            // More than five years in the past: DynamoDB never expires these.
            try await store.putItem(table: "events", item: ["venue": .string("v"), "at": number("3"), "expires": number("1000")])
            try await store.putItem(table: "events", item: ["venue": .string("v"), "at": number("4"), "expires": .string("not a number")])
            #expect(try await store.query(table: "events", partitionKey: ("venue", .string("v"))).count == 4)
            clock.advance(by: 61)
            let key: Item = ["venue": .string("v"), "at": number("1")]
            #expect(try await store.getItem(table: "events", key: key) == nil)
            #expect(
                try await store.query(table: "events", partitionKey: ("venue", .string("v"))).items.map { $0["at"] } == [
                    number("2"), number("3"), number("4"),
                ]
            )
            #expect(try await store.query(table: "events", index: "byGenre", partitionKey: ("genre", .string("g"))).count == 0)
            #expect(try await store.scan(table: "events").count == 3)
            // A condition sees an expired item as absent.
            try await store.putItem(table: "events", item: key, condition: "attribute_not_exists(venue)")
            clock.advance(by: 600)
            #expect(try await store.sweepExpiredItems() == 1)
            #expect(try await store.describeTable(named: "events").itemCount == 3)
        }
    }

    @Test("UpdateTimeToLive and DescribeTimeToLive", arguments: BackendKind.allCases)
    func timeToLiveSettings(backend: BackendKind) async throws {
        let clock = TestClock()
        try await withStore(backend, tables: [TestTables.shows], clock: clock) { store in
            try await store.putItem(table: "shows", item: ["id": .string("old"), "ttl": number(String(Int(clock.now) - 10))])
            #expect(try await store.describeTimeToLive(tableName: "shows") == nil)
            #expect(try await store.getItem(table: "shows", key: ["id": .string("old")]) != nil)
            try await store.updateTimeToLive(tableName: "shows", attribute: "ttl", enabled: true)
            #expect(try await store.describeTimeToLive(tableName: "shows") == "ttl")
            // Enabling TTL applies to items written before.
            #expect(try await store.getItem(table: "shows", key: ["id": .string("old")]) == nil)
            await #expect(throws: DynamoDBError.validation("TimeToLive is already enabled")) {
                try await store.updateTimeToLive(tableName: "shows", attribute: "ttl", enabled: true)
            }
            try await store.updateTimeToLive(tableName: "shows", attribute: "ttl", enabled: false)
            #expect(try await store.getItem(table: "shows", key: ["id": .string("old")]) != nil)
            await #expect(throws: DynamoDBError.validation("TimeToLive is already disabled")) {
                try await store.updateTimeToLive(tableName: "shows", attribute: "ttl", enabled: false)
            }
            await #expect(throws: DynamoDBError.tableNotFound("nope")) { try await store.describeTimeToLive(tableName: "nope") }
        }
    }

    @Test("batch writes and gets", arguments: BackendKind.allCases)
    func batches(backend: BackendKind) async throws {
        try await withStore(backend, tables: [TestTables.shows, TestTables.events]) { store in
            try await store.batchWriteItem(
                BatchWriteRequest(tables: [
                    ("shows", [.put(["id": .string("1")]), .put(["id": .string("2")]), .put(["id": .string("3")])]),
                    ("events", [.put(["venue": .string("v"), "at": number("1")])]),
                ])
            )
            try await store.batchWriteItem(BatchWriteRequest(tables: [("shows", [.delete(["id": .string("3")])])]))
            let responses = try await store.batchGetItem(
                BatchGetRequest(tables: [
                    ("shows", .init(keys: [["id": .string("1")], ["id": .string("3")], ["id": .string("2")]])),
                    (
                        "events",
                        .init(
                            keys: [["venue": .string("v"), "at": number("1")]],
                            projection: ProjectionExpression(paths: [DocumentPath(attribute: "at")])
                        )
                    ),
                ])
            )
            #expect(Set(responses["shows"] ?? []) == [["id": .string("1")], ["id": .string("2")]])
            #expect(responses["events"] == [["at": number("1")]])
            await #expect(throws: DynamoDBError.duplicateKeys) {
                try await store.batchWriteItem(BatchWriteRequest(tables: [("shows", [.put(["id": .string("1")]), .delete(["id": .string("1")])])]))
            }
            await #expect(throws: DynamoDBError.duplicateKeys) {
                _ = try await store.batchGetItem(BatchGetRequest(tables: [("shows", .init(keys: [["id": .string("1")], ["id": .string("1")]]))]))
            }
            await #expect(throws: DynamoDBError.resourceNotFound) {
                try await store.batchWriteItem(BatchWriteRequest(tables: [("nope", [.put(["id": .string("1")])])]))
            }
        }
    }

    @Test("transactions commit all or nothing", arguments: BackendKind.allCases)
    func transactions(backend: BackendKind) async throws {
        try await withStore(backend, tables: [TestTables.shows]) { store in
            try await store.putItem(table: "shows", item: ["id": .string("stock"), "count": number("1")])
            let positive = ConditionExpression.comparison(.path(DocumentPath(attribute: "count")), .greaterOrEqual, .value(number("1")))
            let order = TransactWriteRequest(actions: [
                .update(
                    UpdateItemRequest(
                        tableName: "shows",
                        key: ["id": .string("stock")],
                        update: UpdateExpression(actions: [.add(DocumentPath(attribute: "count"), number("-1"))]),
                        condition: WriteCondition(condition: positive)
                    )
                ),
                .put(
                    PutItemRequest(
                        tableName: "shows",
                        item: ["id": .string("order-1")],
                        condition: WriteCondition(condition: .attributeNotExists(DocumentPath(attribute: "id")))
                    )
                ),
            ])
            try await store.transactWriteItems(order)
            #expect(try await store.getItem(table: "shows", key: ["id": .string("stock")])?["count"] == number("0"))
            // The second order fails its stock check: nothing of it is written.
            var second = order
            second.actions[1] = .put(PutItemRequest(tableName: "shows", item: ["id": .string("order-2")]))
            do {
                try await store.transactWriteItems(second)
                Issue.record("the transaction should have been cancelled")
            } catch let error as DynamoDBError {
                #expect(error.name == "TransactionCanceledException")
                #expect(
                    error.message == "Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]"
                )
                #expect(error.cancellationReasons?.map(\.code) == ["ConditionalCheckFailed", "None"])
            }
            #expect(try await store.getItem(table: "shows", key: ["id": .string("order-2")]) == nil)
            let gets = try await store.transactGetItems(
                TransactGetRequest(gets: [
                    GetItemRequest(tableName: "shows", key: ["id": .string("order-1")]),
                    GetItemRequest(tableName: "shows", key: ["id": .string("none")]),
                ])
            )
            #expect(gets == [["id": .string("order-1")], nil])
            await #expect(throws: DynamoDBError.validation("Transaction request cannot include multiple operations on one item")) {
                try await store.transactWriteItems(
                    TransactWriteRequest(actions: [
                        .put(PutItemRequest(tableName: "shows", item: ["id": .string("x")])),
                        .delete(DeleteItemRequest(tableName: "shows", key: ["id": .string("x")])),
                    ])
                )
            }
        }
    }

    @Test("configured tables and seed files are set up at start")
    func seeds() async throws {
        try await withTemporaryDirectory { directory in
            let seed = directory + "/seed.json"
            try Data(
                #"{"shows":[{"PutRequest":{"Item":{"id":{"S":"1"},"title":{"S":"Hamlet"}}}},{"id":{"S":"2"}}],"unknown":[{"id":{"S":"x"}}]}"#.utf8
            ).write(to: URL(fileURLWithPath: seed))
            let configuration = DynamoDB.Configuration(
                backend: .sqlite(path: directory + "/db.sqlite"),
                tables: [TestTables.shows],
                seedFiles: [seed]
            )
            try await withStore(configuration) { store in
                #expect(try await store.getItem(table: "shows", key: ["id": .string("1")])?["title"] == .string("Hamlet"))
                try await store.deleteItem(table: "shows", key: ["id": .string("2")])
            }
            // A second start finds the table and does not load the seeds into it again.
            try await withStore(configuration) { store async throws in
                #expect(try await store.getItem(table: "shows", key: ["id": .string("2")]) == nil)
                #expect(try await store.getItem(table: "shows", key: ["id": .string("1")]) != nil)
            }
        }
    }

    @Test("two processes share one PostgreSQL store without lost updates")
    func sharedPostgres() async throws {
        let url = try await PostgresCluster.shared.newDatabaseURL()
        let configuration = DynamoDB.Configuration(backend: .postgres(url: url), tables: [TestTables.shows])
        try await withStore(configuration) { first in
            try await withStore(configuration) { second in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for writer in 0..<20 {
                        let store = writer % 2 == 0 ? first : second
                        group.addTask {
                            try await store.updateItem(
                                table: "shows",
                                key: ["id": .string("n")],
                                update: "ADD hits :one",
                                values: [":one": number("1")]
                            )
                        }
                    }
                    try await group.waitForAll()
                }
                #expect(try await first.getItem(table: "shows", key: ["id": .string("n")])?["hits"] == number("20"))
                var table = TestTables.shows
                table.name = "later"
                try await first.createTable(table)
                #expect(try await second.table(named: "later") != nil)
            }
        }
    }
}
