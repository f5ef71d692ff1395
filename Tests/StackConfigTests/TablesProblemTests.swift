import Testing

@testable import StackConfig

/// `tables:` and `store:` with mistakes, and exactly the lines `edgesim validate` prints for them.
@Suite struct TablesProblemTests {
    static let cases: [BadStack] = [
        BadStack(
            name: "key schemas and attribute definitions",
            yaml: """
                tables:
                  - tableName: ab
                    keySchema: [{ attributeName: id, keyType: RANGE }]
                    attributeDefinitions: [{ attributeName: id, attributeType: S }, { attributeName: id, attributeType: N }, { attributeName: extra, attributeType: X }]
                  - tableName: orders
                    keySchema: [{ attributeName: id, keyType: HASH }, { attributeName: at, keyType: RANGE }, { attributeName: x, keyType: RANGE }]
                    attributeDefinitions: [{ attributeName: id, attributeType: S }, { attributeName: unused, attributeType: S }]
                  - tableName: orders
                    keySchema: [{ attributeName: id, keyType: HASH }, { attributeName: when, keyType: RANGE }]
                    attributeDefinitions: [{ attributeName: id, attributeType: S }]
                  - tableName: twice
                    keySchema: [{ attributeName: id, keyType: HASH }, { attributeName: id, keyType: RANGE }]
                    attributeDefinitions: [{ attributeName: id, attributeType: S }]
                  - name: legacy
                    streamSpecification: {}
                """,
            expected: [
                #"edgesim.yml:2:16: tables[0].tableName: a table name is 3 to 255 letters, digits, underscores, hyphens and dots; got "ab""#,
                #"edgesim.yml:3:47: tables[0].keySchema[0].keyType: the first key is the partition key: keyType HASH"#,
                #"edgesim.yml:4:86: tables[0].attributeDefinitions[1].attributeName: "id" is defined above already; define each attribute once"#,
                #"edgesim.yml:4:149: tables[0].attributeDefinitions[2].attributeType: must be one of S, N, B; got "X""#,
                #"edgesim.yml:6:16: tables[1].keySchema: a key schema is a HASH key and at most one RANGE key, like [{ attributeName: id, keyType: HASH }]; got 3 elements"#,
                #"edgesim.yml:8:16: tables[2].tableName: tables[1] is named "orders" too; table names must be unique"#,
                #"edgesim.yml:9:72: tables[2].keySchema[1].attributeName: "when" is not in attributeDefinitions; add { attributeName: when, attributeType: S } (or N or B) there"#,
                #"edgesim.yml:12:72: tables[3].keySchema[1].attributeName: "id" is the partition key already; the sort key is another attribute"#,
                #"edgesim.yml:14:5: tables[4].name: write the table's name as tableName"#,
                #"edgesim.yml:14:5: tables[4].tableName: is required; routes' table integrations and the DynamoDB API name the table by it"#,
                #"edgesim.yml:14:5: tables[4].attributeDefinitions: is required; give each key attribute's type, like [{ attributeName: id, attributeType: S }]"#,
                #"edgesim.yml:14:5: tables[4].keySchema: is required; list the key, like [{ attributeName: id, keyType: HASH }]"#,
                #"edgesim.yml:15:5: tables[4].streamSpecification: DynamoDB Streams are not simulated; remove it"#,
            ]
        ),
        BadStack(
            name: "indexes, billing and time to live",
            yaml: """
                tables:
                  - tableName: events
                    keySchema: [{ attributeName: pk, keyType: HASH }]
                    attributeDefinitions: [{ attributeName: pk, attributeType: S }, { attributeName: venue, attributeType: S }]
                    globalSecondaryIndexes:
                      - indexName: byVenue
                        keySchema: [{ attributeName: venue, keyType: HASH }]
                        projection: { projectionType: INCLUDE }
                      - indexName: byVenue
                        keySchema: [{ attributeName: venue, keyType: HASH }]
                        provisionedThroughput: {}
                      - indexName: x
                        keySchema: [{ attributeName: nope, keyType: HASH }]
                    localSecondaryIndexes:
                      - indexName: local
                        keySchema: [{ attributeName: pk, keyType: HASH }, { attributeName: venue, keyType: RANGE }]
                    billingMode: PROVISIONED
                    timeToLiveSpecification: { enabled: true }
                  - tableName: paid
                    keySchema: [{ attributeName: pk, keyType: HASH }, { attributeName: at, keyType: RANGE }]
                    attributeDefinitions: [{ attributeName: pk, attributeType: B }, { attributeName: at, attributeType: N }, { attributeName: other, attributeType: S }]
                    localSecondaryIndexes:
                      - indexName: byOther
                        keySchema: [{ attributeName: other, keyType: HASH }, { attributeName: at, keyType: RANGE }]
                        projection: { projectionType: SOME }
                    billingMode: PAY_PER_REQUEST
                    provisionedThroughput: { readCapacityUnits: 0 }
                    timeToLiveSpecification: { attributeName: exp, enabled: nah }
                  - tableName: slow
                    keySchema: [{ attributeName: pk, keyType: HASH }]
                    attributeDefinitions: [{ attributeName: pk, attributeType: S }]
                    billingMode: PROVISIONED
                    provisionedThroughput: { readCapacityUnits: 0, writeUnits: 1 }
                """,
            expected: [
                #"edgesim.yml:2:5: tables[0].provisionedThroughput: is required; billingMode PROVISIONED needs { readCapacityUnits: 5, writeCapacityUnits: 5 }"#,
                #"edgesim.yml:8:39: tables[0].globalSecondaryIndexes[0].projection.nonKeyAttributes: projectionType INCLUDE needs the attributes to copy in nonKeyAttributes: [...]"#,
                #"edgesim.yml:9:20: tables[0].globalSecondaryIndexes[1].indexName: another index of this table is named "byVenue"; index names must be unique"#,
                #"edgesim.yml:11:9: tables[0].globalSecondaryIndexes[1].provisionedThroughput: an index's throughput is not simulated; remove it"#,
                #"edgesim.yml:12:20: tables[0].globalSecondaryIndexes[2].indexName: an index name is 3 to 255 letters, digits, underscores, hyphens and dots; got "x""#,
                #"edgesim.yml:13:38: tables[0].globalSecondaryIndexes[2].keySchema[0].attributeName: "nope" is not in attributeDefinitions; add { attributeName: nope, attributeType: S } (or N or B) there"#,
                #"edgesim.yml:15:7: tables[0].localSecondaryIndexes: local secondary indexes need a table with a sort key (keyType RANGE); add one or use globalSecondaryIndexes"#,
                #"edgesim.yml:18:30: tables[0].timeToLiveSpecification.attributeName: is required when enabled: the attribute holding each item's expiry in epoch seconds"#,
                #"edgesim.yml:24:20: tables[1].localSecondaryIndexes[0].keySchema: a local secondary index has the table's partition key "pk" and its own sort key"#,
                #"edgesim.yml:25:39: tables[1].localSecondaryIndexes[0].projection.projectionType: must be one of ALL, KEYS_ONLY, INCLUDE; got "SOME""#,
                #"edgesim.yml:27:5: tables[1].provisionedThroughput: is read only with billingMode PROVISIONED; remove it or set billingMode"#,
                #"edgesim.yml:28:61: tables[1].timeToLiveSpecification.enabled: must be true or false; got "nah""#,
                #"edgesim.yml:33:28: tables[2].provisionedThroughput.writeCapacityUnits: is required; at least 1"#,
                #"edgesim.yml:33:49: tables[2].provisionedThroughput.readCapacityUnits: must be at least 1; got 0"#,
                #"edgesim.yml:33:52: tables[2].provisionedThroughput.writeUnits: unknown key; expected one of readCapacityUnits, writeCapacityUnits"#,
            ]
        ),
        BadStack(
            name: "table integrations",
            yaml: """
                tables:
                  - tableName: events
                    keySchema: [{ attributeName: pk, keyType: HASH }, { attributeName: at, keyType: RANGE }]
                    attributeDefinitions: [{ attributeName: pk, attributeType: S }, { attributeName: at, attributeType: N }]
                apis:
                  - name: a
                    routes:
                      - routeKey: GET /events
                        integration: { type: table, tableName: events }
                      - routeKey: GET /other
                        integration: { type: table, tableName: nothing }
                      - routeKey: GET /staged
                        integration: { type: table, tableName: "${stageVariables.table}" }
                """,
            expected: [
                #"edgesim.yml:9:48: apis[0].routes[0].integration.tableName: table "events" has sort key "at"; the table integration addresses items by partition key alone, so use a table without one"#,
                #"edgesim.yml:11:48: apis[0].routes[1].integration.tableName: no table is named "nothing"; tables defines events"#,
            ]
        ),
        BadStack(
            name: "a table integration without tables",
            yaml: """
                apis:
                  - name: a
                    routes:
                      - routeKey: GET /events
                        integration: { type: table, tableName: events }
                """,
            expected: [
                #"edgesim.yml:5:48: apis[0].routes[0].integration.tableName: no table is named "events"; define it under tables:"#
            ]
        ),
        BadStack(
            name: "store: postgres without a url",
            yaml: """
                store:
                  backend: postgres
                  path: ./data
                """,
            expected: [
                #"edgesim.yml:2:3: store.url: is required; the database, like postgres://edgesim:secret@127.0.0.1:5432/edgesim"#,
                #"edgesim.yml:3:3: store.path: the SQLite store lives under --state-dir as dynamodb.sqlite; pass --state-dir to move it"#,
            ]
        ),
        BadStack(
            name: "store: fields",
            yaml: """
                store:
                  backend: postgres
                  url: mysql://127.0.0.1/edgesim
                  signatureCheck: { accessKeyIds: [] }
                  accountId: 123
                """,
            expected: [
                #"edgesim.yml:3:8: store.url: must be a postgres:// URL, like postgres://edgesim:secret@127.0.0.1:5432/edgesim; got "mysql://127.0.0.1/edgesim""#,
                #"edgesim.yml:4:35: store.signatureCheck.accessKeyIds: needs at least one access key id; leave signatureCheck out to accept any signature"#,
                #"edgesim.yml:5:14: store.accountId: an account id is 12 digits, written in quotes, like "000000000000"; got "123""#,
            ]
        ),
        BadStack(
            name: "store: an unknown backend",
            yaml: """
                store:
                  backend: mysql
                  url: postgres://127.0.0.1/edgesim
                  signatureCheck: {}
                """,
            expected: [
                #"edgesim.yml:2:12: store.backend: must be one of sqlite, postgres; got "mysql""#,
                #"edgesim.yml:4:19: store.signatureCheck.accessKeyIds: is required; list the access key ids SDKs may sign with, like [AKIAEDGESIMLOCAL0001]"#,
            ]
        ),
        BadStack(
            name: "store: sqlite with a url",
            yaml: """
                store: { url: "postgres://127.0.0.1/edgesim" }
                """,
            expected: [
                #"edgesim.yml:1:10: store.url: is read only with backend: postgres (SQLite keeps its file under --state-dir); remove it"#
            ]
        ),
    ]

