import Benchmark
import Edge
import EdgeServer
import NIOCore
import NIOHTTP1
import Store

/// The viewer hit path in pieces, with allocations counted: the edge's work for a fresh hit (key building, cache
/// lookup, freshness, the stored hit or the general path's header copy) and the HTTP/1.1 bytes written for it,
/// then DynamoDB expression evaluation. `mallocCountTotal` per iteration is what a hit allocates; the stored-hit
/// path's count is the one `scripts/bench` leans on.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        warmupIterations: 1,
        scalingFactor: .kilo,
        maxDuration: .seconds(5),
        maxIterations: 50
    )

    for (name, acceptsStoredHit) in [("stored (key, lookup, freshness)", true), ("general path (headers copied and extended)", false)] {
        Benchmark("edge hit: \(name)") { benchmark async in
            let pop = await HitFixture.primed()
            let request = pop.request(acceptsStoredHit: acceptsStoredHit)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations { blackHole(pop.location.receive(request)) }
            benchmark.stopMeasurement()
        }
    }

    Benchmark("HTTP/1.1 bytes: stored hit") { benchmark async in
        let pop = await HitFixture.primed()
        guard case .respond(let response) = pop.location.receive(pop.request(acceptsStoredHit: true)), let hit = response.storedHit else {
            fatalError("the primed object is not served as a stored hit")
        }
        var writer = HTTP1ResponseWriter(allocator: ByteBufferAllocator())
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(writer.encode(hit, requestID: response.requestID, date: { "" }, close: false, body: response.body))
        }
        benchmark.stopMeasurement()
    }

    Benchmark("HTTP/1.1 bytes: general path, field by field") { benchmark async in
        let pop = await HitFixture.primed()
        guard case .respond(let response) = pop.location.receive(pop.request(acceptsStoredHit: false)) else {
            fatalError("the primed object is not a hit")
        }
        var writer = HTTP1ResponseWriter(allocator: ByteBufferAllocator())
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(writer.encode(version: .http1_1, status: response.status, headers: response.headers, body: response.body, requestMethod: .GET))
        }
        benchmark.stopMeasurement()
    }

    let ticket: Item = [
        "id": .string("T-1042"), "show": .string("S-7"), "seats": .number(DynamoNumber(4)),
        "price": .number(try! DynamoNumber(parsing: "120.50")), "status": .string("reserved"),
        "tags": .stringSet(["balcony", "aisle"]),
    ]
    // `attribute_exists(id) AND status = :reserved AND seats BETWEEN :one AND :eight AND contains(tags, :aisle)`
    let condition = ConditionExpression.and(
        .and(
            .attributeExists(DocumentPath(attribute: "id")),
            .comparison(.path(DocumentPath(attribute: "status")), .equal, .value(.string("reserved")))
        ),
        .and(
            .between(.path(DocumentPath(attribute: "seats")), .value(.number(DynamoNumber(1))), .value(.number(DynamoNumber(8)))),
            .contains(.path(DocumentPath(attribute: "tags")), .value(.string("aisle")))
        )
    )
    Benchmark("DynamoDB condition expression evaluation") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(condition.isSatisfied(by: ticket)) }
    }
}

/// One POP holding one 1 KiB object, stored by a first request through an origin that answers like S3.
struct HitFixture {
    let location: EdgeLocation

    static func primed() async -> HitFixture {
        let distribution = Distribution(
            id: "EBENCH00000001",
            aliases: ["localhost"],
            origins: [OriginDefinition(id: "site", target: .http("http://origin.invalid"))],
            defaultCacheBehavior: CacheBehavior(
                targetOriginId: "site",
                viewerProtocolPolicy: .allowAll,
                cachePolicy: .cachingOptimized,
                compress: false
            )
        )
        let location = EdgeLocation(
            code: "IAD89-P1",
            distributions: [distribution],
            origins: [distribution.originKey("site"): S3LikeOrigin()],
            cache: EdgeCache(capacity: 1 << 20)
        )
        let fixture = HitFixture(location: location)
        if case .fetch(let fetch) = location.receive(fixture.request(acceptsStoredHit: true)) { _ = await fetch.run() }
        return fixture
    }

    func request(acceptsStoredHit: Bool) -> ViewerRequest {
        var request = ViewerRequest(method: .GET, target: "/1k.bin", headers: ["Host": "localhost:8080", "User-Agent": "wrk"], isHTTPS: false)
        request.acceptsStoredHit = acceptsStoredHit
        return request
    }
}

/// The fields the bucket origin sends for a 1 KiB object.
struct S3LikeOrigin: Origin {
    func fetch(_ request: OriginRequest) async throws -> OriginResponse {
        let headers: HTTPHeaders = [
            "x-amz-id-2": "A3/iKZIFc8lDkyY2GeudjSdRwOqGAWo4anztkaLRNcVG5bo/opgZQe7Lt9MjXus0",
            "x-amz-request-id": "BBBBFD5E2480B29E",
            "Date": "Wed, 25 Nov 2026 05:05:32 GMT",
            "Last-Modified": "Wed, 25 Nov 2026 05:05:30 GMT",
            "ETag": "\"33da206fb1314b66ea999fe5b72633d2\"",
            "x-amz-server-side-encryption": "AES256",
            "Accept-Ranges": "bytes",
            "Content-Type": "application/octet-stream",
            "Server": "AmazonS3",
            "Content-Length": "1024",
        ]
        return OriginResponse(status: .ok, headers: headers, body: ByteBuffer(repeating: 0x61, count: 1024))
    }
}
