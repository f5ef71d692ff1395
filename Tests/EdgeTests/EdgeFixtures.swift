import Edge
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

/// An origin that answers from a table and records what it was sent.
final class RecordingOrigin: Origin {
    struct Reply: Sendable {
        var status: HTTPResponseStatus = .ok
        var headers: [(String, String)] = []
        var body = ""
    }

    private let state = NIOLockedValueBox<(replies: [String: Reply], received: [OriginRequest])>(([:], []))
    private let fallback: Reply

    init(
        fallback: Reply = Reply(status: .forbidden, headers: [("Content-Type", "application/xml")], body: "<Error><Code>AccessDenied</Code></Error>")
    ) {
        self.fallback = fallback
    }

    func set(_ path: String, _ reply: Reply) {
        state.withLockedValue { $0.replies[path] = reply }
    }

    var received: [OriginRequest] { state.withLockedValue { $0.received } }
    var count: Int { received.count }

    func fetch(_ request: OriginRequest) async throws -> OriginResponse {
        let reply = state.withLockedValue { state in
            state.received.append(request)
            return state.replies[request.path] ?? fallback
        }
        var headers = HTTPHeaders(reply.headers)
        if let etag = headers.first(name: "etag"), request.headers.first(name: "if-none-match") == etag {
            headers.remove(name: "content-type")
            return OriginResponse(status: .notModified, headers: headers, body: ByteBuffer())
        }
        headers.replaceOrAdd(name: "Content-Length", value: String(reply.body.utf8.count))
        return OriginResponse(status: reply.status, headers: headers, body: ByteBuffer(string: reply.body))
    }
}

/// Time that moves only when a test says so.
final class ManualClock: Sendable {
    private let seconds = NIOLockedValueBox(1_800_000_000.0)
    var clock: EdgeClock { EdgeClock { [seconds] in seconds.withLockedValue { $0 } } }
    func advance(_ delta: Double) { seconds.withLockedValue { $0 += delta } }
}

struct EdgeFixture {
    let origin = RecordingOrigin()
    let time = ManualClock()
    let location: EdgeLocation

    init(distribution: Distribution = EdgeFixture.spaDistribution(), cache: EdgeCache = EdgeCache(capacity: 1 << 20), origin: (any Origin)? = nil) {
        location = EdgeLocation(
            code: "IAD89-P1",
            distributions: [distribution],
            origins: [distribution.originKey("site"): origin ?? self.origin],
            cache: cache,
            httpsPort: 8443,
            clock: time.clock
        )
    }

    static func spaDistribution(policy: CachePolicy = .cachingOptimized, behaviors: [CacheBehavior] = []) -> Distribution {
        Distribution(
            id: "E2EDGESIMTEST1",
            aliases: ["app.edgesim.test", "localhost"],
            origins: [OriginDefinition(id: "site", target: .bucket("site"))],
            cacheBehaviors: behaviors,
            defaultCacheBehavior: CacheBehavior(targetOriginId: "site", cachePolicy: policy),
            defaultRootObject: "index.html",
            customErrorResponses: [
                CustomErrorResponse(errorCode: 403, responsePagePath: "/index.html", responseCode: 200),
                CustomErrorResponse(errorCode: 404, responsePagePath: "/index.html", responseCode: 200),
            ]
        )
    }

    /// Sends a request and runs the origin fetch if the edge needs one.
    func send(
        _ method: HTTPMethod = .GET,
        _ target: String,
        host: String = "app.edgesim.test",
        https: Bool = true,
        headers: [(String, String)] = [],
        version: HTTPVersion = .http1_1,
        body: String? = nil
    ) async -> EdgeResponse {
        switch receive(method, target, host: host, https: https, headers: headers, version: version, body: body) {
        case .respond(let response): return response
        case .fetch(let fetch): return await fetch.run()
        }
    }

    /// The edge's synchronous decision for a request, before any origin work.
    func receive(
        _ method: HTTPMethod = .GET,
        _ target: String,
        host: String = "app.edgesim.test",
        https: Bool = true,
        headers: [(String, String)] = [],
        version: HTTPVersion = .http1_1,
        body: String? = nil
    ) -> EdgeAction {
        var fields = HTTPHeaders([("Host", host)])
        fields.add(contentsOf: headers)
        let request = ViewerRequest(
            method: method,
            target: target,
            version: version,
            headers: fields,
            body: body.map { ByteBuffer(string: $0) },
            isHTTPS: https
        )
        return location.receive(request)
    }
}

extension EdgeResponse {
    var text: String { body.map { String(buffer: $0) } ?? "" }
    subscript(_ name: String) -> String? { headers.first(name: name) }
}
