import NIOCore
import NIOHTTP1
import Testing

@testable import Gateway

@Suite("Unknown routes, identity headers, payload limit, stages and domains (aws-behaviour §3.1-§3.3, §3.9)")
struct GatewayRoutingTests {
    static let routes = [mockRoute("GET /api/shows"), mockRoute("GET /api/shows/{id}", body: #"{"show":1}"#)]

    @Test("An HTTP API answers an unknown route 404 Not Found, without x-amzn-ErrorType, with apigw-requestid")
    func httpUnknownRoute() async throws {
        let gateway = try Gateway(configuration: Config(apis: [showsAPI(.http, routes: Self.routes)]))
        for request in [APIRequest.to(.GET, "/api/tickets"), .to(.POST, "/api/shows")] {
            let response = await gateway.handle(request)
            #expect(response.status == .notFound)
            #expect(response.bodyText == #"{"message":"Not Found"}"#)
            #expect(response.headers["content-type"] == ["application/json"])
            #expect(response.headers["x-amzn-ErrorType"].isEmpty)
            let requestID = try #require(response.headers.first(name: "apigw-requestid"))
            #expect(requestID.count == 16 && requestID.hasSuffix("="))
            #expect(response.headers["x-amzn-RequestId"].isEmpty)
        }
    }

    @Test("A REST API answers an unknown path or method 403 Missing Authentication Token with its error type")
    func restUnknownRoute() async throws {
        let gateway = try Gateway(configuration: Config(apis: [showsAPI(.rest, routes: Self.routes)]))
        for request in [APIRequest.to(.GET, "/api/tickets"), .to(.DELETE, "/api/shows/1")] {
            let response = await gateway.handle(request)
            #expect(response.status == .forbidden)
            #expect(response.bodyText == #"{"message":"Missing Authentication Token"}"#)
            #expect(response.headers["x-amzn-ErrorType"] == ["MissingAuthenticationTokenException"])
            #expect(response.headers["content-type"] == ["application/json"])
            let requestID = try #require(response.headers.first(name: "x-amzn-RequestId"))
            #expect(requestID.count == 36)
            #expect(response.headers.first(name: "x-amz-apigw-id")?.count == 16)
            #expect(response.headers.first(name: "X-Amzn-Trace-Id")?.hasPrefix("Root=1-") == true)
            #expect(response.headers["apigw-requestid"].isEmpty)
        }
    }

    @Test("REST gateway responses can change a type's status and add headers; the body keeps its message")
    func gatewayResponseOverride() async throws {
        let overrides: [Config.GatewayResponseType: Config.GatewayResponseOverride] = [
            .missingAuthenticationToken: .init(statusCode: 404, responseParameters: ["X-Why": "no route"]),
            .default5XX: .init(responseParameters: ["X-Five": "yes"]),
        ]
        let api = showsAPI(.rest, routes: Self.routes, gatewayResponses: overrides)
        let gateway = try Gateway(configuration: Config(apis: [api]))
        let response = await gateway.handle(.to(.GET, "/api/none"))
        #expect(response.status == .notFound)
        #expect(response.headers["X-Why"] == ["no route"])
        #expect(response.headers["X-Five"].isEmpty)
        #expect(response.bodyText == #"{"message":"Missing Authentication Token"}"#)
        let error = GatewayError.integrationTimeout.response(protocolType: .rest, overrides: overrides)
        #expect(error.status == .gatewayTimeout)
        #expect(error.headers["X-Five"] == ["yes"])
        #expect(GatewayError.integrationTimeout.response(protocolType: .http, overrides: overrides).headers["X-Five"].isEmpty)
    }

    @Test("A matched route runs its integration and carries the identity header")
    func matchedRoute() async throws {
        let gateway = try Gateway(configuration: Config(apis: [showsAPI(.http, routes: Self.routes)]))
        let response = await gateway.handle(.to(.GET, "/api/shows/9"))
        #expect(response.status == .ok)
        #expect(response.bodyText == #"{"show":1}"#)
        #expect(response.headers.first(name: "apigw-requestid") != nil)
        let other = await gateway.handle(.to(.GET, "/api/shows/9"))
        #expect(other.headers.first(name: "apigw-requestid") != response.headers.first(name: "apigw-requestid"))
    }

    @Test("Bodies over the payload limit get 413", arguments: [Config.ProtocolType.http, .rest])
    func payloadLimit(_ protocolType: Config.ProtocolType) async throws {
        let gateway = try Gateway(configuration: Config(apis: [showsAPI(protocolType, routes: [mockRoute("POST /api/shows")])], payloadLimit: 16))
        let small = await gateway.handle(.to(.POST, "/api/shows", body: String(repeating: "a", count: 16)))
        #expect(small.status == .ok)
        let large = await gateway.handle(.to(.POST, "/api/shows", body: String(repeating: "a", count: 17)))
        #expect(large.status == .payloadTooLarge)
        #expect(large.bodyText == #"{"message":"Request Too Long"}"#)
    }

    @Test("The default payload limit is 10 MB")
    func defaultPayloadLimit() {
        #expect(Config().payloadLimit == 10_485_760)
    }

    @Test("Custom domain: the longest base path picks the API stage and is taken off the path")
    func basePathMappings() async throws {
        let v1 = Config.Stage(stageName: "v1")
        let v2 = Config.Stage(stageName: "v2")
        let api = showsAPI(.http, routes: [mockRoute("GET /", body: "root"), mockRoute("GET /{id}", body: "item")], stages: [v1, v2])
        let domain = Config.DomainName(
            domainName: "api.edgesim.test",
            basePathMappings: [
                .init(basePath: "shows/v1", apiName: "shows", stage: "v1"),
                .init(basePath: "shows", apiName: "shows", stage: "v2"),
            ]
        )
        let gateway = try Gateway(configuration: Config(apis: [api], domainNames: [domain]))
        #expect(gateway.mapping(host: "API.edgesim.test:8443", path: "/shows/v1/7") == .init(apiName: "shows", stage: "v1", path: "/7"))
        #expect(gateway.mapping(host: "api.edgesim.test", path: "/shows/7") == .init(apiName: "shows", stage: "v2", path: "/7"))
        #expect(gateway.mapping(host: "api.edgesim.test", path: "/shows/v1") == .init(apiName: "shows", stage: "v1", path: "/"))
        #expect(gateway.mapping(host: "api.edgesim.test", path: "/tickets") == nil)
        #expect(gateway.mapping(host: "other.test", path: "/shows") == nil)

        var request = APIRequest(method: .GET, rawPath: "/shows/v1/7", host: "api.edgesim.test", arrival: .customDomain)
        #expect(await gateway.handle(request).bodyText == "item")
        request.rawPath = "/shows/v1"
        #expect(await gateway.handle(request).bodyText == "root")
        request.rawPath = "/tickets"
        let unmapped = await gateway.handle(request)
        #expect(unmapped.status == .forbidden)
        #expect(unmapped.bodyText == #"{"message":"Forbidden"}"#)
        #expect(unmapped.headers["x-amzn-ErrorType"] == ["ForbiddenException"])
    }

    @Test("Execute-API endpoint: an HTTP API takes a named stage first, else $default with the full path")
    func httpStageSelection() async throws {
        let api = showsAPI(
            .http,
            routes: [mockRoute("GET /prod/x", body: "default-stage"), mockRoute("GET /x", body: "named-stage")],
            stages: [Config.Stage(stageName: "$default"), Config.Stage(stageName: "prod")]
        )
        let gateway = try Gateway(configuration: Config(apis: [api]))
        func get(_ path: String) async -> APIResponse {
            await gateway.handle(
                APIRequest(method: .GET, rawPath: path, host: "abc.execute-api.test", arrival: .executeAPIEndpoint(apiName: "shows"))
            )
        }
        #expect(await get("/prod/x").bodyText == "named-stage")
        let noStage = try Gateway(configuration: Config(apis: [showsAPI(.http, routes: Self.routes, stages: [Config.Stage(stageName: "prod")])]))
        let response = await noStage.handle(APIRequest(method: .GET, rawPath: "/beta/x", host: "h", arrival: .executeAPIEndpoint(apiName: "shows")))
        #expect(response.status == .notFound)
        #expect(response.bodyText == #"{"message":"Not Found"}"#)
    }

    @Test("Execute-API endpoint: a REST request without a known stage is Missing Authentication Token")
    func restStageSelection() async throws {
        let api = showsAPI(.rest, routes: [mockRoute("GET /x", body: "x")], stages: [Config.Stage(stageName: "prod")])
        let gateway = try Gateway(configuration: Config(apis: [api]))
        for (path, status) in [("/prod/x", HTTPResponseStatus.ok), ("/prod", .forbidden), ("/x", .forbidden)] {
            let response = await gateway.handle(APIRequest(method: .GET, rawPath: path, host: "h", arrival: .executeAPIEndpoint(apiName: "shows")))
            #expect(response.status == status, "\(path)")
            if status == .forbidden {
                #expect(response.bodyText == #"{"message":"Missing Authentication Token"}"#)
            }
        }
    }

    @Test("A configuration with errors does not start, and says where")
    func invalidConfiguration() {
        let api = showsAPI(.http, routes: [mockRoute("GET /{proxy+}/x")])
        #expect {
            _ = try Gateway(configuration: Config(apis: [api]))
        } throws: { error in
            (error as? Gateway.ConfigurationError)?.issues.map(\.fieldPath) == ["apis[0].routes[0].routeKey"]
        }
    }
}
