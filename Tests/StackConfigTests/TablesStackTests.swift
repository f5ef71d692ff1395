import Foundation
import Store
import Testing

@testable import StackConfig

/// `tables:` and `store:` with every field, what they load into, and the store they open.
@Suite struct TablesStackTests {
    static let yaml = """
        tables:
          - tableName: events
            keySchema:
              - { attributeName: venue, keyType: HASH }
              - { attributeName: startsAt, keyType: RANGE }
            attributeDefinitions:
              - { attributeName: venue, attributeType: S }
              - { attributeName: startsAt, attributeType: N }
              - { attributeName: city, attributeType: S }
              - { attributeName: price, attributeType: N }
            globalSecondaryIndexes:
              - indexName: byCity
                keySchema: [{ attributeName: city, keyType: HASH }, { attributeName: startsAt, keyType: RANGE }]
                projection: { projectionType: INCLUDE, nonKeyAttributes: [title] }
              - indexName: byCityKeys
                keySchema: [{ attributeName: city, keyType: HASH }]
                projection: { projectionType: KEYS_ONLY }
            localSecondaryIndexes:
              - indexName: byPrice
                keySchema: [{ attributeName: venue, keyType: HASH }, { attributeName: price, keyType: RANGE }]
            billingMode: PROVISIONED
            provisionedThroughput: { readCapacityUnits: 5, writeCapacityUnits: 2 }
            timeToLiveSpecification: { attributeName: expiresAt, enabled: true }
            seedFile: seed/events.json
          - tableName: notes
            keySchema: [{ attributeName: id, keyType: HASH }]
            attributeDefinitions: [{ attributeName: id, attributeType: B }]
            timeToLiveSpecification: { attributeName: expiresAt, enabled: false }
            seedFile: seed/notes.json
        store:
          backend: postgres
          url: postgres://edgesim:secret@127.0.0.1:5432/edgesim
          signatureCheck: { accessKeyIds: [AKIAEDGESIMLOCAL0001, AKIAEDGESIMLOCAL0002] }
          region: eu-west-1
          accountId: "123456789012"
        """

