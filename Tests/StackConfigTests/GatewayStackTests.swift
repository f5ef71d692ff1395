import Gateway
import Testing

@testable import StackConfig

/// `apis:`, `usagePlans:`, `apiKeys:` and `domainNames:` with every field, and the gateway configuration they load into.
@Suite struct GatewayStackTests {
    static let yaml = """
        buckets:
          site: ./site
        distributions:
          - aliases: [app.example.test]
            origins: [{ id: api, gateway: shop }]
            defaultCacheBehavior: { targetOriginId: api }
        tables:
          - tableName: products
            keySchema: [{ attributeName: sku, keyType: HASH }]
            attributeDefinitions: [{ attributeName: sku, attributeType: S }]
        apis:
          - name: shop
            description: the shop's API
            protocolType: HTTP
            cors:
              allowOrigins: ["https://app.example.test", "http://localhost:5173"]
              allowMethods: [get, POST]
              allowHeaders: [content-type]
              exposeHeaders: x-total
              maxAge: 600
              allowCredentials: true
              preflightStatus: 200
              varyOnOrigin: false
            authorizers:
              - name: local
                authorizerType: JWT
                identitySource: $request.querystring.token
                jwtConfiguration:
                  issuer: http://127.0.0.1:4566
                  audience: shop
                  jwksFile: keys/jwks.json
                  jwksCacheSeconds: 60
                  jwksTimeoutInMillis: 800
                  insufficientScopeStatus: 401
            routes:
              - routeKey: GET /products
                integration: { type: table, tableName: products, defaultPageSize: 10, maxPageSize: 100 }
                cacheKeyParameters: [method.request.querystring.page, method.request.header.Accept]
              - routeKey: PUT /products/{sku}
                integration: { type: table, tableName: products, partitionKey: sku, pathParameter: sku }
                authorizerName: local
                authorizationScopes: [products:write]
              - routeKey: ANY /legacy/{proxy+}
                integration:
                  type: http
                  integrationUri: http://${stageVariables.legacy}/{proxy}
                  integrationMethod: post
                  timeoutInMillis: 5000
                apiKeyRequired: true
              - routeKey: POST /checkout
                integration:
                  type: command
                  command: [./bin/checkout, --fast]
                  payloadFormatVersion: "1.0"
                  timeoutInMillis: 2000
                  environment: { MODE: test, RETRIES: 3 }
                  workingDirectory: work
              - routeKey: GET /health
                integration:
                  type: mock
                  statusCode: 203
                  headers: { content-type: application/json }
                  body: { ok: true, checks: [db, 2, -1.5e3, null, "007"], note: "a \\"quote\\"" }
              - routeKey: $default
                integration: { type: mock, body: nothing here }
            stages:
              - stageName: $default
                description: production
                stageVariables: { legacy: "127.0.0.1:9000" }
                defaultRouteSettings: { throttlingBurstLimit: 20, throttlingRateLimit: 10.5 }
                routeSettings:
                  GET /products: { cachingEnabled: true, cacheTtlInSeconds: 60, throttlingRateLimit: 2, throttlingBurstLimit: 4 }
                cacheClusterEnabled: true
                cacheTtlInSeconds: 120
                cacheClusterSize: 1.6
                requireAuthorizationForCacheControl: true
                canarySettings:
                  deploymentId: next
                  percentTraffic: 12.5
                  stageVariableOverrides: { legacy: "127.0.0.1:9001" }
                  useStageCache: true
              - stageName: beta
        usagePlans:
          - name: partners
            description: for partners
            apiStages: [{ apiName: shop, stage: $default }]
            throttle: { rateLimit: 5, burstLimit: 10 }
            quota: { limit: 1000, period: WEEK, offset: 10 }
            apiKeys: [acme]
        apiKeys:
          - name: acme
            description: ACME Corp
            value: 0123456789abcdefABCDEF
            enabled: false
        domainNames:
          - domainName: api.example.test
            basePathMappings:
              - { basePath: "(none)", apiName: shop }
              - { basePath: /shop/v1/, apiName: shop, stage: beta }
        """

