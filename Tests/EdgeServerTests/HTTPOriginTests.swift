import Edge
import EdgeTesting
import Foundation
import StackConfig
import Testing

/// CloudFront's custom-origin rules (aws-behaviour §1.4, §1.16, §1.17, §1.11) against a real HTTP origin on
/// loopback that records what the edge sent it, with plain-HTTP viewer requests from curl.
@Suite(.serialized) struct HTTPOriginTests {
    static let host = "origin.edgesim.test"

    /// One distribution in front of `originURL`, with a behaviour per policy combination under test.
    static func stack(originURL: String, connectionTimeout: Int = 10, readTimeout: Int = 30) throws -> Stack {
        func behavior(
            _ pattern: String,
            methods: AllowedMethods = .getHead,
            cache: CachePolicy = .cachingOptimized,
            request: OriginRequestPolicy? = nil
        ) throws -> CacheBehavior {
            CacheBehavior(
                pathPattern: try PathPattern(pattern),
                targetOriginId: "app",
                viewerProtocolPolicy: .allowAll,
                allowedMethods: methods,
                cachePolicy: cache,
                originRequestPolicy: request,
                compress: false
            )
        }
        let whitelist = CachePolicy(name: "QueryA", queryStrings: .whitelist(["a"]))
        let allExcept = CachePolicy(name: "QueryNotB", queryStrings: .allExcept(["b"]))
        let distribution = Distribution(
            id: "EHTTPORIGIN0001",
            aliases: [host],
            origins: [
                OriginDefinition(id: "app", target: .http(originURL), connectionTimeout: connectionTimeout, readTimeout: readTimeout)
            ],
            cacheBehaviors: [
                try behavior("/all-viewer/*", request: .allViewer),
                try behavior("/except-host/*", request: .allViewerExceptHostHeader),
                try behavior("/cors/*", request: .corsCustomOrigin),
                try behavior("/query-whitelist/*", cache: whitelist),
                try behavior("/query-all-except/*", cache: allExcept),
                try behavior("/api/*", methods: .all, cache: .cachingDisabled, request: .allViewerExceptHostHeader),
            ],
            defaultCacheBehavior: CacheBehavior(
                targetOriginId: "app",
                viewerProtocolPolicy: .allowAll,
                allowedMethods: .getHead,
                cachePolicy: .cachingOptimized,
                compress: false
            ),
            defaultRootObject: nil
        )
        return Stack(baseDirectory: FileManager.default.currentDirectoryPath, distributions: [distribution])
    }

    /// Starts `origin`'s edge, runs `body`, and stops both whatever happens.
    static func withEdge<Result>(
        origin: RecordingOrigin,
        originURL: String? = nil,
        connectionTimeout: Int = 10,
        readTimeout: Int = 30,
        _ body: (RunningEdge) async throws -> Result
    ) async throws -> Result {
        let stack = try stack(originURL: originURL ?? origin.url, connectionTimeout: connectionTimeout, readTimeout: readTimeout)
        do {
            let result = try await RunningEdge.with(site: try TemporaryFolder(prefix: "edgesim-origin"), stack: stack, body)
            try await origin.stop()
            return result
        } catch {
            try? await origin.stop()
            throw error
        }
    }

    /// `1.1 <32 hex>.cloudfront.net (CloudFront)`, aws-behaviour §1.1.
    static func isCloudFrontVia(_ value: String?) -> Bool {
        guard let value else { return false }
        return value.wholeMatch(of: /1\.1 [0-9a-f]{32}\.cloudfront\.net \(CloudFront\)/) != nil
    }

    /// What a browser-ish viewer sends that CloudFront must not pass on by default (§1.16).
    static let viewerHeaders = [
        "-A", "EdgeSimTest/1.0",
        "-H", "Accept-Language: fr",
        "-H", "Referer: http://example.test/page",
        "-H", "Cookie: session=abc",
        "-H", "X-Forwarded-For: 203.0.113.7",
        "-H", "X-Real-IP: 203.0.113.8",
        "-H", "X-Forwarded-Proto: https",
        "-H", "X-HTTP-Method-Override: DELETE",
        "-H", "X-Edge-Trace: 1",
        "-H", "Proxy-Authorization: Basic Zm9vOmJhcg==",
        "-H", "TE: trailers",
        "-H", "Keep-Alive: timeout=5",
        "-H", "Origin: http://example.test",
        "-H", "Accept-Encoding: gzip, deflate, br",
    ]

