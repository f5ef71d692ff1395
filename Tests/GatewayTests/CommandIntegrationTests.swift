import Foundation
import NIOHTTP1
import Testing

@testable import Gateway

@Suite("Command integration: Lambda proxy without Docker (aws-behaviour §3.8)")
struct CommandIntegrationTests {
    static func gateway(
        script: String,
        format: Config.Command.PayloadFormatVersion = .v2,
        timeout: Int? = nil,
        protocolType: Config.ProtocolType = .http,
        stageVariables: [String: String] = [:]
    ) throws -> (Gateway, TemporaryDirectory) {
        let directory = try TemporaryDirectory()
        let path = try directory.script("handler", script)
        let route = Config.Route(
            routeKey: "ANY /api/shows/{id}",
            integration: .command(
                .init(
                    command: Self.interpreter(for: script) + [path],
                    payloadFormatVersion: format,
                    timeoutInMillis: timeout,
                    environment: ["SHOW_TABLE": "${stageVariables.table}"]
                )
            )
        )
        let stage = Config.Stage(stageName: protocolType == .http ? "$default" : "prod", stageVariables: stageVariables)
        let gateway = try Gateway(configuration: Config(apis: [showsAPI(protocolType, routes: [route], stages: [stage])]))
        return (gateway, directory)
    }

    /// Scripts run through their interpreter: executing a file that another test's child process may still hold
    /// open for writing fails with ETXTBSY, which says nothing about the gateway.
    static func interpreter(for script: String) -> [String] {
        script.hasPrefix("#!/usr/bin/env python3") ? ["python3"] : ["/bin/sh"]
    }

    static func respond(_ output: String) -> String {
        "#!/bin/sh\ncat > /dev/null\ncat <<'JSON'\n\(output)\nJSON\n"
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let format: Config.Command.PayloadFormatVersion
        let output: String
        let status: HTTPResponseStatus
        let headers: [(String, [String])]
        let body: String
        var testDescription: String { name }
    }

    @Test(
        "Function output becomes the response by AWS's rules",
        arguments: [
            Case(
                name: "2.0 structured",
                format: .v2,
                output: #"{"statusCode":201,"headers":{"content-type":"text/plain","x-n":7},"body":"made"}"#,
                status: .created,
                headers: [("content-type", ["text/plain"]), ("x-n", ["7"])],
                body: "made"
            ),
            Case(
                name: "2.0 without statusCode: 200, application/json, the output as body",
                format: .v2,
                output: #"{"shows": [1, 2]}"#,
                status: .ok,
                headers: [("content-type", ["application/json"])],
                body: #"{"shows": [1, 2]}"#
            ),
            Case(
                name: "2.0 a string: its text",
                format: .v2,
                output: #""Hello from Lambda!""#,
                status: .ok,
                headers: [("content-type", ["application/json"])],
                body: "Hello from Lambda!"
            ),
            Case(
                name: "2.0 cookies become set-cookie headers",
                format: .v2,
                output: #"{"statusCode":200,"cookies":["a=1; Path=/","b=2"],"body":""}"#,
                status: .ok,
                headers: [("set-cookie", ["a=1; Path=/", "b=2"])],
                body: ""
            ),
            Case(
                name: "base64 bodies are decoded",
                format: .v2,
                output: #"{"statusCode":200,"isBase64Encoded":true,"body":"aGk="}"#,
                status: .ok,
                headers: [],
                body: "hi"
            ),
            Case(
                name: "1.0 multiValueHeaders and headers merge; multi-value wins",
                format: .v1,
                output: #"{"statusCode":200,"headers":{"x-a":"single","x-b":"b"},"multiValueHeaders":{"x-a":["1","2"]},"body":"ok"}"#,
                status: .ok,
                headers: [("x-a", ["1", "2"]), ("x-b", ["b"])],
                body: "ok"
            ),
        ]
    )
    func outputs(_ testCase: Case) async throws {
        let (gateway, directory) = try Self.gateway(script: Self.respond(testCase.output), format: testCase.format)
        let response = await gateway.handle(.to(.GET, "/api/shows/1"))
        #expect(response.status == testCase.status)
        for (name, values) in testCase.headers {
            #expect(response.headers[name] == values, "\(name)")
        }
        #expect(response.bodyText == testCase.body)
        withExtendedLifetime(directory) {}
    }

