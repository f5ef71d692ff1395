import Foundation
import NIOConcurrencyHelpers
import NIOHTTP1
import Testing

@testable import Gateway

/// Reports reads as a read-through cache would: a key read before and not written since is a hit.
final class ReadCachedBackend: TableBackend {
    let table = InMemoryTableBackend()
    private let cached = NIOLockedValueBox<Set<String>>([])
    private let reads = NIOLockedValueBox(0)

    var backendReads: Int { reads.withLockedValue { $0 } }

    func getItem(table name: String, key: TableKey) async throws -> TableItemRead {
        reads.withLockedValue { $0 += 1 }
        let hit = cached.withLockedValue { !$0.insert(name + "/" + key.value).inserted }
        var read = try await table.getItem(table: name, key: key)
        read.cacheStatus = hit ? .hit : .miss
        return read
    }

    func createItem(table name: String, key: TableKey, item: [String: JSONValue]) async throws -> Bool {
        try await table.createItem(table: name, key: key, item: item)
    }

    func putItem(table name: String, key: TableKey, item: [String: JSONValue]) async throws {
        cached.withLockedValue { _ = $0.remove(name + "/" + key.value) }
        try await table.putItem(table: name, key: key, item: item)
    }

    func updateItem(table name: String, key: TableKey, merging attributes: [String: JSONValue]) async throws -> [String: JSONValue]? {
        cached.withLockedValue { _ = $0.remove(name + "/" + key.value) }
        return try await table.updateItem(table: name, key: key, merging: attributes)
    }

    func deleteItem(table name: String, key: TableKey) async throws -> Bool {
        cached.withLockedValue { _ = $0.remove(name + "/" + key.value) }
        return try await table.deleteItem(table: name, key: key)
    }

    func scan(table name: String, limit: Int, nextToken: String?) async throws -> TablePage {
        reads.withLockedValue { $0 += 1 }
        return try await table.scan(table: name, limit: limit, nextToken: nextToken)
    }
}

/// A store that is down.
struct FailingBackend: TableBackend {
    struct Down: Error {}
    func getItem(table: String, key: TableKey) async throws -> TableItemRead { throw Down() }
    func createItem(table: String, key: TableKey, item: [String: JSONValue]) async throws -> Bool { throw Down() }
    func putItem(table: String, key: TableKey, item: [String: JSONValue]) async throws { throw Down() }
    func updateItem(table: String, key: TableKey, merging attributes: [String: JSONValue]) async throws -> [String: JSONValue]? { throw Down() }
    func deleteItem(table: String, key: TableKey) async throws -> Bool { throw Down() }
    func scan(table: String, limit: Int, nextToken: String?) async throws -> TablePage { throw Down() }
}

@Suite("Table integration: REST over a table, plain JSON")
struct TableIntegrationTests {
    static let table = Config.Integration.table(.init(tableName: "shows", defaultPageSize: 2, maxPageSize: 3))
    static let routes = [
        "GET /api/shows", "POST /api/shows", "GET /api/shows/{id}", "PUT /api/shows/{id}", "PATCH /api/shows/{id}", "DELETE /api/shows/{id}",
    ]
    .map { Config.Route(routeKey: $0, integration: table) }

    static func gateway(_ backend: any TableBackend) throws -> Gateway {
        try Gateway(configuration: Config(apis: [showsAPI(routes: routes)]), tableBackend: backend)
    }

