import Testing

@testable import Store

@Suite("SQLite durability")
struct DurabilityTests {
    @Test("the store file is in WAL mode with synchronous=FULL, so acknowledged writes reach the disk")
    func settings() async throws {
        try await withStore(.sqlite) { store in
            let backend = try #require(store.backend as? SQLiteBackend)
            #expect(try await backend.pragma("journal_mode") == "wal")
            // 2 is FULL: the WAL is synced at every commit.
            #expect(try await backend.pragma("synchronous") == "2")
        }
    }

    @Test("items survive closing and reopening the store file")
    func reopen() async throws {
        try await withTemporaryDirectory { directory in
            let configuration = DynamoDB.Configuration(backend: .sqlite(path: directory + "/nested/dir/store.sqlite"), tables: [TestTables.events])
            try await withStore(configuration) { store in
                try await store.putItem(table: "events", item: ["venue": .string("v"), "at": number("1"), "genre": .string("g")])
            }
            try await withStore(configuration) { store async throws in
                #expect(try await store.getItem(table: "events", key: ["venue": .string("v"), "at": number("1")]) != nil)
                #expect(try await store.query(table: "events", index: "byGenre", partitionKey: ("genre", .string("g"))).count == 1)
            }
        }
    }
}
