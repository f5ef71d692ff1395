import NIOHTTP1
import Testing

@testable import Gateway

@Suite("CORS (aws-behaviour §3.4)")
struct CORSTests {
    static let app = "https://app.edgesim.test"
    static let cors = Config.CORS(
        allowOrigins: [app, "http://localhost:5173"],
        allowMethods: ["GET", "POST"],
        allowHeaders: ["authorization", "content-type"],
        exposeHeaders: ["x-request-id"],
        maxAge: 300,
        allowCredentials: true
    )

    static func gateway(
        _ protocolType: Config.ProtocolType = .http,
        cors: Config.CORS? = cors,
        routes: [Config.Route] = [
            mockRoute(
                "GET /api/shows",
                headers: ["content-type": "application/json", "access-control-allow-origin": "https://backend.example", "x-request-id": "r1"]
            )
        ],
        gatewayResponses: [Config.GatewayResponseType: Config.GatewayResponseOverride] = [:]
    ) throws -> Gateway {
        try Gateway(configuration: Config(apis: [showsAPI(protocolType, routes: routes, cors: cors, gatewayResponses: gatewayResponses)]))
    }

    static func preflight(origin: String, path: String = "/api/shows") -> APIRequest {
        .to(
            .OPTIONS,
            path,
            headers: [("Origin", origin), ("Access-Control-Request-Method", "POST"), ("Access-Control-Request-Headers", "content-type")]
        )
    }

    @Test("HTTP API: the gateway answers a preflight for an allowed origin, even with no OPTIONS route")
    func preflightAllowed() async throws {
        let response = try await Self.gateway().handle(Self.preflight(origin: Self.app, path: "/api/no-such-route"))
        #expect(response.status == .noContent)
        #expect(response.headers["access-control-allow-origin"] == [Self.app])
        #expect(response.headers["access-control-allow-credentials"] == ["true"])
        #expect(response.headers["access-control-allow-methods"] == ["GET,POST"])
        #expect(response.headers["access-control-allow-headers"] == ["authorization,content-type"])
        #expect(response.headers["access-control-max-age"] == ["300"])
        #expect(response.headers["vary"] == ["Origin"])
        #expect(response.headers["access-control-expose-headers"].isEmpty)
        #expect(response.headers.first(name: "apigw-requestid") != nil)
        #expect(response.body.readableBytes == 0)
    }

    @Test("HTTP API: the preflight status and Vary are settings (UNCONFIRMED on AWS)")
    func preflightSettings() async throws {
        var cors = Self.cors
        cors.preflightStatus = 200
        cors.varyOnOrigin = false
        let response = try await Self.gateway(cors: cors).handle(Self.preflight(origin: Self.app))
        #expect(response.status == .ok)
        #expect(response.headers["vary"].isEmpty)
        #expect(response.headers["access-control-allow-origin"] == [Self.app])
    }

    @Test("HTTP API: a preflight from a foreign origin gets no CORS headers")
    func preflightForeign() async throws {
        let response = try await Self.gateway().handle(Self.preflight(origin: "https://evil.example"))
        #expect(response.status == .noContent)
        #expect(CORSPolicy.responseHeaderNames.allSatisfy { response.headers[$0].isEmpty })
        #expect(response.headers["vary"].isEmpty)
    }

    @Test("HTTP API: a matching origin is echoed as one value, the backend's CORS headers are replaced")
    func actualResponse() async throws {
        let response = try await Self.gateway().handle(.to(.GET, "/api/shows", headers: [("Origin", "http://localhost:5173")]))
        #expect(response.status == .ok)
        #expect(response.headers["access-control-allow-origin"] == ["http://localhost:5173"])
        #expect(response.headers["access-control-allow-credentials"] == ["true"])
        #expect(response.headers["access-control-expose-headers"] == ["x-request-id"])
        #expect(response.headers["vary"] == ["Origin"])
        #expect(response.headers["access-control-allow-methods"].isEmpty)
    }

    @Test("HTTP API: no CORS headers for a foreign origin or without Origin, even where the backend sent some")
    func actualResponseWithoutCORS() async throws {
        let gateway = try Self.gateway()
        for headers in [[("Origin", "https://evil.example")], []] {
            let response = await gateway.handle(.to(.GET, "/api/shows", headers: headers))
            #expect(response.status == .ok)
            #expect(CORSPolicy.responseHeaderNames.allSatisfy { response.headers[$0].isEmpty })
            #expect(response.headers["x-request-id"] == ["r1"])
        }
    }

    @Test("HTTP API: `*` answers `*`, without Vary")
    func wildcard() async throws {
        let gateway = try Self.gateway(cors: Config.CORS(allowOrigins: ["*"], allowMethods: ["*"]))
        let preflight = await gateway.handle(Self.preflight(origin: "https://anyone.example"))
        #expect(preflight.headers["access-control-allow-origin"] == ["*"])
        #expect(preflight.headers["access-control-allow-methods"] == ["*"])
        #expect(preflight.headers["vary"].isEmpty)
        let response = await gateway.handle(.to(.GET, "/api/shows", headers: [("Origin", "https://anyone.example")]))
        #expect(response.headers["access-control-allow-origin"] == ["*"])
    }