    @Test("POST creates with a generated id (201, Location), GET reads it back")
    func createAndRead() async throws {
        let gateway = try Self.gateway(InMemoryTableBackend())
        let created = await gateway.handle(.to(.POST, "/api/shows", body: #"{"title":"Hamlet","seats":120}"#))
        #expect(created.status == .created)
        #expect(created.headers["content-type"] == ["application/json"])
        let item = try #require(created.json?.objectValue)
        let id = try #require(item["id"]?.stringValue)
        #expect(UUID(uuidString: id) != nil)
        #expect(item["title"] == "Hamlet" && item["seats"] == 120)
        #expect(created.headers["location"] == ["/api/shows/\(id)"])
        let read = await gateway.handle(.to(.GET, "/api/shows/\(id)"))
        #expect(read.status == .ok)
        #expect(read.json == created.json)
        #expect(read.bodyText == #"{"id":"\#(id)","seats":120,"title":"Hamlet"}"#)
    }

    @Test(
        "Client mistakes get 4xx with a message",
        arguments: [
            (HTTPMethod.POST, "/api/shows", "not json", HTTPResponseStatus.badRequest),
            (.POST, "/api/shows", "[1]", .badRequest),
            (.POST, "/api/shows", #"{"id":"1"}"#, .conflict),
            (.POST, "/api/shows", #"{"id":{"no":1}}"#, .badRequest),
            (.GET, "/api/shows/404", "", .notFound),
            (.PATCH, "/api/shows/404", "{}", .notFound),
            (.DELETE, "/api/shows/404", "", .notFound),
            (.PUT, "/api/shows/1", "x", .badRequest),
            (.GET, "/api/shows?limit=0", "", .badRequest),
            (.GET, "/api/shows?limit=two", "", .badRequest),
            (.GET, "/api/shows?nextToken=%25%25", "", .badRequest),
        ]
    )
    func clientErrors(_ method: HTTPMethod, _ target: String, _ body: String, _ status: HTTPResponseStatus) async throws {
        let gateway = try Self.gateway(InMemoryTableBackend(seed: ["shows": [["id": "1", "title": "Hamlet"]]]))
        let response = await gateway.handle(.to(method, target, body: body.isEmpty ? nil : body))
        #expect(response.status == status)
        #expect(response.json?.objectValue?["message"]?.stringValue?.isEmpty == false)
    }

    @Test("PUT replaces (the path names the item), PATCH merges, DELETE removes")
    func writes() async throws {
        let gateway = try Self.gateway(InMemoryTableBackend(seed: ["shows": [["id": "1", "title": "Hamlet", "seats": 100]]]))
        let put = await gateway.handle(.to(.PUT, "/api/shows/1", body: #"{"id":"9","title":"Macbeth"}"#))
        #expect(put.status == .ok)
        #expect(put.bodyText == #"{"id":"1","title":"Macbeth"}"#)
        let patch = await gateway.handle(.to(.PATCH, "/api/shows/1", body: #"{"seats":80,"id":"x"}"#))
        #expect(patch.bodyText == #"{"id":"1","seats":80,"title":"Macbeth"}"#)
        let delete = await gateway.handle(.to(.DELETE, "/api/shows/1"))
        #expect(delete.status == .noContent)
        #expect(delete.body.readableBytes == 0)
        #expect(await gateway.handle(.to(.GET, "/api/shows/1")).status == .notFound)
    }

    @Test("GET pages through the collection with limit and nextToken, clamped to the maximum page")
    func paging() async throws {
        let items: [[String: JSONValue]] = (1...5).map { ["id": .string("s\($0)")] }
        let gateway = try Self.gateway(InMemoryTableBackend(seed: ["shows": items]))
        var ids: [String] = []
        var target = "/api/shows"
        var pages = 0
        while true {
            let page = try #require(await gateway.handle(.to(.GET, target)).json?.objectValue)
            let pageIDs = page["items"]?.arrayValue?.compactMap { $0.objectValue?["id"]?.stringValue } ?? []
            #expect(pageIDs.count <= 2)
            ids += pageIDs
            pages += 1
            guard let next = page["nextToken"]?.stringValue else { break }
            target = "/api/shows?nextToken=\(next)"
        }
        #expect(ids == ["s1", "s2", "s3", "s4", "s5"])
        #expect(pages == 3)
        let big = await gateway.handle(.to(.GET, "/api/shows?limit=100"))
        #expect(big.json?.objectValue?["items"]?.arrayValue?.count == 3)
    }

    @Test("Reads say X-EdgeSim-Read-Cache when the backend reports it; writes invalidate")
    func readCacheHeader() async throws {
        let backend = ReadCachedBackend()
        let gateway = try Self.gateway(backend)
        #expect(await gateway.handle(.to(.PUT, "/api/shows/1", body: #"{"title":"Hamlet"}"#)).status == .ok)
        let first = await gateway.handle(.to(.GET, "/api/shows/1"))
        #expect(first.headers[TableIntegration.readCacheHeader] == ["miss"])
        let second = await gateway.handle(.to(.GET, "/api/shows/1"))
        #expect(second.headers[TableIntegration.readCacheHeader] == ["hit"])
        #expect(await gateway.handle(.to(.PATCH, "/api/shows/1", body: #"{"seats":1}"#)).status == .ok)
        let third = await gateway.handle(.to(.GET, "/api/shows/1"))
        #expect(third.headers[TableIntegration.readCacheHeader] == ["miss"])
        #expect(third.json?.objectValue?["seats"] == 1)
        let inMemory = try await Self.gateway(InMemoryTableBackend()).handle(.to(.GET, "/api/shows"))
        #expect(inMemory.headers[TableIntegration.readCacheHeader].isEmpty)
    }

    @Test("A failing store is 500 Internal server error")
    func storeDown() async throws {
        let response = await (try Self.gateway(FailingBackend())).handle(.to(.GET, "/api/shows/1"))
        #expect(response.status == .internalServerError)
        #expect(response.bodyText == #"{"message":"Internal server error"}"#)
    }

    @Test("Seed files load JSON arrays; a bad one says which file and why")
    func seedFiles() async throws {
        let directory = try TemporaryDirectory()
        let good = try directory.file("shows.json", #"[{"id":"1","title":"Hamlet"},{"id":2,"title":"Lear"}]"#)
        let bad = try directory.file("bad.json", #"[{"title":"no id"}]"#)
        let backend = InMemoryTableBackend()
        try backend.load(seedFile: good, into: "shows")
        #expect(try await backend.getItem(table: "shows", key: .init(attributeName: "id", value: "2")).item?["title"] == "Lear")
        #expect {
            try backend.load(seedFile: bad, into: "shows")
        } throws: { error in
            String(describing: error).contains(bad)
        }
    }
}