    @Test func everyFieldLoadsIntoTheStoreSettings() throws {
        let fixture = try StackFixture(folders: ["site", "seed"])
        defer { fixture.remove() }
        _ = try fixture.write(
            "seed/events.json",
            Array(
                #"""
                {"events": [
                  {"PutRequest": {"Item": {"venue": {"S": "Harbour Hall"}, "startsAt": {"N": "1794000000"}, "title": {"S": "Messiah"}}}},
                  {"venue": {"S": "North Pier"}, "startsAt": {"N": "1794100000"}, "tags": {"SS": ["folk", "late"]}}
                ]}
                """#.utf8
            )
        )
        _ = try fixture.write("seed/notes.json", Array(#"[{"id": {"B": "AQID"}, "text": {"S": "hello"}}]"#.utf8))
        let stack = try fixture.load(Self.yaml)
        let store = stack.store

        #expect(store.backend == .postgres(url: "postgres://edgesim:secret@127.0.0.1:5432/edgesim"))
        #expect(store.signatureCheck == .accessKeyIDs(["AKIAEDGESIMLOCAL0001", "AKIAEDGESIMLOCAL0002"]))
        #expect(store.region == "eu-west-1" && store.accountID == "123456789012")

        let venue = KeyAttribute(name: "venue", type: .string)
        let startsAt = KeyAttribute(name: "startsAt", type: .number)
        let city = KeyAttribute(name: "city", type: .string)
        let price = KeyAttribute(name: "price", type: .number)
        #expect(
            store.tables == [
                TableDefinition(
                    name: "events",
                    keySchema: KeySchema(partitionKey: venue, sortKey: startsAt),
                    attributeDefinitions: [venue, startsAt, city, price],
                    globalSecondaryIndexes: [
                        SecondaryIndex(name: "byCity", keySchema: KeySchema(partitionKey: city, sortKey: startsAt), projection: .include(["title"])),
                        SecondaryIndex(name: "byCityKeys", keySchema: KeySchema(partitionKey: city), projection: .keysOnly),
                    ],
                    localSecondaryIndexes: [
                        SecondaryIndex(name: "byPrice", kind: .local, keySchema: KeySchema(partitionKey: venue, sortKey: price), projection: .all)
                    ],
                    billingMode: .provisioned(readCapacityUnits: 5, writeCapacityUnits: 2),
                    timeToLiveAttribute: "expiresAt"
                ),
                TableDefinition(name: "notes", keySchema: KeySchema(partitionKey: KeyAttribute(name: "id", type: .binary))),
            ]
        )
        #expect(
            store.seedItems == [
                "events": [
                    ["venue": .string("Harbour Hall"), "startsAt": .number(DynamoNumber(1_794_000_000)), "title": .string("Messiah")],
                    ["venue": .string("North Pier"), "startsAt": .number(DynamoNumber(1_794_100_000)), "tags": .stringSet(["folk", "late"])],
                ],
                "notes": [["id": .binary([1, 2, 3]), "text": .string("hello")]],
            ]
        )
        #expect(stack.summary == "0 distributions, 0 buckets, 2 tables")

        let configuration = store.configuration(stateDirectory: "/var/state")
        #expect(configuration.backend == .postgres(url: "postgres://edgesim:secret@127.0.0.1:5432/edgesim"))
        #expect(configuration.tables == store.tables)
        #expect(configuration.seedFiles.isEmpty)
        #expect(configuration.signatureCheck == store.signatureCheck)
        #expect(configuration.region == "eu-west-1" && configuration.accountID == "123456789012")
    }

    @Test func withoutAStoreSectionTheStoreIsSQLiteUnderTheStateDirectory() throws {
        let fixture = try StackFixture()
        defer { fixture.remove() }
        let stack = try fixture.load("store: { backend: sqlite }\n")
        #expect(stack.store.backend == .sqlite)
        #expect(stack.store.signatureCheck == .acceptAny)
        #expect(stack.store.tables.isEmpty && stack.store.seedItems.isEmpty)
        let configuration = stack.store.configuration(stateDirectory: "/var/state")
        #expect(configuration.backend == .sqlite(path: "/var/state/dynamodb.sqlite"))
        #expect(configuration.region == "us-east-1" && configuration.accountID == "000000000000")
        let empty = try fixture.load("buckets: { site: ./site }\n")
        #expect(empty.store.backend == .sqlite)
    }

    @Test func seedItemsGoIntoTablesOnlyWhenTheStoreCreatesThem() async throws {
        let fixture = try StackFixture(folders: ["site", "state"])
        defer { fixture.remove() }
        _ = try fixture.write("shows.json", Array(#"{"shows": [{"id": {"S": "a"}, "title": {"S": "A"}}, {"id": {"S": "b"}}]}"#.utf8))
        let stack = try fixture.load(
            """
            tables:
              - tableName: shows
                keySchema: [{ attributeName: id, keyType: HASH }]
                attributeDefinitions: [{ attributeName: id, attributeType: S }]
                seedFile: shows.json
              - tableName: tickets
                keySchema: [{ attributeName: id, keyType: HASH }]
                attributeDefinitions: [{ attributeName: id, attributeType: S }]
            """
        )
        let configuration = stack.store.configuration(stateDirectory: fixture.directory + "/state")

        let first = try await DynamoDB.open(configuration: configuration, seedItems: stack.store.seedItems)
        #expect(try await first.getItem(table: "shows", key: ["id": .string("a")]) == ["id": .string("a"), "title": .string("A")])
        #expect(try await first.scan(table: "shows", limit: 10).items.count == 2)
        #expect(try await first.scan(table: "tickets", limit: 10).items.isEmpty)
        _ = try await first.deleteItem(table: "shows", key: ["id": .string("a")])
        await first.close()

        // The tables exist now: the next start leaves what the user did to them alone.
        let second = try await DynamoDB.open(configuration: configuration, seedItems: stack.store.seedItems)
        #expect(try await second.getItem(table: "shows", key: ["id": .string("a")]) == nil)
        #expect(try await second.getItem(table: "shows", key: ["id": .string("b")]) == ["id": .string("b")])
        await second.close()
    }

    @Test func aSeedFileMayHoldMoreItemsThanOneBatchWrite() async throws {
        let fixture = try StackFixture(folders: ["site", "state"])
        defer { fixture.remove() }
        let items = (0..<60).map { #"{"id": {"N": "\#($0)"}}"# }.joined(separator: ",")
        _ = try fixture.write("many.json", Array("[\(items)]".utf8))
        let stack = try fixture.load(
            """
            tables:
              - tableName: many
                keySchema: [{ attributeName: id, keyType: HASH }]
                attributeDefinitions: [{ attributeName: id, attributeType: N }]
                seedFile: many.json
            """
        )
        #expect(stack.store.seedItems["many"]?.count == 60)
        let store = try await DynamoDB.open(
            configuration: stack.store.configuration(stateDirectory: fixture.directory + "/state"),
            seedItems: stack.store.seedItems
        )
        #expect(try await store.scan(table: "many", limit: 100).items.count == 60)
        await store.close()
    }
}