    @Test func everyFieldLoadsIntoTheGatewayConfiguration() throws {
        let fixture = try StackFixture(folders: ["site", "keys", "bin", "work"])
        defer { fixture.remove() }
        _ = try fixture.write("keys/jwks.json", Array(#"{"keys": []}"#.utf8))
        let stack = try fixture.load(Self.yaml)
        let gateway = stack.gateway

        try #require(gateway.apis.count == 1)
        let api = gateway.apis[0]
        #expect(api.name == "shop")
        #expect(api.protocolType == .http)
        #expect(
            api.cors
                == Gateway.Configuration.CORS(
                    allowOrigins: ["https://app.example.test", "http://localhost:5173"],
                    allowMethods: ["GET", "POST"],
                    allowHeaders: ["content-type"],
                    exposeHeaders: ["x-total"],
                    maxAge: 600,
                    allowCredentials: true,
                    preflightStatus: 200,
                    varyOnOrigin: false
                )
        )

        try #require(api.authorizers.count == 1)
        #expect(api.authorizers[0].name == "local")
        #expect(api.authorizers[0].identitySource == ["$request.querystring.token"])
        #expect(
            api.authorizers[0].jwtConfiguration
                == Gateway.Configuration.JWTConfiguration(
                    issuer: "http://127.0.0.1:4566",
                    audience: ["shop"],
                    jwksUri: fixture.directory + "/keys/jwks.json",
                    jwksCacheSeconds: 60,
                    jwksTimeoutInMillis: 800,
                    insufficientScopeStatus: 401
                )
        )

        try #require(api.routes.count == 6)
        let list = api.routes[0]
        #expect(list.routeKey == "GET /products")
        expectTable(list.integration, .init(tableName: "products", partitionKey: "sku", defaultPageSize: 10, maxPageSize: 100))
        #expect(list.cacheKeyParameters == ["method.request.querystring.page", "method.request.header.Accept"])
        #expect(list.authorizerName == nil && list.authorizationScopes.isEmpty && !list.apiKeyRequired)

        let put = api.routes[1]
        expectTable(put.integration, .init(tableName: "products", partitionKey: "sku", pathParameter: "sku"))
        #expect(put.authorizerName == "local")
        #expect(put.authorizationScopes == ["products:write"])

        let legacy = api.routes[2]
        #expect(legacy.routeKey == "ANY /legacy/{proxy+}")
        #expect(legacy.apiKeyRequired)
        guard case .http(let proxy) = legacy.integration else {
            Issue.record("expected an http integration, got \(legacy.integration)")
            return
        }
        #expect(proxy == .init(integrationUri: "http://${stageVariables.legacy}/{proxy}", integrationMethod: "POST", timeoutInMillis: 5000))

        guard case .command(let command) = api.routes[3].integration else {
            Issue.record("expected a command integration, got \(api.routes[3].integration)")
            return
        }
        #expect(
            command
                == .init(
                    command: [fixture.directory + "/bin/checkout", "--fast"],
                    payloadFormatVersion: .v1,
                    timeoutInMillis: 2000,
                    environment: ["MODE": "test", "RETRIES": "3"],
                    workingDirectory: fixture.directory + "/work"
                )
        )

        guard case .mock(let health) = api.routes[4].integration, case .mock(let fallback) = api.routes[5].integration else {
            Issue.record("expected mock integrations, got \(api.routes[4].integration) and \(api.routes[5].integration)")
            return
        }
        #expect(health.statusCode == 203)
        #expect(health.headers == ["content-type": "application/json"])
        #expect(health.body == #"{"ok":true,"checks":["db",2,-1.5e3,null,"007"],"note":"a \"quote\""}"#)
        #expect(api.routes[5].routeKey == "$default")
        #expect(fallback == .init(statusCode: 200, headers: [:], body: "nothing here"))

