import Testing

@testable import Store

@Suite("Item operations on every backend")
struct ItemConformanceTests {
    @Test("put, get, replace and delete", arguments: BackendKind.allCases)
    func roundTrip(backend: BackendKind) async throws {
        try await withStore(backend, tables: [TestTables.shows]) { store in
            let item: Item = [
                "id": .string("1"), "title": .string("Hamlet"), "rating": number("4.50"), "cast": .list([.string("a"), .null]),
                "tags": .stringSet(["x"]), "raw": .binary([0, 255]), "meta": .map(["live": .boolean(true)]),
            ]
            #expect(try await store.putItem(table: "shows", item: item) == nil)
            let stored = try await store.getItem(table: "shows", key: ["id": .string("1")])
            #expect(stored == item)
            #expect(stored?["rating"] == number("4.5"))
            let replaced = try await store.putItem(table: "shows", item: ["id": .string("1"), "title": .string("Macbeth")])
            #expect(replaced == item)
            #expect(try await store.getItem(table: "shows", key: ["id": .string("1")]) == ["id": .string("1"), "title": .string("Macbeth")])
            #expect(
                try await store.getItem(table: "shows", key: ["id": .string("1")], projection: "#t", names: ["#t": "title"]) == [
                    "title": .string("Macbeth")
                ]
            )
            #expect(try await store.deleteItem(table: "shows", key: ["id": .string("1")]) == ["id": .string("1"), "title": .string("Macbeth")])
            #expect(try await store.getItem(table: "shows", key: ["id": .string("1")]) == nil)
            #expect(try await store.deleteItem(table: "shows", key: ["id": .string("1")]) == nil)
        }
    }

    @Test("conditional writes", arguments: BackendKind.allCases)
    func conditions(backend: BackendKind) async throws {
        try await withStore(backend, tables: [TestTables.shows]) { store in
            try await store.putItem(table: "shows", item: ["id": .string("1"), "v": number("1")], condition: "attribute_not_exists(id)")
            await #expect(throws: DynamoDBError.conditionalCheckFailed()) {
                try await store.putItem(table: "shows", item: ["id": .string("1")], condition: "attribute_not_exists(id)")
            }
            // ReturnValuesOnConditionCheckFailure=ALL_OLD puts the item in the error.
            do {
                _ = try await store.putItem(
                    PutItemRequest(
                        tableName: "shows",
                        item: ["id": .string("1")],
                        condition: WriteCondition(condition: .attributeNotExists(DocumentPath(attribute: "id")), returnOldItemOnFailure: true)
                    )
                )
                Issue.record("the condition should have failed")
            } catch let error as DynamoDBError {
                #expect(error.isConditionalCheckFailed)
                #expect(error.item == ["id": .string("1"), "v": number("1")])
            }
            try await store.updateItem(
                table: "shows",
                key: ["id": .string("1")],
                update: "SET v = v + :one",
                condition: "v = :one",
                values: [":one": number("1")]
            )
            await #expect(throws: DynamoDBError.conditionalCheckFailed()) {
                try await store.deleteItem(table: "shows", key: ["id": .string("1")], condition: "v = :one", values: [":one": number("1")])
            }
            #expect(try await store.getItem(table: "shows", key: ["id": .string("1")])?["v"] == number("2"))
        }
    }

    @Test("updates create, compute and report", arguments: BackendKind.allCases)
    func updates(backend: BackendKind) async throws {
        try await withStore(backend, tables: [TestTables.shows]) { store in
            let created = try await store.updateItem(
                table: "shows",
                key: ["id": .string("9")],
                update: "SET hits = if_not_exists(hits, :zero) + :one, tags = list_append(if_not_exists(tags, :empty), :tag) ADD visitors :who",
                values: [
                    ":zero": number("0"), ":one": number("1"), ":empty": .list([]), ":tag": .list([.string("new")]), ":who": .stringSet(["ann"]),
                ]
            )
            #expect(created == ["id": .string("9"), "hits": number("1"), "tags": .list([.string("new")]), "visitors": .stringSet(["ann"])])
            let updatedNew = try await store.updateItem(
                table: "shows",
                key: ["id": .string("9")],
                update: "ADD hits :ten REMOVE tags",
                values: [":ten": number("10")],
                returnValues: .updatedNew
            )
            #expect(updatedNew == ["hits": number("11")])
            let updatedOld = try await store.updateItem(
                table: "shows",
                key: ["id": .string("9")],
                update: "DELETE visitors :who",
                values: [":who": .stringSet(["ann"])],
                returnValues: .updatedOld
            )
            #expect(updatedOld == ["visitors": .stringSet(["ann"])])
            #expect(try await store.getItem(table: "shows", key: ["id": .string("9")]) == ["id": .string("9"), "hits": number("11")])
            await #expect(
                throws: DynamoDBError.validation(
                    "One or more parameter values were invalid: Cannot update attribute id. This attribute is part of the key"
                )
            ) {
                try await store.updateItem(table: "shows", key: ["id": .string("9")], update: "SET id = :x", values: [":x": .string("x")])
            }
        }
    }

    @Test("errors for missing tables and bad keys", arguments: BackendKind.allCases)
    func errors(backend: BackendKind) async throws {
        try await withStore(backend, tables: [TestTables.shows]) { store in
            await #expect(throws: DynamoDBError.resourceNotFound) { try await store.getItem(table: "nope", key: ["id": .string("1")]) }
            await #expect(throws: DynamoDBError.keySchemaMismatch) { try await store.getItem(table: "shows", key: ["id": number("1")]) }
            await #expect(throws: DynamoDBError.missingKey("id")) { try await store.putItem(table: "shows", item: ["x": .null]) }
            let big = String(repeating: "x", count: ItemSize.maximumItemBytes)
            await #expect(throws: DynamoDBError.itemTooLarge) {
                try await store.putItem(table: "shows", item: ["id": .string("1"), "data": .string(big)])
            }
            try await store.putItem(table: "shows", item: ["id": .string("1"), "data": .string(String(big.dropFirst(7)))])
            await #expect(throws: DynamoDBError.updatedItemTooLarge) {
                try await store.updateItem(table: "shows", key: ["id": .string("1")], update: "SET more = :x", values: [":x": .string("xx")])
            }
        }
    }

    @Test("conditional writes are race-free under concurrency", arguments: BackendKind.allCases)
    func races(backend: BackendKind) async throws {
        try await withStore(backend, tables: [TestTables.shows]) { store in
            let winners = try await withThrowingTaskGroup(of: Bool.self) { group in
                for writer in 0..<12 {
                    group.addTask {
                        do {
                            try await store.putItem(
                                table: "shows",
                                item: ["id": .string("race"), "writer": number(String(writer))],
                                condition: "attribute_not_exists(id)"
                            )
                            return true
                        } catch let error as DynamoDBError where error.isConditionalCheckFailed {
                            return false
                        }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(winners == 1)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        try await store.updateItem(
                            table: "shows",
                            key: ["id": .string("counter")],
                            update: "ADD hits :one",
                            values: [":one": number("1")]
                        )
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await store.getItem(table: "shows", key: ["id": .string("counter")])?["hits"] == number("20"))
        }
    }
}