    @Test func cachedGetMissSendsCloudFrontHeadersAndDropsTheRest() async throws {
        let origin = try await RecordingOrigin.start { _ in
            RecordingOrigin.Reply(headers: [("Content-Type", "text/plain"), ("Cache-Control", "max-age=60")], body: "from origin")
        }
        try await Self.withEdge(origin: origin) { edge in
            let miss = try await edge.http("/hello.txt", host: Self.host, Self.viewerHeaders)
            #expect(miss.status == 200)
            #expect(miss.body == "from origin")
            #expect(miss["x-cache"] == "Miss from cloudfront")
            let sent = try #require(origin.received.first)
            #expect(sent.method == .GET)
            #expect(sent.uri == "/hello.txt")
            #expect(sent["host"] == "127.0.0.1:\(origin.port)")
            #expect(sent["user-agent"] == "Amazon CloudFront")
            #expect(sent["x-forwarded-for"] == "203.0.113.7, 127.0.0.1")
            #expect(Self.isCloudFrontVia(sent["via"]), "Via: \(sent["via"] ?? "none")")
            let id = sent["x-amz-cf-id"] ?? ""
            #expect(id.count == 56 && id.hasSuffix("==") && id.allSatisfy { $0.isLetter || $0.isNumber || "-_=".contains($0) }, "X-Amz-Cf-Id: \(id)")
            #expect(sent["accept-encoding"] == "br,gzip")
            #expect(sent["connection"]?.lowercased() == "keep-alive")
            for removed in [
                "accept", "accept-language", "referer", "cookie", "x-real-ip", "x-forwarded-proto", "x-http-method-override", "x-edge-trace",
                "proxy-authorization", "te", "keep-alive",
            ] {
                #expect(sent[removed] == nil, "\(removed) reached the origin")
            }
            let hit = try await edge.http("/hello.txt", host: Self.host, Self.viewerHeaders)
            #expect(hit["x-cache"] == "Hit from cloudfront")
            #expect(origin.received.count == 1)
        }
    }

    struct RequestPolicyCase: Sendable, CustomTestStringConvertible {
        let path: String
        let forwardsHost: Bool
        let forwardsViewerHeaders: Bool
        var testDescription: String { path }
    }

    @Test(arguments: [
        RequestPolicyCase(path: "/all-viewer/page", forwardsHost: true, forwardsViewerHeaders: true),
        RequestPolicyCase(path: "/except-host/page", forwardsHost: false, forwardsViewerHeaders: true),
        RequestPolicyCase(path: "/cors/page", forwardsHost: false, forwardsViewerHeaders: false),
    ])
    func originRequestPolicyDecidesHostAndViewerHeaders(_ policy: RequestPolicyCase) async throws {
        let origin = try await RecordingOrigin.start { _ in RecordingOrigin.Reply(body: "ok") }
        try await Self.withEdge(origin: origin) { edge in
            let response = try await edge.http(policy.path, host: Self.host, Self.viewerHeaders)
            #expect(response.status == 200)
            let sent = try #require(origin.received.first)
            let host = sent["host"] ?? ""
            if policy.forwardsHost {
                #expect(host == Self.host || host == "\(Self.host):\(edge.httpPort)", "Host: \(host)")
            } else {
                #expect(host == "127.0.0.1:\(origin.port)")
            }
            #expect(sent["origin"] == "http://example.test")
            let viewerOnly = ["accept-language": "fr", "referer": "http://example.test/page", "cookie": "session=abc"]
            for (name, value) in viewerOnly {
                #expect(sent[name] == (policy.forwardsViewerHeaders ? value : nil), "\(name): \(sent[name] ?? "none")")
            }
            #expect(sent["user-agent"] == (policy.forwardsViewerHeaders ? "EdgeSimTest/1.0" : "Amazon CloudFront"))
            // Added whatever the policy, and hop-by-hop fields never pass even when every viewer header does.
            #expect(sent["x-forwarded-for"] == "203.0.113.7, 127.0.0.1")
            #expect(sent["x-amz-cf-id"] != nil)
            #expect(sent["via"] != nil)
            #expect(sent["te"] == nil)
            #expect(sent["keep-alive"] == nil)
            #expect(sent["connection"]?.lowercased() == "keep-alive")
        }
    }

