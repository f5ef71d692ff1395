import Testing

@testable import StackConfig

/// Gateway sections with mistakes, and exactly the lines `edgesim validate` prints for them.
@Suite struct GatewayProblemTests {
    static let cases: [BadStack] = [
        BadStack(
            name: "API shapes, integrations and table references",
            yaml: """
                tables:
                  - { tableName: shows, keySchema: [{ attributeName: id, keyType: HASH }], attributeDefinitions: [{ attributeName: id, attributeType: S }] }
                apis:
                  - name: shop
                    protocolType: GRAPHQL
                    corsConfiguration: {}
                    routes:
                      - routeKey: GET /shows
                        integration: { type: table, tableName: show }
                      - routeKey: GET /x
                        integration: { type: HTTP_PROXY, integrationUri: "http://a" }
                      - routeKey: GET /y
                      - integration: { type: mock }
                      - routeKey: GET /z
                        integration: { type: mock, statusCode: ok, uri: x }
                      - routeKey: GET /c
                        integration: { type: command }
                      - routeKey: GET /h
                        integration: { type: http }
                      - routeKey: GET /p
                        integration: { type: table, tableName: shows, partitionKey: showId }
                        cacheKeyParameters: [page]
                        authorizerId: abc
                      - routeKey: GET /q
                        integration: mock
                      - routeKey: GET /r
                        integration: { tableName: shows }
                  - routes: []
                """,
            expected: [
                #"edgesim.yml:5:19: apis[0].protocolType: must be one of HTTP, REST; got "GRAPHQL""#,
                #"edgesim.yml:6:5: apis[0].corsConfiguration: write the CORS settings under cors"#,
                #"edgesim.yml:9:48: apis[0].routes[0].integration.tableName: no table is named "show"; did you mean "shows"?"#,
                #"edgesim.yml:11:30: apis[0].routes[1].integration.type: must be one of mock, http, command, table; got "HTTP_PROXY"; for API Gateway's HTTP_PROXY write http"#,
                #"edgesim.yml:12:9: apis[0].routes[2].integration: is required; say what answers the route, like { type: table, tableName: shows }"#,
                #"edgesim.yml:13:9: apis[0].routes[3].routeKey: is required; the method and path it answers, like GET /api/shows/{id}, or $default"#,
                #"edgesim.yml:15:48: apis[0].routes[4].integration.statusCode: must be a whole number; got "ok""#,
                #"edgesim.yml:15:52: apis[0].routes[4].integration.uri: unknown key; expected one of type, statusCode, headers, body"#,
                #"edgesim.yml:17:22: apis[0].routes[5].integration.command: is required; list the program and its arguments, like [python3, handlers/info.py]"#,
                #"edgesim.yml:19:22: apis[0].routes[6].integration.integrationUri: is required; the URL requests go to, like http://127.0.0.1:9000"#,
                #"edgesim.yml:21:69: apis[0].routes[7].integration.partitionKey: table "shows" has partition key "id"; leave partitionKey out or write that"#,
                #"edgesim.yml:22:30: apis[0].routes[7].cacheKeyParameters[0]: "page" is not a request parameter; write method.request.querystring.NAME or method.request.header.NAME"#,
                #"edgesim.yml:23:9: apis[0].routes[7].authorizerId: name the route's JWT authorizer with authorizerName"#,
                #"edgesim.yml:25:22: apis[0].routes[8].integration: must be a mapping with a type (mock, http, command or table); got "mock""#,
                #"edgesim.yml:27:22: apis[0].routes[9].integration.type: is required; one of mock, http, command, table"#,
                #"edgesim.yml:28:5: apis[1].name: is required; stages, usage plans, domain names and origins (gateway: NAME) refer to the API by it"#,
            ]
        ),
        BadStack(
            name: "CORS, authorizers and gateway responses",
            yaml: """
                apis:
                  - name: a
                    cors:
                      allowMethods: [GET]
                      maxAge: soon
                      allowCredentials: sometimes
                    authorizers:
                      - name: jwt
                        authorizerType: REQUEST
                        jwtConfiguration:
                          issuer: https://issuer.example.test
                          jwksUri: keys.json
                          jwksFile: missing.json
                      - jwtConfiguration: { audience: [x], jwksFile: site }
                      - name: nothing
                    gatewayResponses:
                      - { responseType: DEFAULT_4XX }
                  - name: b
                    protocolType: REST
                    gatewayResponses:
                      - responseType: DEFAULT_4XX
                        statusCode: 700
                        responseParameters: { X-Origin: "'x'", gatewayresponse.header.A: b }
                        responseTemplates: {}
                      - { responseType: DEFAULT_4XX }
                      - { responseType: NOT_A_TYPE }
                """,
            expected: [
                #"edgesim.yml:4:7: apis[0].cors.allowOrigins: is required; list the origins allowed to read responses, like [https://app.edgesim.test]"#,
                #"edgesim.yml:5:15: apis[0].cors.maxAge: must be a whole number; got "soon""#,
                #"edgesim.yml:6:25: apis[0].cors.allowCredentials: must be true or false; got "sometimes""#,
                #"edgesim.yml:9:25: apis[0].authorizers[0].authorizerType: only JWT authorizers are simulated (REQUEST authorizers run Lambda functions); write JWT or leave it out"#,
                #"edgesim.yml:11:11: apis[0].authorizers[0].jwtConfiguration.audience: is required; list the aud (or client_id) values to accept"#,
                #"edgesim.yml:12:20: apis[0].authorizers[0].jwtConfiguration.jwksUri: must be an http://, https:// or file:// URL; got "keys.json" (name a file with jwksFile instead)"#,
                #"edgesim.yml:13:11: apis[0].authorizers[0].jwtConfiguration.jwksFile: give jwksUri or jwksFile, not both"#,
                #"edgesim.yml:13:21: apis[0].authorizers[0].jwtConfiguration.jwksFile: file "{dir}/missing.json" does not exist; it should hold the JSON Web Key Set (a relative path starts at the stack file's folder)"#,
                #"edgesim.yml:14:9: apis[0].authorizers[1].name: is required; routes name their authorizer by it in authorizerName"#,
                #"edgesim.yml:14:27: apis[0].authorizers[1].jwtConfiguration.issuer: is required; the iss tokens must carry, like https://cognito-idp.us-east-1.amazonaws.com/POOL_ID"#,
                #"edgesim.yml:14:54: apis[0].authorizers[1].jwtConfiguration.jwksFile: "{dir}/site" is a folder; name the file that holds the JSON Web Key Set"#,
                #"edgesim.yml:15:9: apis[0].authorizers[2].jwtConfiguration: is required; give the issuer and audience tokens must carry"#,
                #"edgesim.yml:16:5: apis[0].gatewayResponses: gateway responses are a REST API feature (an HTTP API's own errors cannot be changed); set protocolType: REST or remove them"#,
                #"edgesim.yml:22:21: apis[1].gatewayResponses[0].statusCode: must be between 100 and 599; got 700"#,
                #"edgesim.yml:23:41: apis[1].gatewayResponses[0].responseParameters.X-Origin: must be gatewayresponse.header.NAME, like gatewayresponse.header.Access-Control-Allow-Origin"#,
                #"edgesim.yml:23:74: apis[1].gatewayResponses[0].responseParameters["gatewayresponse.header.A"]: a header value is a static value in single quotes, like "'https://app.edgesim.test'" (request values are not mapped); got "b""#,
                #"edgesim.yml:24:9: apis[1].gatewayResponses[0].responseTemplates: response templates are not simulated: the body stays API Gateway's {"message": ...}; remove them"#,
                #"edgesim.yml:25:25: apis[1].gatewayResponses[1].responseType: DEFAULT_4XX is overridden above already; each responseType once"#,
                #"edgesim.yml:26:25: apis[1].gatewayResponses[2].responseType: must be one of MISSING_AUTHENTICATION_TOKEN, INVALID_API_KEY, THROTTLED, QUOTA_EXCEEDED, UNAUTHORIZED, ACCESS_DENIED, REQUEST_TOO_LARGE, INTEGRATION_TIMEOUT, INTEGRATION_FAILURE, API_CONFIGURATION_ERROR, RESOURCE_NOT_FOUND, DEFAULT_4XX, DEFAULT_5XX; got "NOT_A_TYPE""#,
            ]
        ),
        BadStack(
            name: "stages",
            yaml: """
                apis:
                  - name: a
                    stages:
                      - stageName: prod
                        variables: {}
                        stageVariables: [a]
                        defaultRouteSettings: { throttlingRateLimit: fast, throttlingBurstLimit: -1, loggingLevel: INFO }
                        routeSettings: [x]
                        cacheTtlInSeconds: 7200
                        cacheClusterSize: 2
                        canarySettings: { deploymentId: c }
                      - description: no name
                      - stageName: beta
                        routeSettings:
                          GET /x: { cachingEnabled: often }
                        canarySettings: { percentTraffic: 150 }
                  - name: b
                    stages: []
                """,
            expected: [
                #"edgesim.yml:5:9: apis[0].stages[0].variables: EdgeSim names a stage's variables stageVariables, as HTTP APIs do, for both flavours"#,
                #"edgesim.yml:6:25: apis[0].stages[0].stageVariables: must be a mapping of names to values, like { name: value }; got a list"#,
                #"edgesim.yml:7:54: apis[0].stages[0].defaultRouteSettings.throttlingRateLimit: must be a number; got "fast""#,
                #"edgesim.yml:7:82: apis[0].stages[0].defaultRouteSettings.throttlingBurstLimit: must be at least 0; got -1"#,
                #"edgesim.yml:7:86: apis[0].stages[0].defaultRouteSettings.loggingLevel: execution logs are not simulated; remove it"#,
                #"edgesim.yml:8:24: apis[0].stages[0].routeSettings: must be a mapping of route keys to settings, like "GET /api/shows": { throttlingRateLimit: 10 }; got a list"#,
                #"edgesim.yml:9:28: apis[0].stages[0].cacheTtlInSeconds: must be between 0 and 3600 seconds; got 7200"#,
                #"edgesim.yml:10:27: apis[0].stages[0].cacheClusterSize: must be one of API Gateway's cache sizes in GB: 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237; got 2"#,
                #"edgesim.yml:11:25: apis[0].stages[0].canarySettings.percentTraffic: is required; the share of requests, 0.0 to 100.0, the canary answers"#,
                #"edgesim.yml:12:9: apis[0].stages[1].stageName: is required; like $default (served at the root) or prod (served under /prod)"#,
                #"edgesim.yml:15:37: apis[0].stages[2].routeSettings["GET /x"].cachingEnabled: must be true or false; got "often""#,
                #"edgesim.yml:16:43: apis[0].stages[2].canarySettings.percentTraffic: must be between 0 and 100; got 150"#,
                #"edgesim.yml:18:13: apis[1].stages: needs at least one stage, like - stageName: $default"#,
            ]
        ),
        BadStack(
            name: "usage plans, API keys and domain names",
            yaml: """
                buckets: { site: ./site }
                distributions:
                  - aliases: [app.example.test]
                    origins: [{ id: site, bucket: site }]
                    defaultCacheBehavior: { targetOriginId: site }
                usagePlans:
                  - name: p
                    apiStages: [{ apiId: x, stage: prod }]
                    throttle: { rateLimit: 1 }
                    quota: { limit: 10, period: YEAR }
                  - apiStages: x
                apiKeys:
                  - { name: k }
                  - { value: abc, enabled: maybe }
                domainNames:
                  - domainName: APP.example.test
                    basePathMappings: [{ stage: prod }]
                  - domainName: "https://api.example.test"
                    certificateArn: arn
                """,
            expected: [
                #"edgesim.yml:8:17: usagePlans[0].apiStages[0].apiName: is required; name an API of apis:"#,
                #"edgesim.yml:8:19: usagePlans[0].apiStages[0].apiId: name the API with apiName"#,
                #"edgesim.yml:9:15: usagePlans[0].throttle.burstLimit: is required; the most requests at once"#,
                #"edgesim.yml:10:33: usagePlans[0].quota.period: must be one of DAY, WEEK, MONTH; got "YEAR""#,
                #"edgesim.yml:11:5: usagePlans[1].name: is required; name the usage plan"#,
                #"edgesim.yml:11:16: usagePlans[1].apiStages: must be a list; got "x""#,
                #"edgesim.yml:13:5: apiKeys[0].value: is required; the key clients send in x-api-key: 20 to 128 letters and digits, like the output of openssl rand -hex 20"#,
                #"edgesim.yml:14:5: apiKeys[1].name: is required; usage plans list their keys by it"#,
                #"edgesim.yml:14:28: apiKeys[1].enabled: must be true or false; got "maybe""#,
                #"edgesim.yml:16:17: domainNames[0].domainName: "APP.example.test" is an alias of distributions[0] too; a host is answered by one distribution or one API domain, so pick another name"#,
                #"edgesim.yml:17:24: domainNames[0].basePathMappings[0].apiName: is required; name an API of apis:"#,
                #"edgesim.yml:18:5: domainNames[1].basePathMappings: is required; map a base path to an API stage, like [{ apiName: spa, stage: $default }]"#,
                #"edgesim.yml:18:17: domainNames[1].domainName: "https://api.example.test" is not a host name; write one like api.edgesim.test, without scheme, port or path"#,
                #"edgesim.yml:19:5: domainNames[1].certificateArn: EdgeSim makes a certificate for every domain name from its development CA (edgesim certs); remove it"#,
            ]
        ),
        BadStack(
            name: "what the gateway itself refuses",
            yaml: """
                apis:
                  - name: a
                    cors: { allowOrigins: ["*", "https://ok.test/"], allowCredentials: true, maxAge: 90000 }
                    routes:
                      - routeKey: GET shows
                        integration: { type: mock }
                      - routeKey: GET /s
                        integration: { type: mock, statusCode: 42 }
                      - routeKey: GET /s
                        integration: { type: http, integrationUri: "ftp://x", timeoutInMillis: 40000 }
                        authorizerName: nobody
                      - routeKey: GET /t
                        integration: { type: mock }
                        authorizationScopes: [a]
                    stages:
                      - stageName: $default
                        stageVariables: { bad-name: x }
                  - name: a
                usagePlans:
                  - name: p
                    apiStages: [{ apiName: a, stage: prod }]
                    apiKeys: [k, ghost]
                apiKeys:
                  - { name: k, value: short }
                domainNames:
                  - domainName: api.example.test
                    basePathMappings: [{ apiName: zzz, basePath: v1 }, { apiName: a, basePath: /v1/ }]
                """,
            expected: [
                #"edgesim.yml:3:27: apis[0].cors.allowOrigins: allow-credentials is not supported if 'allow-origin' is * (API Gateway refuses this configuration); list the exact origins, as `https://app.edgesim.test`, or set allowCredentials to false"#,
                #"edgesim.yml:3:33: apis[0].cors.allowOrigins[1]: `https://ok.test/` is not an origin; browsers send scheme://host[:port] with no path or trailing slash; write it as `https://app.edgesim.test`"#,
                #"edgesim.yml:3:86: apis[0].cors.maxAge: maxAge 90000 is outside -1 to 86400 seconds; use a value from -1 to 86400"#,
                #"edgesim.yml:5:19: apis[0].routes[0].routeKey: `GET shows`: the path must start with `/`; write it as `GET /shows/{id}`"#,
                #"edgesim.yml:8:48: apis[0].routes[1].integration.statusCode: 42 is not an HTTP status; use 100 to 599"#,
                #"edgesim.yml:9:19: apis[0].routes[2].routeKey: route `GET /s` is defined twice; keep one of them"#,
                #"edgesim.yml:10:52: apis[0].routes[2].integration.integrationUri: `ftp://x` is not an http(s) URL; write it as `http://127.0.0.1:9000`"#,
                #"edgesim.yml:10:80: apis[0].routes[2].integration.timeoutInMillis: 40000 ms is outside API Gateway's 50 to 30000 ms; use a value from 50 to 30000"#,
                #"edgesim.yml:11:25: apis[0].routes[2].authorizerName: no authorizer is named `nobody`; add it under `authorizers` or remove it here"#,
                #"edgesim.yml:14:30: apis[0].routes[3].authorizationScopes: scopes need a JWT authorizer to check them; set authorizerName, or remove the scopes"#,
                #"edgesim.yml:17:37: apis[0].stages[0].stageVariables.bad-name: a stage variable name is letters, digits and `_`; rename it"#,
                #"edgesim.yml:18:11: apis[1].name: another API is named `a`; give every API its own name"#,
                #"edgesim.yml:21:17: usagePlans[0].apiStages[0]: no API `a` with stage `prod`; name an API under `apis` and one of its stages"#,
                #"edgesim.yml:22:18: usagePlans[0].apiKeys[1]: no API key is named `ghost`; add it under `apiKeys` or remove it here"#,
                #"edgesim.yml:24:23: apiKeys[0].value: an API key value is 20 to 128 letters and digits; generate one, as `openssl rand -hex 20`"#,
                #"edgesim.yml:27:24: domainNames[0].basePathMappings[0]: no API `zzz` with stage `$default`; name an API under `apis` and one of its stages"#,
                #"edgesim.yml:27:80: domainNames[0].basePathMappings[1].basePath: base path `v1` is mapped twice; keep one mapping per base path"#,
            ]
        ),
        BadStack(
            name: "values of integrations and authorizers",
            yaml: """
                apis:
                  - name: a
                    routes:
                      - routeKey: GET /a
                        integration: { type: AWS_PROXY, command: [x] }
                      - routeKey: GET /b
                        integration: { type: command, command: [x], payloadFormatVersion: "3.0", environment: { A: [1] } }
                      - routeKey: GET /c
                        integration: { type: mock, headers: [x] }
                    authorizers:
                      - name: remote
                        jwtConfiguration:
                          issuer: https://id.example.test
                          audience: app
                          jwksUri: https://id.example.test/jwks.json
                          jwksTimeoutInMillis: 0
                          insufficientScopeStatus: 500
                          jwksCacheSeconds: -1
                """,
            expected: [
                #"edgesim.yml:5:30: apis[0].routes[0].integration.type: must be one of mock, http, command, table; got "AWS_PROXY"; for API Gateway's AWS_PROXY write command"#,
                #"edgesim.yml:7:75: apis[0].routes[1].integration.payloadFormatVersion: must be one of 1.0, 2.0; got "3.0""#,
                #"edgesim.yml:7:100: apis[0].routes[1].integration.environment.A: must be a single value; got a list"#,
                #"edgesim.yml:9:45: apis[0].routes[2].integration.headers: must be a mapping of names to values, like { name: value }; got a list"#,
                #"edgesim.yml:16:32: apis[0].authorizers[0].jwtConfiguration.jwksTimeoutInMillis: must be at least 1; got 0"#,
                #"edgesim.yml:17:36: apis[0].authorizers[0].jwtConfiguration.insufficientScopeStatus: must be between 400 and 499; got 500"#,
                #"edgesim.yml:18:29: apis[0].authorizers[0].jwtConfiguration.jwksCacheSeconds: must be at least 0 seconds; got -1"#,
            ]
        ),
        BadStack(
            name: "gateway origins",
            yaml: """
                buckets: { site: ./site }
                distributions:
                  - origins:
                      - { id: site, bucket: site }
                      - { id: api, gateway: shoop }
                    defaultCacheBehavior: { targetOriginId: site }
                apis:
                  - name: shop
                  - name: admin
                """,
            expected: [
                #"edgesim.yml:5:29: distributions[0].origins[1].gateway: no API is named "shoop"; did you mean "shop"?"#
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
}