    @Test(arguments: cases)
    func everyProblemIsReportedWithItsPlaceAndFix(_ stack: BadStack) throws {
        let fixture = try StackFixture()
        defer { fixture.remove() }
        let expected = stack.expected.map { $0.replacingOccurrences(of: "{dir}", with: fixture.directory) }
        #expect(fixture.problems(stack.yaml) == expected)
    }

    @Test func seedFilesAreReadAndCheckedWhenTheStackLoads() throws {
        let fixture = try StackFixture()
        defer { fixture.remove() }
        _ = try fixture.write("bad.json", Array("[{".utf8))
        _ = try fixture.write("wrong-key.json", Array(#"[{"id": {"S": "1"}}, {"id": {"N": "2"}}]"#.utf8))
        _ = try fixture.write("other.json", Array(#"{"seed-d": [], "seed-e": []}"#.utf8))
        _ = try fixture.write("shape.json", Array(#"{"id": {"S": "1"}}"#.utf8))
        let table = "keySchema: [{ attributeName: id, keyType: HASH }], attributeDefinitions: [{ attributeName: id, attributeType: S }]"
        let problems = fixture.problems(
            """
            tables:
              - { tableName: seed-a, \(table), seedFile: missing.json }
              - { tableName: seed-b, \(table), seedFile: bad.json }
              - { tableName: seed-c, \(table), seedFile: wrong-key.json }
              - { tableName: seed-d, \(table), seedFile: other.json }
              - { tableName: seed-e, \(table), seedFile: shape.json }
              - { tableName: seed-f, \(table), seedFile: site }
            """
        )
        #expect(
            problems == [
                #"edgesim.yml:2:152: tables[0].seedFile: file "\#(fixture.directory)/missing.json" does not exist; it should hold the table's items in DynamoDB JSON (a relative path starts at the stack file's folder)"#,
                #"edgesim.yml:3:152: tables[1].seedFile: \#(fixture.directory)/bad.json: The seed file is not valid JSON (error at byte 2); write a list of items in DynamoDB JSON, like [{"id": {"S": "1"}}]"#,
                #"edgesim.yml:4:152: tables[2].seedFile: \#(fixture.directory)/wrong-key.json: Item 1: One or more parameter values were invalid: Type mismatch for key id expected: S actual: N; write a list of items in DynamoDB JSON, like [{"id": {"S": "1"}}]"#,
                #"edgesim.yml:5:152: tables[3].seedFile: \#(fixture.directory)/other.json: The seed file holds items for seed-e too; a table's seed file holds only its own items; write a list of items in DynamoDB JSON, like [{"id": {"S": "1"}}]"#,
                #"edgesim.yml:6:152: tables[4].seedFile: \#(fixture.directory)/shape.json: The seed file must hold a list of items, or the list under "seed-e"; write a list of items in DynamoDB JSON, like [{"id": {"S": "1"}}]"#,
                #"edgesim.yml:7:152: tables[5].seedFile: "\#(fixture.directory)/site" is a folder; name the file that holds the table's items in DynamoDB JSON"#,
            ]
        )
    }
}
