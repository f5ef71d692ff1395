import Edge
import Foundation
import Gateway
import NIOCore
import NIOHTTP1
import Store
import Testing

@testable import StackConfig

/// The canonical SPA stack's API, tables and domain, and `edgesim.yml` writing them out.
@Suite struct CanonicalAPITests {
    @Test func theCanonicalStackServesTheAppsAPI() throws {
        let fixture = try StackFixture()
        defer { fixture.remove() }
        let stack = try Stack.canonicalSPA(folder: fixture.directory + "/site")
        let gateway = stack.gateway

        // The distribution's /api/* behaviour goes to this API.
        let distribution = try #require(stack.distributions.first)
        let apiBehavior = try #require(distribution.cacheBehaviors.first)
        #expect(distribution.origins.first { $0.id == apiBehavior.targetOriginId }?.target == .gateway("spa"))

        try #require(gateway.apis.count == 1)
        let api = gateway.apis[0]
        #expect(api.name == "spa")
        #expect(api.protocolType == .http)
        #expect(api.stages.map(\.stageName) == ["$default"])
        #expect(
            api.routes.map(\.routeKey) == [
                "GET /api/shows", "GET /api/shows/{id}", "GET /api/tickets", "POST /api/tickets", "GET /api/tickets/{id}",
                "DELETE /api/tickets/{id}", "GET /api/info",
            ]
        )
        for route in api.routes.prefix(2) { expectTable(route.integration, .init(tableName: "shows")) }
        for route in api.routes.dropFirst(2).prefix(4) { expectTable(route.integration, .init(tableName: "tickets")) }
        #expect(api.routes.allSatisfy { $0.authorizerName == nil && !$0.apiKeyRequired })
        #expect(
            api.cors
                == Gateway.Configuration.CORS(
                    allowOrigins: ["https://app.edgesim.test:8443", "https://localhost:8443"],
                    allowMethods: ["GET", "POST", "DELETE"],
                    allowHeaders: ["content-type", "x-requested-with"],
                    exposeHeaders: ["x-edgesim-read-cache"],
                    maxAge: 600,
                    allowCredentials: true
                )
        )

        try #require(gateway.domainNames.count == 1)
        #expect(gateway.domainNames[0].domainName == "api.edgesim.test")
        #expect(gateway.domainNames[0].basePathMappings == [.init(basePath: "", apiName: "spa", stage: "$default")])
        #expect(gateway.validate().isEmpty)

        let key = KeySchema(partitionKey: KeyAttribute(name: "id", type: .string))
        #expect(stack.store.backend == .sqlite)
        #expect(stack.store.tables == [TableDefinition(name: "shows", keySchema: key), TableDefinition(name: "tickets", keySchema: key)])
        #expect(stack.store.seedItems.keys.sorted() == ["shows"])
    }

    @Test func theSeededShowsHaveWhatTheAppReads() throws {
        let shows = try #require(Stack.canonicalSPA(bucketPath: "/srv/site").store.seedItems["shows"])
        #expect(shows.count == 5)
        #expect(Set(shows.compactMap { $0["id"] }).count == 5)
        let iso = ISO8601DateFormatter()
        for show in shows {
            #expect(Set(show.keys) == ["id", "title", "venue", "date", "priceCents", "seatsLeft"])
            guard case .string(let date)? = show["date"], case .number(let price)? = show["priceCents"], case .string(let title)? = show["title"]
            else {
                Issue.record("\(show) lacks a date, a price or a title")
                continue
            }
            #expect(iso.date(from: date) != nil, "\(date) is not an ISO 8601 date")
            #expect(price > DynamoNumber(0))
            #expect(!title.isEmpty)
        }
    }

    @Test(arguments: [
        (8443, ["https://app.edgesim.test:8443", "https://localhost:8443"]), (443, ["https://app.edgesim.test", "https://localhost"]),
    ])
    func corsAllowsTheAppOnTheHTTPSPort(httpsPort: Int, origins: [String]) throws {
        let fixture = try StackFixture()
        defer { fixture.remove() }
        let stack = try Stack.canonicalSPA(folder: fixture.directory + "/site", httpsPort: httpsPort)
        #expect(stack.gateway.apis.first?.cors?.allowOrigins == origins)
        guard case .mock(let info)? = stack.gateway.apis.first?.routes.last?.integration else {
            Issue.record("GET /api/info is not a mock")
            return
        }
        let body = try #require(try JSONSerialization.jsonObject(with: Data(info.body.utf8)) as? [String: Any])
        #expect(body["allowOrigins"] as? [String] == origins)
    }

    @Test func apiInfoDescribesTheAPI() async throws {
        let stack = Stack.canonicalSPA(bucketPath: "/srv/site")
        let gateway = try Gateway(configuration: stack.gateway)
        let response = await gateway.handle(
            APIRequest(
                method: .GET,
                rawPath: "/api/info",
                rawQuery: "",
                headers: ["origin": "https://app.edgesim.test:8443"],
                body: ByteBuffer(),
                sourceIP: "127.0.0.1",
                host: "api.edgesim.test",
                arrival: .customDomain
            )
        )
        #expect(response.status == .ok)
        #expect(response.headers["content-type"] == ["application/json"])
        #expect(response.headers["access-control-allow-origin"] == ["https://app.edgesim.test:8443"])
        #expect(response.headers["access-control-allow-credentials"] == ["true"])
        let body = try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any])
        #expect(body["api"] as? String == "spa")
        #expect(body["stage"] as? String == "$default")
        #expect(body["domainName"] as? String == "api.edgesim.test")
        #expect(body["routes"] as? [String] == stack.gateway.apis.first?.routes.map(\.routeKey))
        #expect(body["tables"] as? [String] == ["shows", "tickets"])
    }

    @Test func theExampleStackFileHasTheCanonicalAPITablesAndDomain() throws {
        let file = repositoryRoot.appendingPathComponent("edgesim.yml").path
        let stack = try StackLoader.load(path: file)
        let canonical = Stack.canonicalSPA(bucketPath: repositoryRoot.appendingPathComponent("site").path)

        #expect(stack.distributions.first?.origins == canonical.distributions.first?.origins)
        try #require(stack.gateway.apis.count == 1 && canonical.gateway.apis.count == 1)
        let api = stack.gateway.apis[0]
        let expected = canonical.gateway.apis[0]
        #expect(api.name == expected.name)
        #expect(api.protocolType == expected.protocolType)
        #expect(api.cors == expected.cors)
        #expect(api.stages.map(\.stageName) == expected.stages.map(\.stageName))
        #expect(api.authorizers.isEmpty && api.gatewayResponses.isEmpty)
        #expect(api.routes.map(\.routeKey) == expected.routes.map(\.routeKey))
        for (route, expectedRoute) in zip(api.routes, expected.routes) {
            switch (route.integration, expectedRoute.integration) {
            case (.table(let table), .table(let expectedTable)): #expect(table == expectedTable, "\(route.routeKey)")
            case (.mock(let mock), .mock(let expectedMock)): #expect(mock == expectedMock, "\(route.routeKey)")
            default: Issue.record("\(route.routeKey): \(route.integration) is not \(expectedRoute.integration)")
            }
        }
        #expect(stack.gateway.domainNames.map(\.domainName) == canonical.gateway.domainNames.map(\.domainName))
        #expect(stack.gateway.domainNames.map(\.basePathMappings) == canonical.gateway.domainNames.map(\.basePathMappings))
        #expect(stack.gateway.usagePlans.isEmpty && stack.gateway.apiKeys.isEmpty)

        #expect(stack.store == canonical.store)
        #expect(stack.warnings.isEmpty)
        #expect(stack.summary == canonical.summary)
    }
}
