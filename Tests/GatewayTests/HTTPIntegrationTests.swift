import NIOHTTP1
import Testing

@testable import Gateway

@Suite("HTTP proxy integration against a real server (aws-behaviour §3.8, §3.9)")
struct HTTPIntegrationTests {
    static func withServer(_ body: (TestHTTPServer) async throws -> Void) async throws {
        let server = try await TestHTTPServer.start { request in
            if request.uri.hasSuffix("/slow") {
                try? await Task.sleep(for: .seconds(30))
                return (.ok, [], "late")
            }
            return (.accepted, [("content-type", "text/plain"), ("x-upstream", "yes")], "\(request.method.rawValue) \(request.uri) \(request.body)")
        }
        do {
            try await body(server)
        } catch {
            try await server.stop()
            throw error
        }
        try await server.stop()
    }

    static func gateway(
        _ uri: String,
        timeout: Int? = nil,
        routeKey: String = "ANY /api/{proxy+}",
        variables: [String: String] = [:]
    ) throws -> Gateway {
        let route = Config.Route(routeKey: routeKey, integration: .http(.init(integrationUri: uri, timeoutInMillis: timeout)))
        return try Gateway(
            configuration: Config(apis: [showsAPI(routes: [route], stages: [Config.Stage(stageName: "$default", stageVariables: variables)])])
        )
    }

    @Test("Path and query are carried over; status, headers and body come back")
    func proxy() async throws {
        try await Self.withServer { server in
            let gateway = try Self.gateway(server.url)
            let response = await gateway.handle(.to(.POST, "/api/shows/1?x=1&y=%20", headers: [("X-Client", "c")], body: "payload"))
            #expect(response.status == .accepted)
            #expect(response.headers["x-upstream"] == ["yes"])
            #expect(response.bodyText == "POST /api/shows/1?x=1&y=%20 payload")
            #expect(response.headers.first(name: "apigw-requestid") != nil)
            let received = try #require(server.log.last)
            #expect(received.headers["x-client"] == ["c"])
            #expect(received.headers["x-forwarded-for"] == ["203.0.113.7"])
        }
    }

    @Test("Path parameters fill the URI's placeholders; stage variables pick the target")
    func placeholdersAndStageVariables() async throws {
        try await Self.withServer { server in
            let port = String(server.port)
            let gateway = try Self.gateway("http://127.0.0.1:${stageVariables.port}/v2/{proxy}?fixed=1", variables: ["port": port])
            let response = await gateway.handle(.to(.GET, "/api/a/b c?q=2"))
            #expect(response.bodyText == "GET /v2/a/b%20c?fixed=1&q=2 ")
        }
    }

    @Test("An upstream slower than the timeout is 504 Endpoint request timed out", arguments: [Config.ProtocolType.http, .rest])
    func timeout(_ protocolType: Config.ProtocolType) async throws {
        try await Self.withServer { server in
            let route = Config.Route(routeKey: "GET /api/{proxy+}", integration: .http(.init(integrationUri: server.url, timeoutInMillis: 200)))
            let gateway = try Gateway(configuration: Config(apis: [showsAPI(protocolType, routes: [route])]))
            let started = ContinuousClock.now
            let response = await gateway.handle(.to(.GET, "/api/slow"))
            #expect(response.status == .gatewayTimeout)
            #expect(response.bodyText == #"{"message": "Endpoint request timed out"}"#)
            // Without the timeout the answer would take the upstream's 30 s; the margin absorbs a machine whose threads are all busy.
            #expect(ContinuousClock.now - started < .seconds(25))
        }
    }

    @Test("The default timeout is API Gateway's maximum: 30 s for HTTP APIs, 29 s for REST")
    func defaultTimeout() {
        #expect(Config.maximumIntegrationTimeout(.http) == 30_000)
        #expect(Config.maximumIntegrationTimeout(.rest) == 29_000)
        #expect(Config.HTTPProxy(integrationUri: "http://x").timeoutInMillis == nil)
    }

    @Test("An unreachable upstream is a gateway error, not a crash")
    func unreachable() async throws {
        // A bound socket that never listens refuses connections, and holds its port so no parallel test's server
        // can take it over (a stopped server's port can be handed straight to another test).
        let socket = try ClosedPort()
        defer { socket.close() }
        let response = await (try Self.gateway("http://127.0.0.1:\(socket.port)")).handle(.to(.GET, "/api/x"))
        #expect(response.status == .gatewayTimeout)
        #expect(response.bodyText == #"{"message": "Internal server error"}"#)
    }

    @Test(
        "Target URLs",
        arguments: [
            ("http://h:1", "/api/x", "", [String: String](), "http://h:1/api/x"),
            ("http://h:1/base/", "/api/x", "a=1", [:], "http://h:1/base/api/x?a=1"),
            ("http://h:1/items/{id}", "/api/items/5", "", ["id": "5"], "http://h:1/items/5"),
            ("http://h:1/p?k=v", "/", "a=1", [:], "http://h:1/p/?k=v&a=1"),
        ]
    )
    func targetURL(template: String, path: String, query: String, parameters: [String: String], expected: String) {
        #expect(HTTPIntegration.targetURL(template: template, path: path, rawQuery: query, pathParameters: parameters) == expected)
    }
}
