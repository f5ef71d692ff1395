import Testing

@testable import Store

@Suite("Query and Scan on every backend")
struct QueryConformanceTests {
    private static let times = ["-10.5", "-1", "0", "0.25", "2", "10", "100", "1E+3"]

    private func loadEvents(_ store: DynamoDB) async throws {
        for (position, time) in Self.times.enumerated() {
            var item: Item = ["venue": .string("globe"), "at": number(time), "n": number(String(position))]
            if position % 2 == 0 { item["genre"] = .string(position % 4 == 0 ? "drama" : "comedy") }
            try await store.putItem(table: "events", item: item)
        }
        try await store.putItem(table: "events", item: ["venue": .string("rose"), "at": number("1"), "genre": .string("drama")])
    }

    @Test("sort keys come back in numeric order, forwards and backwards", arguments: BackendKind.allCases)
    func ordering(backend: BackendKind) async throws {
        try await withStore(backend, tables: [TestTables.events]) { store in
            try await loadEvents(store)
            let forward = try await store.query(table: "events", partitionKey: ("venue", .string("globe")))
            #expect(forward.items.map { $0["at"] } == Self.times.map { number($0) })
            #expect(forward.lastEvaluatedKey == nil)
            #expect(forward.count == 8 && forward.scannedCount == 8)
            let backward = try await store.query(table: "events", partitionKey: ("venue", .string("globe")), scanIndexForward: false)
            #expect(backward.items.map { $0["at"] } == Self.times.reversed().map { number($0) })
        }
    }

    @Test("sort key conditions", arguments: BackendKind.allCases)
    func sortConditions(backend: BackendKind) async throws {
        try await withStore(backend, tables: [TestTables.events]) { store in
            try await loadEvents(store)
            func ats(_ predicate: KeyConditions.Predicate) async throws -> [AttributeValue?] {
                try await store.query(table: "events", partitionKey: ("venue", .string("globe")), sortKey: ("at", predicate)).items.map { $0["at"] }
            }
            #expect(try await ats(.comparison(.equal, number("2"))) == [number("2")])
            #expect(try await ats(.comparison(.less, number("0"))) == [number("-10.5"), number("-1")])
            #expect(try await ats(.comparison(.lessOrEqual, number("0"))) == [number("-10.5"), number("-1"), number("0")])
            #expect(try await ats(.comparison(.greater, number("10"))) == [number("100"), number("1000")])
            #expect(try await ats(.comparison(.greaterOrEqual, number("100"))) == [number("100"), number("1000")])
            #expect(try await ats(.between(number("-1"), number("2"))) == [number("-1"), number("0"), number("0.25"), number("2")])
        }
    }

    @Test("begins_with on string and binary keys", arguments: BackendKind.allCases)
    func beginsWith(backend: BackendKind) async throws {
        try await withStore(backend, tables: [TestTables.files]) { store in
            for name in ["a/1", "a/2", "a\u{FF}", "ab", "b/1", "é"] {
                try await store.putItem(table: "files", item: ["bucket": .binary([1, 0xFF]), "name": .string(name)])
            }
            let page = try await store.query(
                table: "files",
                partitionKey: ("bucket", .binary([1, 0xFF])),
                sortKey: ("name", .beginsWith(.string("a/")))
            )
            #expect(page.items.map { $0["name"] } == [.string("a/1"), .string("a/2")])
            let all = try await store.query(
                table: "files",
                partitionKey: ("bucket", .binary([1, 0xFF])),
                sortKey: ("name", .beginsWith(.string("a")))
            )
            #expect(all.items.map { $0["name"] } == [.string("a/1"), .string("a/2"), .string("ab"), .string("a\u{FF}")])
        }
    }

