import Foundation
import NIOCore
import NIOHTTP1
import Testing

@testable import Edge

/// botocore, the library under the aws CLI and boto3, run through `python3`: it writes the requests the CLI would
/// send and reads our answers with its own REST XML parser and the CloudFront 2020-05-31 model, so a wrong element
/// name, namespace or status shows up as a missing or different field.
enum Botocore {
    static let available: Bool = (try? runBlocking(#"import botocore"#, input: Data())) != nil

    /// Reads a JSON job on stdin and prints a JSON answer: `serialize` turns operation parameters into requests,
    /// `parse` turns responses into what botocore hands a caller.
    static let script = #"""
        import json, sys, datetime
        import botocore.session, botocore.serialize, botocore.parsers
        from botocore.awsrequest import HTTPHeaders
        model = botocore.session.get_session().get_service_model("cloudfront")
        job = json.load(sys.stdin)
        out = []
        for op, params in job.get("serialize", []):
            request = botocore.serialize.create_serializer("rest-xml").serialize_to_request(params, model.operation_model(op))
            body = request["body"]
            out.append({"method": request["method"], "path": request["url_path"],
                        "query": "&".join("%s=%s" % (k, v) for k, v in request["query_string"].items()),
                        "body": body.decode() if isinstance(body, bytes) else body})
        for op, status, headers, body in job.get("parse", []):
            parser = botocore.parsers.create_parser("rest-xml")
            response = {"status_code": status, "headers": HTTPHeaders.from_dict(headers), "body": body.encode()}
            parsed = parser.parse(response, model.operation_model(op).output_shape)
            parsed.pop("ResponseMetadata", None)
            out.append(parsed)
        json.dump(out, sys.stdout, default=lambda value: value.isoformat() if isinstance(value, datetime.datetime) else str(value))
        """#

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Python runs on a thread of its own, so that waiting for it never holds a cooperative thread.
    static func run(_ program: String, input: Data) async throws -> Data {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try runBlocking(program, input: input) })
            }
        }
    }

    private static func runBlocking(_ program: String, input: Data) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", program]
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure(description: String(decoding: errors, as: UTF8.self)) }
        return output
    }

    static func job(_ job: [String: Any]) async throws -> [Any] {
        let output = try await run(script, input: try JSONSerialization.data(withJSONObject: job))
        return try #require(try JSONSerialization.jsonObject(with: output) as? [Any])
    }
}

/// A value at a path of keys and indexes in botocore's parsed output.
func field(_ value: Any?, _ path: Any...) -> Any? {
    var current = value
    for step in path {
        if let key = step as? String { current = (current as? [String: Any])?[key] }
        if let index = step as? Int {
            let array = current as? [Any]
            current = array.flatMap { index < $0.count ? $0[index] : nil }
        }
    }
    return current
}

@Suite(.enabled(if: Botocore.available, "needs python3 with botocore")) struct CloudFrontAPIBotocoreTests {
    static func distribution() -> Distribution {
        Distribution(
            id: PurgeFixture.distributionID,
            aliases: ["app.edgesim.test", "localhost"],
            origins: [
                OriginDefinition(id: "site", target: .bucket("site")),
                OriginDefinition(id: "api", target: .http("http://127.0.0.1:9000"), customHeaders: ["X-From": "edge"]),
            ],
            cacheBehaviors: [
                CacheBehavior(
                    pathPattern: try! PathPattern("/api/*"),
                    targetOriginId: "api",
                    allowedMethods: .all,
                    cachePolicy: .cachingDisabled,
                    originRequestPolicy: .allViewerExceptHostHeader,
                    responseHeadersPolicy: .corsWithPreflight
                )
            ],
            defaultCacheBehavior: CacheBehavior(targetOriginId: "site"),
            customErrorResponses: [CustomErrorResponse(errorCode: 404, responsePagePath: "/index.html", responseCode: 200)]
        )
    }

    /// Sends a request botocore wrote to the API and returns `[operation, status, headers, body]` for botocore to read.
    func exchange(_ api: CloudFrontAPI, _ operation: String, _ request: Any?) async throws -> [Any] {
        let request = try #require(request as? [String: String])
        let response = await api.handle(
            method: HTTPMethod(rawValue: try #require(request["method"])),
            path: try #require(request["path"]),
            query: request["query"].flatMap { $0.isEmpty ? nil : $0 },
            headers: HTTPHeaders([("Host", "127.0.0.1:4566")]),
            body: request["body"].flatMap { $0.isEmpty ? nil : ByteBuffer(string: $0) }
        )
        let headers = Dictionary(response.headers.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        return [operation, Int(response.status.code), headers, response.bodyText]
    }

    @Test func theAWSCLIsRequestsAndBotocoresParserAgreeWithTheAPI() async throws {
        let ledger = InvalidationLedger(distributions: [Self.distribution()], caches: [EdgeCache(capacity: 1 << 16)])
        let api = CloudFrontAPI(ledger: ledger)
        let id = PurgeFixture.distributionID
        let requests = try await Botocore.job([
            "serialize": [
                [
                    "CreateInvalidation",
                    [
                        "DistributionId": id,
                        "InvalidationBatch": ["Paths": ["Quantity": 2, "Items": ["/*", "/index.html"]], "CallerReference": "cli-1"],
                    ],
                ],
                ["ListInvalidations", ["DistributionId": id, "MaxItems": "1"]],
                ["GetDistribution", ["Id": id]],
                ["ListDistributions", [String: String]()],
                ["GetInvalidation", ["DistributionId": id, "Id": "I2J0I21PCUYOIK"]],
            ]
        ])
        var responses: [[Any]] = []
        for (index, operation) in ["CreateInvalidation", "ListInvalidations", "GetDistribution", "ListDistributions", "GetInvalidation"].enumerated()
        {
            responses.append(try await exchange(api, operation, requests[index]))
        }
        let parsed = try await Botocore.job(["parse": responses])

        let created = parsed[0]
        let invalidationID = try #require(field(created, "Invalidation", "Id") as? String)
        #expect(field(created, "Location") as? String == "http://127.0.0.1:4566/2020-05-31/distribution/\(id)/invalidation/\(invalidationID)")
        #expect(field(created, "Invalidation", "Status") as? String == "InProgress")
        #expect((field(created, "Invalidation", "CreateTime") as? String)?.hasSuffix("+00:00") == true)
        #expect(field(created, "Invalidation", "InvalidationBatch", "Paths", "Quantity") as? Int == 2)
        #expect(field(created, "Invalidation", "InvalidationBatch", "Paths", "Items") as? [String] == ["/*", "/index.html"])
        #expect(field(created, "Invalidation", "InvalidationBatch", "CallerReference") as? String == "cli-1")

        let list = parsed[1]
        #expect(field(list, "InvalidationList", "Quantity") as? Int == 1)
        #expect(field(list, "InvalidationList", "MaxItems") as? Int == 1)
        #expect(field(list, "InvalidationList", "IsTruncated") as? Bool == false)
        #expect(field(list, "InvalidationList", "Items", 0, "Id") as? String == invalidationID)
        #expect(field(list, "InvalidationList", "Items", 0, "Status") as? String == "InProgress")

        let distribution = parsed[2]
        #expect((field(distribution, "ETag") as? String)?.hasPrefix("E") == true)
        #expect(field(distribution, "Distribution", "Id") as? String == id)
        #expect(field(distribution, "Distribution", "ARN") as? String == "arn:aws:cloudfront::000000000000:distribution/\(id)")
        #expect(field(distribution, "Distribution", "Status") as? String == "Deployed")
        #expect(field(distribution, "Distribution", "InProgressInvalidationBatches") as? Int == 1)
        #expect(field(distribution, "Distribution", "DomainName") as? String == Distribution.domainName(forID: id))
        let config = field(distribution, "Distribution", "DistributionConfig")
        #expect(field(config, "Aliases", "Items") as? [String] == ["app.edgesim.test", "localhost"])
        #expect(field(config, "DefaultRootObject") as? String == "index.html")
        #expect(field(config, "Origins", "Quantity") as? Int == 2)
        #expect(field(config, "Origins", "Items", 0, "DomainName") as? String == "site.s3.us-east-1.amazonaws.com")
        #expect(field(config, "Origins", "Items", 1, "CustomOriginConfig", "HTTPPort") as? Int == 9000)
        #expect(field(config, "Origins", "Items", 1, "CustomOriginConfig", "OriginProtocolPolicy") as? String == "http-only")
        #expect(field(config, "Origins", "Items", 1, "CustomHeaders", "Items", 0, "HeaderName") as? String == "X-From")
        #expect(field(config, "DefaultCacheBehavior", "CachePolicyId") as? String == CachePolicy.cachingOptimized.id)
        #expect(field(config, "DefaultCacheBehavior", "ViewerProtocolPolicy") as? String == "redirect-to-https")
        #expect(field(config, "DefaultCacheBehavior", "AllowedMethods", "Items") as? [String] == ["GET", "HEAD"])
        #expect(field(config, "CacheBehaviors", "Items", 0, "PathPattern") as? String == "/api/*")
        #expect(field(config, "CacheBehaviors", "Items", 0, "AllowedMethods", "Quantity") as? Int == 7)
        #expect(field(config, "CacheBehaviors", "Items", 0, "OriginRequestPolicyId") as? String == OriginRequestPolicy.allViewerExceptHostHeader.id)
        #expect(field(config, "CacheBehaviors", "Items", 0, "ResponseHeadersPolicyId") as? String == ResponseHeadersPolicy.corsWithPreflight.id)
        #expect(field(config, "CustomErrorResponses", "Items", 0, "ErrorCode") as? Int == 404)
        #expect(field(config, "CustomErrorResponses", "Items", 0, "ResponseCode") as? String == "200")
        #expect(field(config, "Enabled") as? Bool == true)

        let distributions = parsed[3]
        #expect(field(distributions, "DistributionList", "Quantity") as? Int == 1)
        #expect(field(distributions, "DistributionList", "Items", 0, "Id") as? String == id)
        #expect(field(distributions, "DistributionList", "Items", 0, "Aliases", "Quantity") as? Int == 2)
        #expect(field(distributions, "DistributionList", "Items", 0, "DefaultCacheBehavior", "TargetOriginId") as? String == "site")

        let missing = parsed[4]
        #expect(field(missing, "Error", "Code") as? String == "NoSuchInvalidation")
        #expect(field(missing, "Error", "Type") as? String == "Sender")
        #expect(field(missing, "Error", "Message") as? String == "The specified invalidation does not exist.")
    }
}