    @Test("HTTP API without CORS: an OPTIONS request is routed like any other")
    func noCORSConfiguration() async throws {
        let response = try await Self.gateway(cors: nil).handle(Self.preflight(origin: Self.app))
        #expect(response.status == .notFound)
        #expect(response.bodyText == #"{"message":"Not Found"}"#)
        let backend = try await Self.gateway(cors: nil).handle(.to(.GET, "/api/shows", headers: [("Origin", Self.app)]))
        #expect(backend.headers["access-control-allow-origin"] == ["https://backend.example"])
    }

    @Test("HTTP API: the gateway's own errors carry CORS headers for an allowed origin")
    func httpErrorsCarryCORS() async throws {
        let response = try await Self.gateway().handle(.to(.GET, "/api/nothing", headers: [("Origin", Self.app)]))
        #expect(response.status == .notFound)
        #expect(response.headers["access-control-allow-origin"] == [Self.app])
    }

    @Test("REST: gateway errors carry no CORS headers")
    func restErrorsCarryNone() async throws {
        let cors = Config.CORS(allowOrigins: [Self.app])
        let response = try await Self.gateway(.rest, cors: cors).handle(.to(.GET, "/api/nothing", headers: [("Origin", Self.app)]))
        #expect(response.status == .forbidden)
        #expect(CORSPolicy.responseHeaderNames.allSatisfy { response.headers[$0].isEmpty })
    }

    @Test("REST: a configured DEFAULT_4XX gateway response adds its headers to 4xx errors")
    func restGatewayResponses() async throws {
        let overrides: [Config.GatewayResponseType: Config.GatewayResponseOverride] = [
            .default4XX: .init(responseParameters: ["Access-Control-Allow-Origin": "*"])
        ]
        let response = try await Self.gateway(.rest, cors: nil, gatewayResponses: overrides).handle(.to(.GET, "/api/nothing"))
        #expect(response.status == .forbidden)
        #expect(response.headers["Access-Control-Allow-Origin"] == ["*"])
        #expect(response.headers["x-amzn-ErrorType"] == ["MissingAuthenticationTokenException"])
    }

    @Test("REST with CORS: OPTIONS on a defined resource is the console's static mock; elsewhere it is a miss")
    func restOptions() async throws {
        let cors = Config.CORS(allowOrigins: [Self.app])
        let routes = [mockRoute("GET /api/shows"), mockRoute("POST /api/shows"), mockRoute("GET /api/proxy", body: "p")]
        let gateway = try Self.gateway(.rest, cors: cors, routes: routes)
        let response = await gateway.handle(Self.preflight(origin: "https://evil.example"))
        #expect(response.status == .ok)
        #expect(response.headers["Access-Control-Allow-Origin"] == [Self.app])
        #expect(response.headers["Access-Control-Allow-Methods"] == ["GET,OPTIONS,POST"])
        #expect(response.headers["Access-Control-Allow-Headers"] == [CORSPolicy.restConsoleAllowHeaders])
        #expect(response.headers["vary"].isEmpty)
        let miss = await gateway.handle(Self.preflight(origin: Self.app, path: "/api/none"))
        #expect(miss.status == .forbidden)
        #expect(miss.bodyText == #"{"message":"Missing Authentication Token"}"#)
        let actual = await gateway.handle(.to(.GET, "/api/shows", headers: [("Origin", Self.app)]))
        #expect(actual.headers["Access-Control-Allow-Origin"] == [Self.app])
    }

    @Test("REST: proxy integrations return the backend's CORS headers untouched")
    func restProxyPassThrough() async throws {
        let temporary = try TemporaryDirectory()
        let script = try temporary.script(
            "cors.sh",
            """
            #!/bin/sh
            cat > /dev/null
            printf '%s' '{"statusCode":200,"headers":{"Access-Control-Allow-Origin":"https://backend.example"},"body":"ok"}'
            """
        )
        let route = Config.Route(routeKey: "GET /api/shows", integration: .command(.init(command: ["/bin/sh", script], payloadFormatVersion: .v1)))
        let gateway = try Self.gateway(.rest, cors: Config.CORS(allowOrigins: [Self.app]), routes: [route])
        let response = await gateway.handle(.to(.GET, "/api/shows", headers: [("Origin", Self.app)]))
        #expect(response.status == .ok)
        #expect(response.headers["Access-Control-Allow-Origin"] == ["https://backend.example"])
    }

    @Test("validate: `*` with credentials is an error with its field path and a fix")
    func validateWildcardWithCredentials() {
        let api = showsAPI(.http, routes: [mockRoute("GET /")], cors: Config.CORS(allowOrigins: ["*"], allowCredentials: true))
        let issues = Config(apis: [api]).validate()
        let issue = issues.first { $0.fieldPath == "apis[0].cors.allowOrigins" }
        #expect(issue?.severity == .error)
        #expect(issue?.message.contains("allow-credentials is not supported if 'allow-origin' is *") == true)
        #expect(issue?.fix.contains("https://") == true)
        #expect(throws: Gateway.ConfigurationError.self) { try Gateway(configuration: Config(apis: [api])) }
    }

    @Test("validate: origins with a path or trailing slash never match a browser's Origin")
    func validateOriginShape() {
        let api = showsAPI(.http, routes: [mockRoute("GET /")], cors: Config.CORS(allowOrigins: ["https://app.edgesim.test/", "app.edgesim.test"]))
        let paths = Config(apis: [api]).validate().filter { $0.severity == .error }.map(\.fieldPath)
        #expect(paths == ["apis[0].cors.allowOrigins[0]", "apis[0].cors.allowOrigins[1]"])
    }
}