    @Test("Limit pages with LastEvaluatedKey", arguments: BackendKind.allCases)
    func paging(backend: BackendKind) async throws {
        try await withStore(backend, tables: [TestTables.events]) { store in
            try await loadEvents(store)
            var seen: [AttributeValue?] = []
            var start: Item?
            var pages = 0
            repeat {
                let page = try await store.query(table: "events", partitionKey: ("venue", .string("globe")), limit: 3, exclusiveStartKey: start)
                seen += page.items.map { $0["at"] }
                start = page.lastEvaluatedKey
                pages += 1
            } while start != nil
            #expect(seen == Self.times.map { number($0) })
            // 8 items in pages of 3: the third page is short and has no LastEvaluatedKey.
            #expect(pages == 3)
            let exact = try await store.query(table: "events", partitionKey: ("venue", .string("globe")), limit: 8)
            #expect(exact.lastEvaluatedKey == ["venue": .string("globe"), "at": number("1000")])
        }
    }

    @Test("a page stops after 1 MB read", arguments: BackendKind.allCases)
    func megabytePages(backend: BackendKind) async throws {
        try await withStore(backend, tables: [TestTables.events]) { store in
            let payload = AttributeValue.string(String(repeating: "x", count: 300_000))
            for index in 0..<5 {
                try await store.putItem(table: "events", item: ["venue": .string("big"), "at": number(String(index)), "data": payload])
            }
            let first = try await store.query(table: "events", partitionKey: ("venue", .string("big")))
            // 300 KB items: the fourth one takes the page past 1 MB.
            #expect(first.items.count == 4)
            #expect(first.lastEvaluatedKey == ["venue": .string("big"), "at": number("3")])
            let second = try await store.query(table: "events", partitionKey: ("venue", .string("big")), exclusiveStartKey: first.lastEvaluatedKey)
            #expect(second.items.map { $0["at"] } == [number("4")])
            #expect(second.lastEvaluatedKey == nil)
            let scan = try await store.scan(table: "events")
            #expect(scan.items.count == 4 && scan.lastEvaluatedKey != nil)
        }
    }

