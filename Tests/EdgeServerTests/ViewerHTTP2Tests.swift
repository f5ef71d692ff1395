import EdgeTesting
import Foundation
import Testing

/// HTTP/2 served from frames (`HTTP2ViewerHandler`), with curl over TLS: streams multiplexed on one connection,
/// request bodies larger than the viewer's flow-control windows, HEAD, and hits answered like HTTP/1.1's.
@Suite(.serialized) struct ViewerHTTP2Tests {
    @Test func streamsOnOneConnectionAreAnsweredEachInFull() async throws {
        try await RunningEdge.with(site: try ViewerOverTLSTests.site()) { edge in
            let host = "app.edgesim.test"
            let paths = ["/robots.txt", "/assets/index-AbCdEf12.js", "/index.html", "/robots.txt", "/assets/index-AbCdEf12.js", "/shows/7"]
            let urls = paths.map { "https://\(host):\(edge.httpsPort)\($0)" }
            let output = try await Curl.output(
                [
                    "--http2", "-Z", "--resolve", "\(host):\(edge.httpsPort):127.0.0.1", "--cacert", edge.caPath,
                    "-w", "%{http_version} %{response_code} %{num_connects} %{size_download}\\n",
                ]
                    + urls.flatMap { ["-o", "/dev/null", $0] }
            )
            let lines = output.split(separator: "\n").map { $0.split(separator: " ") }
            #expect(lines.count == paths.count)
            #expect(lines.allSatisfy { $0[0] == "2" && $0[1] == "200" })
            // One connection for all six: curl opened it once and multiplexed the rest onto it.
            #expect(lines.map { Int($0[2]) ?? -1 }.reduce(0, +) == 1)
            #expect(lines.allSatisfy { (Int($0[3]) ?? 0) > 0 })
        }
    }

    @Test func aHitOverHTTP2CarriesCloudFrontsFieldsInLowerCase() async throws {
        try await RunningEdge.with(site: try ViewerOverTLSTests.site()) { edge in
            _ = try await edge.https("/robots.txt", ["--http2"])
            let hit = try await edge.https("/robots.txt", ["--http2"])
            #expect(hit.httpVersion == "HTTP/2")
            #expect(hit["x-cache"] == "Hit from cloudfront")
            #expect(hit["x-amz-cf-pop"] != nil)
            #expect(hit["x-amz-cf-id"]?.count == 56)
            #expect(hit["content-length"] == "23")
            #expect(hit["connection"] == nil)
            #expect(hit.body == "User-agent: *\nAllow: /\n")
            let head = try await edge.https("/robots.txt", ["--http2", "-I"])
            #expect(head.status == 200)
            #expect(head["content-length"] == "23")
            // curl -I prints the head where the body would be; the body itself must not come.
            #expect(!head.body.contains("Allow: /"))
        }
    }

    /// 300 KB is more than the 64 KiB stream and connection windows a viewer starts with: it arrives only if
    /// the edge gives the windows back as it reads.
    @Test func aRequestBodyLargerThanTheWindowsReachesTheOrigin() async throws {
        let origin = try await RecordingOrigin.start { _ in
            RecordingOrigin.Reply(status: .created, headers: [("Content-Type", "text/plain")], body: "stored")
        }
        let payload = String(repeating: "0123456789", count: 30_000)
        let file = try TemporaryFolder(prefix: "edgesim-h2-body")
        try file.write("payload.txt", payload)
        try await HTTPOriginTests.withEdge(origin: origin) { edge in
            let response = try await edge.https(
                "/api/tickets/7",
                host: HTTPOriginTests.host,
                ["--http2", "-X", "PUT", "--data-binary", "@\(file.path)/payload.txt"]
            )
            #expect(response.httpVersion == "HTTP/2")
            #expect(response.status == 201)
            #expect(response.body == "stored")
            #expect(origin.received.first?.body.utf8.count == payload.utf8.count)
        }
    }
}

extension ViewerHTTP2Tests {
    /// A plain hit goes out from the stored fields (`StoredHit`); a hit with a non-matching `If-None-Match` takes
    /// the general path. Both must carry the same fields in the same order, but for the request id (and `Age`).
    @Test func aStoredHitOverHTTP2HasTheGeneralPathsFields() async throws {
        try await RunningEdge.with(site: try ViewerOverTLSTests.site()) { edge in
            _ = try await edge.https("/robots.txt", ["--http2"])
            let stored = try await edge.https("/robots.txt", ["--http2"])
            let general = try await edge.https("/robots.txt", ["--http2", "-H", "If-None-Match: \"other\""])
            func comparable(_ response: Curl.Response) -> [String] {
                response.headers.filter { $0.name != "x-amz-cf-id" && $0.name != "age" }.map { "\($0.name): \($0.value)" }
            }
            #expect(stored["x-cache"] == "Hit from cloudfront")
            #expect(comparable(stored) == comparable(general))
            #expect(stored.headers.count == general.headers.count)
            #expect(stored.body == general.body)
        }
    }
}