    @Test(arguments: ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
    func unsafeMethodReachesOriginWithItsBody(_ method: String) async throws {
        let origin = try await RecordingOrigin.start { received in
            RecordingOrigin.Reply(
                status: .created,
                headers: [("Content-Type", "application/json")],
                body: "{\"got\":\"\(received.method.rawValue)\"}"
            )
        }
        let payload = "{\"seat\":\"A1\",\"name\":\"Zoë\",\"note\":\"a&b=c\"}"
        try await Self.withEdge(origin: origin) { edge in
            let response = try await edge.http(
                "/api/tickets/7",
                host: Self.host,
                ["-X", method, "--data-binary", payload, "-H", "Content-Type: application/json"]
            )
            #expect(response.status == 201)
            #expect(response.body == "{\"got\":\"\(method)\"}")
            #expect(origin.received.count == 1)
            let sent = try #require(origin.received.first)
            #expect(sent.method.rawValue == method)
            #expect(sent.uri == "/api/tickets/7")
            #expect(sent.body == payload)
            #expect(sent["content-type"] == "application/json")
            #expect(sent["content-length"] == String(payload.utf8.count))
        }
    }

    @Test(arguments: [
        ("/plain.txt?b=2&a=1&c=3", "/plain.txt"),
        ("/all-viewer/q?b=2&a=1&c=3", "/all-viewer/q?b=2&a=1&c=3"),
        ("/api/q?b=2&a=1&c=3", "/api/q?b=2&a=1&c=3"),
        ("/query-whitelist/q?b=2&a=1&c=3", "/query-whitelist/q?a=1"),
        ("/query-all-except/q?b=2&a=1&c=3", "/query-all-except/q?a=1&c=3"),
    ])
    func queryStringReachesOriginAsPoliciesSay(_ viewerPath: String, _ originURI: String) async throws {
        let origin = try await RecordingOrigin.start { _ in RecordingOrigin.Reply(body: "ok") }
        try await Self.withEdge(origin: origin) { edge in
            let response = try await edge.http(viewerPath, host: Self.host)
            #expect(response.status == 200)
            #expect(origin.received.map(\.uri) == [originURI])
        }
    }

    @Test func originHopByHopResponseHeadersDoNotReachTheViewer() async throws {
        let origin = try await RecordingOrigin.start { _ in
            RecordingOrigin.Reply(
                headers: [
                    ("Content-Type", "text/plain"), ("Cache-Control", "max-age=60"), ("Trailer", "X-Checksum"), ("Upgrade", "h2c"),
                    ("Keep-Alive", "timeout=5"), ("X-Kept", "yes"), ("Connection", "X-Hop"), ("X-Hop", "1"),
                ],
                body: "hop"
            )
        }
        try await Self.withEdge(origin: origin) { edge in
            for expected in ["Miss from cloudfront", "Hit from cloudfront"] {
                let response = try await edge.http("/hop.txt", host: Self.host)
                #expect(response["x-cache"] == expected)
                #expect(response.body == "hop")
                #expect(response["x-kept"] == "yes")
                #expect(response["trailer"] == nil)
                #expect(response["upgrade"] == nil)
                #expect(response["keep-alive"] == nil)
                // Named by the origin's `Connection`, so hop-by-hop as well (RFC 9110 §7.6.1).
                #expect(response["x-hop"] == nil)
            }
        }
    }

    @Test func unreachableOriginAnswersCloudFront502Page() async throws {
        let origin = try await RecordingOrigin.start { _ in RecordingOrigin.Reply(body: "unused") }
        let closedURL = origin.url
        try await origin.stop()
        try await Self.withEdge(origin: origin, originURL: closedURL, connectionTimeout: 1, readTimeout: 1) { edge in
            let response = try await edge.http("/down.txt", host: Self.host)
            #expect(response.status == 502)
            Self.expectCloudFrontPage(response, status: 502)
        }
    }

    /// The read timeout gives CloudFront's 504 page; a POST is sent once, never retried (§1.16).
    @Test(arguments: ["GET", "POST"])
    func silentOriginTimesOutWith504(_ method: String) async throws {
        let origin = try await RecordingOrigin.start { _ in nil }
        try await Self.withEdge(origin: origin, readTimeout: 1) { edge in
            let started = ContinuousClock.now
            let extra = method == "GET" ? [] : ["-X", method, "--data-binary", "late"]
            let response = try await edge.http("/api/slow", host: Self.host, extra)
            let elapsed = ContinuousClock.now - started
            #expect(response.status == 504)
            Self.expectCloudFrontPage(response, status: 504)
            #expect(elapsed >= .seconds(1) && elapsed < .seconds(20), "answered after \(elapsed)")
            let attempts = origin.received.filter { $0.uri == "/api/slow" }
            #expect(attempts.first?.method.rawValue == method)
            if method == "POST" {
                #expect(attempts.count == 1)
                #expect(attempts.first?.body == "late")
            }
        }
    }

    /// CloudFront's own error page (aws-behaviour §1.11), naming the request id the response carries.
    static func expectCloudFrontPage(_ response: Curl.Response, status: Int) {
        #expect(response["x-cache"] == "Error from cloudfront")
        #expect(response["server"] == "CloudFront")
        #expect(response["content-type"] == "text/html")
        #expect(response.body.contains("<TITLE>ERROR: The request could not be satisfied</TITLE>"))
        #expect(response.body.contains("<H1>\(status) ERROR</H1>"))
        #expect(response.body.contains("<H2>The request could not be satisfied.</H2>"))
        #expect(response.body.contains("Generated by cloudfront (CloudFront)"))
        #expect(response.body.contains("Request ID: \(response["x-amz-cf-id"] ?? "missing")"))
    }
}
