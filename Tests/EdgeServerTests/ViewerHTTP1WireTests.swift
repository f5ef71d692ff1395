import EdgeTesting
import Foundation
import StackConfig
import Testing

/// The viewer listener's own HTTP/1 handling over a raw socket, for what curl will not send: pipelined requests
/// answered in order across an origin fetch, a request line the decoder refuses, HTTP/1.0 keep-alive, and the
/// framing of HEAD, 304 and large bodies (RFC 9112 §6, §9.3.2; aws-behaviour §1.11 for the 400 page).
@Suite(.serialized) struct ViewerHTTP1WireTests {
    static let host = "app.edgesim.test"

    /// The canonical SPA stack with plain HTTP allowed, so that requests are served rather than redirected.
    static func withEdge(_ body: (RunningEdge) async throws -> Void) async throws {
        let (site, stack) = try siteAndStack()
        try await RunningEdge.with(site: site, stack: stack, body)
    }

    static func siteAndStack() throws -> (TemporaryFolder, Stack) {
        let site = try TemporaryFolder(prefix: "edgesim-wire")
        try site.write("index.html", "<!doctype html><title>wire</title>")
        try site.write("a.txt", "alpha\n")
        try site.write("b.txt", "bravo\n")
        try site.write("large.bin", String(repeating: "0123456789abcdef", count: 4_096))
        var stack = try Stack.canonicalSPA(folder: site.path)
        for index in stack.distributions.indices {
            stack.distributions[index].defaultCacheBehavior.viewerProtocolPolicy = .allowAll
            for behavior in stack.distributions[index].cacheBehaviors.indices {
                stack.distributions[index].cacheBehaviors[behavior].viewerProtocolPolicy = .allowAll
            }
        }
        return (site, stack)
    }

    static func get(_ path: String, _ fields: String = "") -> String {
        "GET \(path) HTTP/1.1\r\nHost: \(host)\r\n\(fields)\r\n"
    }

    /// Splits what was received into responses, reading each body by its `Content-Length`.
    static func responses(in text: String, headOnly: Set<Int> = []) -> [(head: String, body: String)] {
        var rest = Substring(text)
        var found: [(head: String, body: String)] = []
        while let end = rest.range(of: "\r\n\r\n") {
            let head = String(rest[..<end.lowerBound])
            rest = rest[end.upperBound...]
            let length =
                head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
            let bodyLength = headOnly.contains(found.count) || head.hasPrefix("HTTP/1.1 304") ? 0 : length
            found.append((head, String(rest.prefix(bodyLength))))
            rest = rest.dropFirst(bodyLength)
        }
        return found
    }

