import Testing

@testable import Gateway

@Suite("Route matching (aws-behaviour §3.2)")
struct RouteTableTests {
    static let httpRoutes = [
        "GET /shows", "GET /shows/{id}", "GET /shows/featured", "ANY /shows/{id}", "GET /files/{proxy+}",
        "ANY /{proxy+}", "POST /tickets", "$default",
    ]

    static func table(_ protocolType: Gateway.Configuration.ProtocolType, _ routes: [String]) -> RouteTable {
        RouteTable(protocolType: protocolType, keys: routes.map { try! RouteKey.parse($0).get() })
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let method: String
        let path: String
        let expected: String?
        let parameters: [String: String]
        var testDescription: String { "\(method) \(path) → \(expected ?? "no route")" }
    }

    @Test(
        "HTTP API: exact route, then greedy with the method, then ANY, then $default",
        arguments: [
            Case(method: "GET", path: "/shows", expected: "GET /shows", parameters: [:]),
            Case(method: "GET", path: "/shows/featured", expected: "GET /shows/featured", parameters: [:]),
            Case(method: "GET", path: "/shows/42", expected: "GET /shows/{id}", parameters: ["id": "42"]),
            Case(method: "DELETE", path: "/shows/42", expected: "ANY /shows/{id}", parameters: ["id": "42"]),
            Case(method: "GET", path: "/files/a/b%20c.txt", expected: "GET /files/{proxy+}", parameters: ["proxy": "a/b c.txt"]),
            Case(method: "PUT", path: "/files/a", expected: "ANY /{proxy+}", parameters: ["proxy": "files/a"]),
            Case(method: "POST", path: "/tickets", expected: "POST /tickets", parameters: [:]),
            Case(method: "GET", path: "/tickets", expected: "ANY /{proxy+}", parameters: ["proxy": "tickets"]),
            // `{proxy+}` never matches the root, so `/` falls through to `$default`, which gets the full path.
            Case(method: "GET", path: "/", expected: "$default", parameters: [:]),
        ]
    )
    func httpPriority(_ testCase: Case) {
        let table = Self.table(.http, Self.httpRoutes)
        let match = table.match(method: testCase.method, segments: PercentDecoding.segments(of: testCase.path))
        #expect(match.map { Self.httpRoutes[$0.routeIndex] } == testCase.expected)
        #expect(match?.pathParameters ?? [:] == testCase.parameters)
    }

    @Test("HTTP API without $default: no route is nil (the gateway answers 404)")
    func httpMiss() {
        let table = Self.table(.http, ["GET /shows"])
        #expect(table.match(method: "POST", segments: ["shows"]) == nil)
        #expect(table.match(method: "GET", segments: ["tickets"]) == nil)
    }

    @Test(
        "REST: the most specific resource decides, and must have the method or ANY",
        arguments: [
            Case(method: "GET", path: "/shows/featured", expected: nil, parameters: [:]),
            Case(method: "POST", path: "/shows/featured", expected: "POST /shows/featured", parameters: [:]),
            Case(method: "GET", path: "/shows/7", expected: "GET /shows/{id}", parameters: ["id": "7"]),
            Case(method: "PATCH", path: "/shows", expected: nil, parameters: [:]),
            Case(method: "PATCH", path: "/other/x", expected: "ANY /{proxy+}", parameters: ["proxy": "other/x"]),
            Case(method: "GET", path: "/", expected: nil, parameters: [:]),
        ]
    )
    func restResources(_ testCase: Case) {
        let routes = ["GET /shows", "GET /shows/{id}", "POST /shows/featured", "ANY /{proxy+}"]
        let table = Self.table(.rest, routes)
        let match = table.match(method: testCase.method, segments: PercentDecoding.segments(of: testCase.path))
        #expect(match.map { routes[$0.routeIndex] } == testCase.expected)
        #expect(match?.pathParameters ?? [:] == testCase.parameters)
    }

    @Test(
        "Route keys that do not parse say why",
        arguments: [
            ("GET", RouteKeyProblem.shape),
            ("FETCH /shows", .method("FETCH")),
            ("GET shows", .relativePath),
            ("GET /{proxy+}/more", .greedyNotLast),
            ("GET /shows/{}", .parameterName("{}")),
            ("GET /a{b}", .parameterName("a{b}")),
            ("GET /{id}/{id}", .duplicateParameter),
        ]
    )
    func parseErrors(_ text: String, _ problem: RouteKeyProblem) {
        #expect(RouteKey.parse(text) == .failure(problem))
    }

    @Test("Route keys print back as AWS writes them")
    func resourcePath() throws {
        let key = try RouteKey.parse("get /shows/{id}/{rest+}").get()
        #expect(CompiledAPI.routeKeyText(key) == "GET /shows/{id}/{rest+}")
        #expect(try CompiledAPI.routeKeyText(RouteKey.parse("ANY /").get()) == "ANY /")
    }
}