        try #require(api.stages.count == 2)
        let production = api.stages[0]
        #expect(production.stageName == "$default")
        #expect(production.stageVariables == ["legacy": "127.0.0.1:9000"])
        #expect(production.defaultRouteSettings == .init(throttlingBurstLimit: 20, throttlingRateLimit: 10.5))
        #expect(
            production.routeSettings == [
                "GET /products": .init(throttlingBurstLimit: 4, throttlingRateLimit: 2, cachingEnabled: true, cacheTtlInSeconds: 60)
            ]
        )
        #expect(production.cacheClusterEnabled)
        #expect(production.cacheTtlInSeconds == 120)
        #expect(production.cacheClusterSize == 1.6)
        #expect(production.requireAuthorizationForCacheControl)
        #expect(
            production.canarySettings
                == .init(deploymentId: "next", percentTraffic: 12.5, stageVariableOverrides: ["legacy": "127.0.0.1:9001"], useStageCache: true)
        )
        // Left out: AWS's defaults.
        let beta = api.stages[1]
        #expect(beta.stageName == "beta" && beta.stageVariables.isEmpty && beta.routeSettings.isEmpty && beta.canarySettings == nil)
        #expect(!beta.cacheClusterEnabled && beta.cacheTtlInSeconds == 300 && beta.cacheClusterSize == 0.5)
        #expect(beta.defaultRouteSettings == .init())

        try #require(gateway.usagePlans.count == 1)
        let plan = gateway.usagePlans[0]
        #expect(plan.name == "partners")
        #expect(plan.apiStages == [.init(apiName: "shop", stage: "$default")])
        #expect(plan.throttle == .init(rateLimit: 5, burstLimit: 10))
        #expect(plan.quota == .init(limit: 1000, period: .week, offset: 10))
        #expect(plan.apiKeys == ["acme"])

        try #require(gateway.apiKeys.count == 1)
        #expect(gateway.apiKeys[0].name == "acme" && gateway.apiKeys[0].value == "0123456789abcdefABCDEF" && !gateway.apiKeys[0].enabled)

        try #require(gateway.domainNames.count == 1)
        #expect(gateway.domainNames[0].domainName == "api.example.test")
        #expect(
            gateway.domainNames[0].basePathMappings == [
                .init(basePath: "", apiName: "shop", stage: "$default"),
                .init(basePath: "shop/v1", apiName: "shop", stage: "beta"),
            ]
        )
        // What the gateway warns of does not stop the stack: API keys are REST-only on AWS.
        #expect(
            stack.warnings.map(\.description) == [
                "edgesim.yml:49:25: apis[0].routes[2].apiKeyRequired: API keys and usage plans are REST-only on AWS; EdgeSim enforces them here anyway; use protocolType REST to match what AWS will do"
            ]
        )
        // The configuration is one the gateway accepts.
        _ = try Gateway(configuration: gateway)
    }

    @Test func aRESTAPIReadsGatewayResponsesAndDefaults() throws {
        let fixture = try StackFixture()
        defer { fixture.remove() }
        let stack = try fixture.load(
            """
            apis:
              - name: legacy
                protocolType: REST
                routes:
                  - routeKey: ANY /{proxy+}
                    integration: { type: mock }
                gatewayResponses:
                  - responseType: DEFAULT_4XX
                    statusCode: 418
                    responseParameters:
                      gatewayresponse.header.Access-Control-Allow-Origin: "'https://app.example.test'"
                  - { responseType: UNAUTHORIZED }
            """
        )
        let api = try #require(stack.gateway.apis.first)
        #expect(api.protocolType == .rest)
        #expect(api.cors == nil)
        #expect(api.stages.map(\.stageName) == ["$default"])
        #expect(
            api.gatewayResponses == [
                .default4XX: .init(statusCode: 418, responseParameters: ["Access-Control-Allow-Origin": "https://app.example.test"]),
                .unauthorized: .init(),
            ]
        )
        guard case .mock(let mock) = api.routes.first?.integration else {
            Issue.record("expected a mock integration")
            return
        }
        #expect(mock == .init())
        #expect(stack.warnings.isEmpty)
    }

    @Test func aCommandRunsInTheStackFilesFolderByDefault() throws {
        let fixture = try StackFixture()
        defer { fixture.remove() }
        let stack = try fixture.load(
            """
            apis:
              - name: fn
                routes:
                  - { routeKey: GET /a, integration: { type: command, command: python3 } }
                  - { routeKey: GET /b, integration: { type: command, command: [/usr/bin/env, node, handler.js] } }
            """
        )
        let routes = try #require(stack.gateway.apis.first?.routes)
        guard case .command(let bare) = routes[0].integration, case .command(let absolute) = routes[1].integration else {
            Issue.record("expected command integrations")
            return
        }
        #expect(bare == .init(command: ["python3"], workingDirectory: fixture.directory))
        #expect(absolute.command == ["/usr/bin/env", "node", "handler.js"])
        #expect(absolute.payloadFormatVersion == .v2)
    }

    @Test func aTableIntegrationTakesThePartitionKeyOfItsTable() throws {
        let fixture = try StackFixture()
        defer { fixture.remove() }
        let stack = try fixture.load(
            """
            tables:
              - { tableName: orders, keySchema: [{ attributeName: orderId, keyType: HASH }], attributeDefinitions: [{ attributeName: orderId, attributeType: N }] }
            apis:
              - name: orders
                routes:
                  - routeKey: GET /orders/{orderId}
                    integration: { type: table, tableName: orders }
            """
        )
        expectTable(try #require(stack.gateway.apis.first?.routes.first).integration, .init(tableName: "orders", partitionKey: "orderId"))
    }

    @Test(arguments: [
        ("1", "1"), ("-0.5", "-0.5"), ("2e10", "2e10"), ("true", "true"), ("~", "null"), ("01", "\"01\""), ("1.", "\"1.\""),
        ("\"12\"", "\"12\""), ("yes", "\"yes\""), ("back\\slash", "\"back\\\\slash\""),
    ])
    func yamlScalarsBecomeJSON(yaml: String, json: String) throws {
        let node = try #require(try StackNode.parse(yaml: "[\(yaml)]"))
        #expect(StackDecoder.jsonText(node) == "[\(json)]")
    }

    @Test func controlCharactersAreEscapedInJSON() {
        #expect(StackDecoder.jsonString("a\u{1}b\r\n\\") == #""a\u0001b\r\n\\""#)
    }
}

func expectTable(
    _ integration: Gateway.Configuration.Integration,
    _ expected: Gateway.Configuration.Table,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard case .table(let table) = integration else {
        Issue.record("expected a table integration, got \(integration)", sourceLocation: sourceLocation)
        return
    }
    #expect(table == expected, sourceLocation: sourceLocation)
}
