import Testing

@testable import Gateway

@Suite("Configuration validation: every problem, with its field path")
struct ValidationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let configuration: Config
        let errors: [String]
        var testDescription: String { name }
    }

    static let route = mockRoute("GET /x")

    @Test(
        "Errors name the field",
        arguments: [
            Case(name: "a valid API", configuration: Config(apis: [showsAPI(routes: [route])]), errors: []),
            Case(
                name: "route keys",
                configuration: Config(apis: [showsAPI(routes: [mockRoute("GET x"), route, route])]),
                errors: ["apis[0].routes[0].routeKey", "apis[0].routes[2].routeKey"]
            ),
            Case(
                name: "REST has no $default",
                configuration: Config(apis: [showsAPI(.rest, routes: [mockRoute("$default")])]),
                errors: ["apis[0].routes[0].routeKey"]
            ),
            Case(
                name: "unknown authorizer and scopes without one",
                configuration: Config(apis: [
                    showsAPI(routes: [
                        Config.Route(routeKey: "GET /a", integration: .mock(.init()), authorizerName: "nope"),
                        Config.Route(routeKey: "GET /b", integration: .mock(.init()), authorizationScopes: ["s"]),
                    ])
                ]),
                errors: ["apis[0].routes[0].authorizerName", "apis[0].routes[1].authorizationScopes"]
            ),
            Case(
                name: "CORS maxAge and preflight status",
                configuration: Config(apis: [showsAPI(routes: [route], cors: .init(allowOrigins: ["*"], maxAge: 90_000, preflightStatus: 301))]),
                errors: ["apis[0].cors.maxAge", "apis[0].cors.preflightStatus"]
            ),
            Case(
                name: "REST CORS is one static origin",
                configuration: Config(apis: [showsAPI(.rest, routes: [route], cors: .init(allowOrigins: ["https://a.test", "https://b.test"]))]),
                errors: ["apis[0].cors.allowOrigins"]
            ),
            Case(
                name: "stage cache TTL and canary share",
                configuration: Config(apis: [
                    showsAPI(
                        routes: [route],
                        stages: [Config.Stage(stageName: "p", cacheTtlInSeconds: 3601, canarySettings: .init(percentTraffic: 101))]
                    )
                ]),
                errors: ["apis[0].stages[0].cacheTtlInSeconds", "apis[0].stages[0].canarySettings.percentTraffic"]
            ),
            Case(
                name: "integration timeouts per flavour",
                configuration: Config(apis: [
                    showsAPI(
                        .rest,
                        routes: [Config.Route(routeKey: "GET /x", integration: .http(.init(integrationUri: "http://h", timeoutInMillis: 30_000)))]
                    )
                ]),
                errors: ["apis[0].routes[0].integration.timeoutInMillis"]
            ),
            Case(
                name: "integration targets",
                configuration: Config(apis: [
                    showsAPI(routes: [
                        Config.Route(routeKey: "GET /a", integration: .http(.init(integrationUri: "ftp://h"))),
                        Config.Route(routeKey: "GET /b", integration: .command(.init(command: []))),
                        Config.Route(routeKey: "GET /c", integration: .table(.init(tableName: ""))),
                    ])
                ]),
                errors: [
                    "apis[0].routes[0].integration.integrationUri", "apis[0].routes[1].integration.command",
                    "apis[0].routes[2].integration.tableName",
                ]
            ),
            Case(
                name: "keys and plans",
                configuration: Config(
                    apis: [showsAPI(routes: [route])],
                    usagePlans: [
                        .init(name: "a", apiStages: [.init(apiName: "shows", stage: "$default")], apiKeys: ["k", "ghost"]),
                        .init(
                            name: "b",
                            apiStages: [.init(apiName: "shows", stage: "$default"), .init(apiName: "shows", stage: "nope")],
                            apiKeys: ["k"]
                        ),
                    ],
                    apiKeys: [.init(name: "k", value: "short")]
                ),
                errors: ["apiKeys[0].value", "usagePlans[0].apiKeys[1]", "usagePlans[1].apiStages[1]", "usagePlans[1].apiKeys[0]"]
            ),
            Case(
                name: "domain mappings",
                configuration: Config(
                    apis: [showsAPI(routes: [route])],
                    domainNames: [.init(domainName: "https://api.test", basePathMappings: [.init(apiName: "shows", stage: "x")])]
                ),
                errors: ["domainNames[0].domainName", "domainNames[0].basePathMappings[0]"]
            ),
            Case(
                name: "authorizers",
                configuration: Config(apis: [
                    showsAPI(
                        routes: [route],
                        authorizers: [.init(name: "j", identitySource: ["header.Authorization"], jwtConfiguration: .init(issuer: "", audience: []))]
                    )
                ]),
                errors: [
                    "apis[0].authorizers[0].jwtConfiguration.issuer", "apis[0].authorizers[0].jwtConfiguration.audience",
                    "apis[0].authorizers[0].identitySource[0]",
                ]
            ),
        ]
    )
    func errors(_ testCase: Case) {
        let issues = testCase.configuration.validate()
        #expect(issues.filter { $0.severity == .error }.map(\.fieldPath).sorted() == testCase.errors.sorted())
        #expect(issues.allSatisfy { !$0.message.isEmpty && !$0.fix.isEmpty })
    }

    @Test("Warnings do not stop the gateway: API keys on an HTTP API, unknown route settings")
    func warnings() throws {
        let api = showsAPI(
            routes: [Config.Route(routeKey: "GET /x", integration: .mock(.init()), apiKeyRequired: true)],
            stages: [Config.Stage(stageName: "$default", routeSettings: ["GET /y": .init(throttlingBurstLimit: 1)])]
        )
        let issues = Config(apis: [api]).validate()
        #expect(issues.map(\.severity) == [.warning, .warning])
        #expect(issues.map(\.fieldPath) == ["apis[0].routes[0].apiKeyRequired", "apis[0].stages[0].routeSettings.GET /y"])
        _ = try Gateway(configuration: Config(apis: [api]))
    }

    @Test("Issues print as `severity: path: message. fix`")
    func description() {
        let issue = Gateway.ValidationIssue(severity: .error, fieldPath: "apis[0].cors", message: "bad", fix: "Fix it.")
        #expect(issue.description == "error: apis[0].cors: bad. Fix it.")
    }
}