    @Test("global secondary index queries, sparse and projected", arguments: BackendKind.allCases)
    func globalIndex(backend: BackendKind) async throws {
        try await withStore(backend, tables: [TestTables.events]) { store in
            try await loadEvents(store)
            let drama = try await store.query(table: "events", index: "byGenre", partitionKey: ("genre", .string("drama")))
            #expect(drama.items.map { $0["at"] } == [number("-10.5"), number("1"), number("2")])
            // KEYS_ONLY: table and index keys, nothing else.
            #expect(drama.items.allSatisfy { Set($0.keys) == ["venue", "at", "genre"] })
            let paged = try await store.query(table: "events", index: "byGenre", partitionKey: ("genre", .string("drama")), limit: 2)
            #expect(paged.lastEvaluatedKey == ["venue": .string("rose"), "at": number("1"), "genre": .string("drama")])
            let rest = try await store.query(
                table: "events",
                index: "byGenre",
                partitionKey: ("genre", .string("drama")),
                limit: 2,
                exclusiveStartKey: paged.lastEvaluatedKey
            )
            #expect(rest.items.map { $0["at"] } == [number("2")])
            // Moving an item out of the index (removing its index key) removes its index row.
            try await store.updateItem(table: "events", key: ["venue": .string("rose"), "at": number("1")], update: "REMOVE genre")
            let after = try await store.query(table: "events", index: "byGenre", partitionKey: ("genre", .string("drama")))
            #expect(after.items.count == 2)
            await #expect(throws: DynamoDBError.validation("The table does not have the specified index: nope")) {
                try await store.query(table: "events", index: "nope", partitionKey: ("genre", .string("drama")))
            }
        }
    }

    @Test("parallel scan segments cover the table exactly once", arguments: BackendKind.allCases)
    func segments(backend: BackendKind) async throws {
        try await withStore(backend, tables: [TestTables.shows]) { store in
            for index in 0..<60 {
                try await store.putItem(table: "shows", item: ["id": .string("show-\(index)")])
            }
            var ids: [AttributeValue?] = []
            for segment in 0..<4 {
                var start: Item?
                repeat {
                    let page = try await store.scan(
                        ScanRequest(tableName: "shows", limit: 7, exclusiveStartKey: start, segment: (segment, 4))
                    )
                    ids += page.items.map { $0["id"] }
                    start = page.lastEvaluatedKey
                } while start != nil
            }
            #expect(ids.count == 60)
            #expect(Set(ids.compactMap { $0 }) == Set((0..<60).map { AttributeValue.string("show-\($0)") }))
        }
    }

    @Test("filters, projections and COUNT", arguments: BackendKind.allCases)
    func filters(backend: BackendKind) async throws {
        try await withStore(backend, tables: [TestTables.events]) { store in
            try await loadEvents(store)
            var attributes = ExpressionAttributes(values: [":three": number("3")])
            let filter = try ConditionParser.parse("n >= :three", attributes: &attributes)
            let page = try await store.query(
                QueryRequest(
                    tableName: "events",
                    keyConditions: KeyConditions(partitionKey: "venue", equals: .string("globe")),
                    filter: Filter(condition: filter, parameterName: "Filter Expression"),
                    projection: ProjectionExpression(paths: [DocumentPath(attribute: "n")]),
                    limit: 6
                )
            )
            #expect(page.items == [["n": number("3")], ["n": number("4")], ["n": number("5")]])
            #expect(page.count == 3 && page.scannedCount == 6)
            let counted = try await store.scan(
                ScanRequest(tableName: "events", filter: Filter(condition: filter, parameterName: "Filter Expression"), select: .count)
            )
            #expect(counted.items.isEmpty && counted.count == 5 && counted.scannedCount == 9)
            await #expect(
                throws: DynamoDBError.validation("Filter Expression can only contain non-primary key attributes: Primary key attribute: at")
            ) {
                try await store.query(
                    QueryRequest(
                        tableName: "events",
                        keyConditions: KeyConditions(partitionKey: "venue", equals: .string("globe")),
                        filter: Filter(condition: .attributeExists(DocumentPath(attribute: "at")), parameterName: "Filter Expression")
                    )
                )
            }
        }
    }

    @Test(
        "key condition errors against the schema",
        arguments: BackendKind.allCases
    )
    func keyConditionErrors(backend: BackendKind) async throws {
        try await withStore(backend, tables: [TestTables.events]) { store in
            func query(_ predicates: [(name: String, predicate: KeyConditions.Predicate)]) async throws {
                _ = try await store.query(QueryRequest(tableName: "events", keyConditions: KeyConditions(predicates: predicates)))
            }
            await #expect(throws: DynamoDBError.validation("Query condition missed key schema element: venue")) {
                try await query([("at", .comparison(.equal, number("1")))])
            }
            await #expect(throws: DynamoDBError.validation("Query key condition not supported")) {
                try await query([("venue", .comparison(.less, .string("a")))])
            }
            await #expect(throws: DynamoDBError.validation("Query condition missed key schema element: at")) {
                try await query([("venue", .comparison(.equal, .string("a"))), ("other", .comparison(.equal, .string("a")))])
            }
            await #expect(
                throws: DynamoDBError.validation("One or more parameter values were invalid: Condition parameter type does not match schema type")
            ) {
                try await query([("venue", .comparison(.equal, number("1")))])
            }
            await #expect(throws: DynamoDBError.validation("The provided starting key is invalid")) {
                try await store.query(table: "events", partitionKey: ("venue", .string("a")), exclusiveStartKey: ["venue": .string("a")])
            }
            await #expect(throws: DynamoDBError.validation("The provided starting key is outside query boundaries based on provided conditions")) {
                try await store.query(
                    table: "events",
                    partitionKey: ("venue", .string("a")),
                    exclusiveStartKey: ["venue": .string("b"), "at": number("1")]
                )
            }
        }
    }
}
