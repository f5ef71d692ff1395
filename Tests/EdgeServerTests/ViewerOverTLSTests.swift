import EdgeTesting
import Foundation
import Testing

/// The bundled-SPA promises of the foundation issue, over real sockets with curl: SNI, HTTP/2, deep links,
/// Miss then Hit, 304, the HTTP→HTTPS redirect and CloudFront's limits.
@Suite(.serialized) struct ViewerOverTLSTests {
    static func site() throws -> TemporaryFolder {
        let site = try TemporaryFolder(prefix: "edgesim-site")
        try site.write("index.html", "<!doctype html><title>EdgeSim test</title><div id=app></div>")
        try site.write("assets/index-AbCdEf12.js", String(repeating: "console.log('edge');\n", count: 80))
        try site.write("robots.txt", "User-agent: *\nAllow: /\n")
        return site
    }

    @Test func eachAliasGetsItsOwnCertificateBySNI() async throws {
        try await RunningEdge.with(site: try Self.site()) { edge in
            for host in ["app.edgesim.test", "localhost"] {
                // curl verifies the chain and the name: a wrong certificate fails the request.
                let response = try await edge.https("/robots.txt", host: host)
                #expect(response.status == 200)
            }
            await #expect(throws: Curl.Failure.self) { try await edge.https("/robots.txt", host: "unknown.edgesim.test") }
            let unknown = try await edge.https("/robots.txt", host: "unknown.edgesim.test", ["-k"])
            #expect(unknown.status == 403)
            #expect(unknown["server"] == "CloudFront")
            #expect(unknown.body.contains("Bad request."))
        }
    }

    @Test func http2IsNegotiatedByALPN() async throws {
        try await RunningEdge.with(site: try Self.site()) { edge in
            let response = try await edge.https("/robots.txt", ["--http2"])
            #expect(response.httpVersion == "HTTP/2")
            #expect(response.status == 200)
            #expect(response["x-cache"] == "Miss from cloudfront")
            let http1 = try await edge.https("/robots.txt", ["--http1.1"])
            #expect(http1.httpVersion == "HTTP/1.1")
            #expect(http1["x-cache"] == "Hit from cloudfront")
        }
    }

    @Test func deepLinkAnswersIndexWith200() async throws {
        try await RunningEdge.with(site: try Self.site()) { edge in
            let response = try await edge.https("/shows/42")
            #expect(response.status == 200)
            #expect(response.body.contains("<title>EdgeSim test</title>"))
            #expect(response["x-cache"] == "Error from cloudfront")
            #expect(response["content-type"] == "text/html; charset=utf-8")
        }
    }

    @Test func hashedBundleMissThenHitThenRevalidates() async throws {
        try await RunningEdge.with(site: try Self.site()) { edge in
            let miss = try await edge.https("/assets/index-AbCdEf12.js")
            #expect(miss["x-cache"] == "Miss from cloudfront")
            #expect(miss["server"] == "AmazonS3")
            #expect(miss["age"] == nil)
            let etag = try #require(miss["etag"])
            let hit = try await edge.https("/assets/index-AbCdEf12.js")
            #expect(hit["x-cache"] == "Hit from cloudfront")
            #expect(hit.body == miss.body)
            let notModified = try await edge.https("/assets/index-AbCdEf12.js", ["-H", "If-None-Match: \(etag)"])
            #expect(notModified.status == 304)
            #expect(notModified.body.isEmpty)
        }
    }

    @Test func plainHTTPRedirectsWith301() async throws {
        try await RunningEdge.with(site: try Self.site()) { edge in
            let response = try await edge.http("/shows?x=1")
            #expect(response.status == 301)
            #expect(response["location"] == "https://app.edgesim.test:\(edge.httpsPort)/shows?x=1")
            #expect(response["x-cache"] == "Redirect from cloudfront")
            #expect(response["content-length"] == "167")
        }
    }

    @Test func oversizedHeadersGet413AndAClosedConnection() async throws {
        try await RunningEdge.with(site: try Self.site()) { edge in
            let big = String(repeating: "a", count: 21_000)
            let response = try await edge.https("/robots.txt", ["--http1.1", "-H", "X-Big: \(big)"])
            #expect(response.status == 413)
            #expect(response["connection"] == "close")
            let longURL = try await edge.https("/" + String(repeating: "b", count: 8_200), ["--http1.1"])
            #expect(longURL.status == 413)
        }
    }

    @Test func traversalNeverLeavesTheFolder() async throws {
        try await RunningEdge.with(site: try Self.site()) { edge in
            for path in ["/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%5c..%5cetc%5cpasswd"] {
                let response = try await edge.https(path, ["--path-as-is"])
                #expect(!response.body.contains("root:"), "\(path)")
            }
        }
    }

    @Test func newFilesAreServedWithoutARestart() async throws {
        let site = try Self.site()
        try await RunningEdge.with(site: site) { edge in
            try site.write("late.txt", "arrived after start")
            let response = try await edge.https("/late.txt")
            #expect(response.status == 200)
            #expect(response.body == "arrived after start")
        }
    }
}