    static func field(_ name: String, in head: String) -> String? {
        for line in head.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == name.lowercased() {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    @Test func pipelinedRequestsAreAnsweredInOrderAcrossAnOriginFetch() async throws {
        try await Self.withEdge { edge in
            // The first is a miss (an origin fetch); the two behind it arrive while it waits.
            let request = Self.get("/a.txt") + Self.get("/a.txt") + Self.get("/b.txt")
            let exchange = try await RawConnection.exchange(port: edge.httpPort, sending: request) {
                Self.responses(in: $0).count == 3 && Self.responses(in: $0)[2].body.count == 6
            }
            let responses = Self.responses(in: exchange.received)
            #expect(responses.map(\.body) == ["alpha\n", "alpha\n", "bravo\n"])
            #expect(responses.map { Self.field("x-cache", in: $0.head) } == ["Miss from cloudfront", "Hit from cloudfront", "Miss from cloudfront"])
            #expect(!exchange.closedByServer)
        }
    }

    /// A plain hit is written from the stored head (`StoredHit`); a hit with an `If-None-Match` that does not match
    /// takes the general path and must come out the same, but for the request id (and `Age`, should a second pass).
    @Test func aStoredHitIsWrittenAsTheGeneralPathWritesIt() async throws {
        try await Self.withEdge { edge in
            let request = Self.get("/a.txt") + Self.get("/a.txt") + Self.get("/a.txt", "If-None-Match: \"other\"\r\n")
            let exchange = try await RawConnection.exchange(port: edge.httpPort, sending: request) {
                Self.responses(in: $0).count == 3 && Self.responses(in: $0)[2].body.count == 6
            }
            let responses = Self.responses(in: exchange.received)
            func comparable(_ head: String) -> [Substring] {
                head.split(separator: "\r\n").filter { !$0.hasPrefix("X-Amz-Cf-Id: ") && !$0.hasPrefix("Age: ") }
            }
            #expect(Self.field("x-cache", in: responses[1].head) == "Hit from cloudfront")
            #expect(comparable(responses[1].head) == comparable(responses[2].head))
            #expect(responses[1].head.split(separator: "\r\n").count == responses[2].head.split(separator: "\r\n").count)
            #expect(Self.field("x-amz-cf-id", in: responses[1].head)?.count == 56)
            #expect(responses[1].body == responses[2].body)
        }
    }

    /// A graceful stop must not wait for a client to hang up: idle kept-alive connections are closed by the server.
    @Test func aStopClosesIdleKeptAliveConnections() async throws {
        let (site, stack) = try Self.siteAndStack()
        let edge = try await RunningEdge.start(site: site, stack: stack)
        let connection = try await OpenConnection.connect(port: edge.httpPort)
        try await connection.send(Self.get("/a.txt"))
        let deadline = ContinuousClock.now + .seconds(20)
        while !connection.received().hasSuffix("alpha\n"), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        let stopping = Task {
            try await edge.stop()
            try await connection.closed()
        }
        // Polled rather than raced in a task group, which would wait for a stop that never ends.
        let stopDeadline = ContinuousClock.now + .seconds(20)
        while !connection.isClosed, ContinuousClock.now < stopDeadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        let stopped = connection.isClosed
        // A connection still open here would hold the stop; closing it from this side lets it end.
        await connection.close()
        try await stopping.value
        #expect(stopped)
        #expect(connection.received().hasPrefix("HTTP/1.1 200 OK\r\n"))
    }

    @Test func anUnparsableRequestGetsCloudFrontsBadRequestPageAndTheConnectionCloses() async throws {
        try await Self.withEdge { edge in
            let exchange = try await RawConnection.exchange(port: edge.httpPort, sending: "GET /a.txt HTTP/1.1\r\nHost \(Self.host)\r\n\r\n") {
                _ in false
            }
            #expect(exchange.closedByServer)
            let response = try #require(Self.responses(in: exchange.received).first)
            #expect(response.head.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
            #expect(Self.field("server", in: response.head) == "CloudFront")
            #expect(Self.field("x-cache", in: response.head) == "Error from cloudfront")
            #expect(Self.field("connection", in: response.head) == "close")
            #expect(response.body.contains("<H1>400 ERROR</H1>"))
            #expect(response.body.contains("Bad request."))
        }
    }

    @Test func requestsBeforeUnparsableInputAreAnsweredFirst() async throws {
        try await Self.withEdge { edge in
            let exchange = try await RawConnection.exchange(port: edge.httpPort, sending: Self.get("/b.txt") + "BOGUS\r\n\r\n") { _ in false }
            #expect(exchange.closedByServer)
            let responses = Self.responses(in: exchange.received)
            #expect(responses.map { $0.head.prefix { $0 != "\r\n" } } == ["HTTP/1.1 200 OK", "HTTP/1.1 400 Bad Request"])
            #expect(responses.first?.body == "bravo\n")
        }
    }

    @Test func connectionCloseIsAnsweredAndHonoured() async throws {
        try await Self.withEdge { edge in
            // The second request is never answered: the connection ends with the first response.
            let request = Self.get("/a.txt", "Connection: close\r\n") + Self.get("/b.txt")
            let exchange = try await RawConnection.exchange(port: edge.httpPort, sending: request) { _ in false }
            #expect(exchange.closedByServer)
            let responses = Self.responses(in: exchange.received)
            try #require(responses.count == 1, "received: \(exchange.received)")
            #expect(Self.field("connection", in: responses[0].head) == "close")
            #expect(responses[0].body == "alpha\n")
        }
    }

    @Test func http10KeepsTheConnectionOnlyWhenAsked() async throws {
        try await Self.withEdge { edge in
            let kept = "GET /a.txt HTTP/1.0\r\nHost: \(Self.host)\r\nConnection: keep-alive\r\n\r\n"
            let twice = try await RawConnection.exchange(port: edge.httpPort, sending: kept + kept) {
                Self.responses(in: $0).count == 2 && Self.responses(in: $0)[1].body.count == 6
            }
            let responses = Self.responses(in: twice.received)
            #expect(responses.allSatisfy { $0.head.hasPrefix("HTTP/1.0 200 OK\r\n") })
            #expect(responses.allSatisfy { Self.field("connection", in: $0.head) == "keep-alive" })
            #expect(!twice.closedByServer)

            let once = try await RawConnection.exchange(port: edge.httpPort, sending: "GET /a.txt HTTP/1.0\r\nHost: \(Self.host)\r\n\r\n") { _ in
                false
            }
            #expect(once.closedByServer)
            #expect(Self.responses(in: once.received).map(\.body) == ["alpha\n"])
        }
    }

    @Test func headAnd304CarryNoBodyAndLargeBodiesArriveWhole() async throws {
        try await Self.withEdge { edge in
            let first = try await edge.http("/large.bin", host: Self.host)
            let etag = try #require(first["etag"])
            let request =
                "HEAD /large.bin HTTP/1.1\r\nHost: \(Self.host)\r\n\r\n"
                + Self.get("/large.bin", "If-None-Match: \(etag)\r\n")
                + Self.get("/large.bin")
            let exchange = try await RawConnection.exchange(port: edge.httpPort, sending: request) {
                let found = Self.responses(in: $0, headOnly: [0])
                return found.count == 3 && found[2].body.utf8.count == 65_536
            }
            let responses = Self.responses(in: exchange.received, headOnly: [0])
            #expect(responses.count == 3)
            // HEAD: the representation's length, and the next response right behind the head.
            #expect(responses[0].head.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(Self.field("content-length", in: responses[0].head) == "65536")
            #expect(responses[1].head.hasPrefix("HTTP/1.1 304 Not Modified\r\n"))
            #expect(Self.field("content-length", in: responses[1].head) == nil)
            #expect(Self.field("etag", in: responses[1].head) == etag)
            #expect(responses[2].body == String(repeating: "0123456789abcdef", count: 4_096))
            #expect(Self.field("x-cache", in: responses[2].head) == "Hit from cloudfront")
        }
    }
}