    @Test(
        "Malformed output or a failing function is 502 Internal server error, spelt as the reference spells it",
        arguments: [
            (Config.Command.PayloadFormatVersion.v2, Self.respond("not json")),
            (.v2, Self.respond(#"{"statusCode":"abc"}"#)),
            (.v2, Self.respond(#"{"statusCode":200,"body":{"not":"a string"}}"#)),
            (.v2, Self.respond(#"{"statusCode":200,"isBase64Encoded":true,"body":"%%%"}"#)),
            (.v1, Self.respond(#"{"body":"no status"}"#)),
            (.v1, Self.respond(#"{"statusCode":200,"extra":1}"#)),
            (.v1, Self.respond(#"["not","an","object"]"#)),
            (.v2, "#!/bin/sh\ncat > /dev/null\necho boom >&2\nexit 3\n"),
        ]
    )
    func malformed(_ format: Config.Command.PayloadFormatVersion, _ script: String) async throws {
        for protocolType in [Config.ProtocolType.http, .rest] {
            let (gateway, directory) = try Self.gateway(script: script, format: format, protocolType: protocolType)
            let response = await gateway.handle(.to(.GET, "/api/shows/1", stage: protocolType == .http ? "$default" : "prod"))
            #expect(response.status == .badGateway)
            #expect(response.bodyText == #"{"message": "Internal server error"}"#)
            #expect(response.headers["content-type"] == ["application/json"])
            withExtendedLifetime(directory) {}
        }
    }

    @Test("A function past its timeout is 504 Endpoint request timed out, answered on time")
    func timeout() async throws {
        let (gateway, directory) = try Self.gateway(script: "#!/bin/sh\nexec sleep 30\n", timeout: 300)
        let started = ContinuousClock.now
        let response = await gateway.handle(.to(.GET, "/api/shows/1"))
        #expect(response.status == .gatewayTimeout)
        #expect(response.bodyText == #"{"message": "Endpoint request timed out"}"#)
        // Without the timeout the answer would take the function's 30 s; the margin absorbs a machine whose threads are all busy.
        #expect(ContinuousClock.now - started < .seconds(25))
        withExtendedLifetime(directory) {}
    }

    @Test("A missing executable is 502, not a crash")
    func missingExecutable() async throws {
        let route = Config.Route(routeKey: "GET /x", integration: .command(.init(command: ["/nonexistent/handler"])))
        let gateway = try Gateway(configuration: Config(apis: [showsAPI(routes: [route])]))
        #expect(await gateway.handle(.to(.GET, "/x")).status == .badGateway)
    }

    @Test("The 2.0 event on stdin: route, raw path and query, lower-cased joined headers, cookies, parameters, body")
    func eventVersion2() async throws {
        let python = """
            #!/usr/bin/env python3
            import json, os, sys
            event = json.load(sys.stdin)
            event["env"] = os.environ.get("SHOW_TABLE")
            print(json.dumps({"statusCode": 200, "body": json.dumps(event)}))
            """
        let (gateway, directory) = try Self.gateway(script: python, stageVariables: ["table": "shows-v2"])
        let request = APIRequest.to(
            .POST,
            "/api/shows/42?a=1&a=2&b=x%20y",
            headers: [("X-Trace", "one"), ("x-trace", "two"), ("Cookie", "s=1; t=2"), ("User-Agent", "tests")],
            body: #"{"title":"Hamlet"}"#
        )
        let response = await gateway.handle(request)
        #expect(response.status == .ok)
        let event = try #require(response.json?.objectValue)
        #expect(event["version"] == "2.0")
        #expect(event["routeKey"] == "ANY /api/shows/{id}")
        #expect(event["rawPath"] == "/api/shows/42")
        #expect(event["rawQueryString"] == "a=1&a=2&b=x%20y")
        #expect(event["queryStringParameters"] == ["a": "1,2", "b": "x y"])
        #expect(event["headers"]?.objectValue?["x-trace"] == "one,two")
        #expect(event["headers"]?.objectValue?["cookie"] == nil)
        #expect(event["cookies"] == ["s=1", "t=2"])
        #expect(event["pathParameters"] == ["id": "42"])
        #expect(event["stageVariables"] == ["table": "shows-v2"])
        #expect(event["body"] == #"{"title":"Hamlet"}"#)
        #expect(event["isBase64Encoded"] == false)
        #expect(event["env"] == "shows-v2")
        let context = try #require(event["requestContext"]?.objectValue)
        #expect(context["http"]?.objectValue?["method"] == "POST")
        #expect(context["http"]?.objectValue?["sourceIp"] == "203.0.113.7")
        #expect(context["http"]?.objectValue?["userAgent"] == "tests")
        #expect(context["stage"] == "$default")
        #expect(context["requestId"] == .string(response.headers.first(name: "apigw-requestid") ?? "?"))
        #expect(context["authorizer"] == nil)
        withExtendedLifetime(directory) {}
    }

    @Test("The 1.0 event: multi-value maps, null for absent collections, the REST stage in requestContext.path")
    func eventVersion1() async throws {
        let python = """
            #!/usr/bin/env python3
            import json, sys
            event = json.load(sys.stdin)
            print(json.dumps({"statusCode": 200, "body": json.dumps(event)}))
            """
        let (gateway, directory) = try Self.gateway(script: python, format: .v1, protocolType: .rest)
        let request = APIRequest.to(.GET, "/api/shows/7", stage: "prod", headers: [("authorization", "x"), ("X-Multi", "1"), ("X-Multi", "2")])
        let response = await gateway.handle(request)
        let event = try #require(response.json?.objectValue)
        #expect(event["version"] == nil)
        #expect(event["resource"] == "/api/shows/{id}")
        #expect(event["path"] == "/api/shows/7")
        #expect(event["httpMethod"] == "GET")
        #expect(event["headers"]?.objectValue?["Authorization"] == "x")
        #expect(event["multiValueHeaders"]?.objectValue?["X-Multi"] == ["1", "2"])
        #expect(event["queryStringParameters"] == .null)
        #expect(event["multiValueQueryStringParameters"] == .null)
        #expect(event["stageVariables"] == .null)
        #expect(event["body"] == .null)
        let context = try #require(event["requestContext"]?.objectValue)
        #expect(context["path"] == "/prod/api/shows/7")
        #expect(context["resourcePath"] == "/api/shows/{id}")
        #expect(context["requestId"] == .string(response.headers.first(name: "x-amzn-RequestId") ?? "?"))
        #expect(context["identity"]?.objectValue?["sourceIp"] == "203.0.113.7")
        withExtendedLifetime(directory) {}
    }

    @Test("Executables are found by path or in PATH")
    func locate() {
        #expect(ProcessRunner.locate("sh") != nil)
        #expect(ProcessRunner.locate("/bin/sh")?.path == "/bin/sh")
        #expect(ProcessRunner.locate("no-such-program-here") == nil)
        #expect(ProcessRunner.locate("/nonexistent/handler") == nil)
    }

    @Test("Binary request bodies are base64-encoded in the event")
    func binaryBody() {
        let (body, isBase64) = LambdaProxyEvent.encodedBody(.init(bytes: [0xff, 0x00, 0x10]))
        #expect(body == "/wAQ" && isBase64)
        #expect(LambdaProxyEvent.encodedBody(.init()) == (nil, false))
    }

    @Test("requestTime is `dd/Mon/yyyy:HH:mm:ss +0000`")
    func requestTime() {
        #expect(LambdaProxyEvent.requestTime(1_583_349_317) == "04/Mar/2020:19:15:17 +0000")
    }
}
