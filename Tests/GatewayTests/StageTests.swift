import NIOConcurrencyHelpers
import NIOHTTP1
import Testing

@testable import Gateway

@Suite("Stages: stage variables, canary releases, the stage cache (aws-behaviour §3.9, §3.10)")
struct StageTests {
    static let tableByVariable = Config.Integration.table(.init(tableName: "${stageVariables.table}"))

    static func seeded() async throws -> ReadCachedBackend {
        let backend = ReadCachedBackend()
        try await backend.putItem(table: "live", key: .init(attributeName: "id", value: "1"), item: ["id": "1", "v": "live"])
        try await backend.putItem(table: "next", key: .init(attributeName: "id", value: "1"), item: ["id": "1", "v": "canary"])
        return backend
    }

    static func version(_ response: APIResponse) -> String? {
        response.json?.objectValue?["v"]?.stringValue
    }

    @Test("Stage variables point the same route at different targets per stage")
    func stageVariables() async throws {
        let stages = [
            Config.Stage(stageName: "prod", stageVariables: ["table": "live"]), Config.Stage(stageName: "beta", stageVariables: ["table": "next"]),
        ]
        let api = showsAPI(routes: [Config.Route(routeKey: "GET /api/shows/{id}", integration: Self.tableByVariable)], stages: stages)
        let gateway = try Gateway(configuration: Config(apis: [api]), tableBackend: try await Self.seeded())
        #expect(Self.version(await gateway.handle(.to(.GET, "/api/shows/1", stage: "prod"))) == "live")
        #expect(Self.version(await gateway.handle(.to(.GET, "/api/shows/1", stage: "beta"))) == "canary")
    }

    @Test(
        "Stage variable substitution",
        arguments: [
            ("http://${stageVariables.host}/x", ["host": "a:1"], "http://a:1/x"),
            ("${stageVariables.missing}-${stageVariables.b}", ["b": "2"], "-2"),
            ("no variables", [:], "no variables"),
            ("broken ${stageVariables.open", ["open": "x"], "broken ${stageVariables.open"),
        ]
    )
    func substitution(template: String, variables: [String: String], expected: String) {
        #expect(StageVariables.substitute(template, variables) == expected)
    }

    static func canaryGateway(
        percent: Double,
        seed: UInt64,
        cache: Bool = false,
        useStageCache: Bool = false
    ) async throws -> (Gateway, ReadCachedBackend) {
        let stage = Config.Stage(
            stageName: "prod",
            stageVariables: ["table": "live"],
            cacheClusterEnabled: cache,
            canarySettings: .init(percentTraffic: percent, stageVariableOverrides: ["table": "next"], useStageCache: useStageCache)
        )
        let api = showsAPI(routes: [Config.Route(routeKey: "GET /api/shows/{id}", integration: Self.tableByVariable)], stages: [stage])
        let backend = try await Self.seeded()
        return (try Gateway(configuration: Config(apis: [api]), tableBackend: backend, random: .seeded(seed)), backend)
    }

    static func versions(_ gateway: Gateway, count: Int) async -> [String] {
        await (0..<count).asyncMap { _ in Self.version(await gateway.handle(.to(.GET, "/api/shows/1", stage: "prod"))) ?? "?" }
    }

    @Test("A canary takes its share of requests, reproducibly under a seed", arguments: [(0.0, 0), (100.0, 200), (25.0, nil)])
    func canaryShare(percent: Double, exactly: Int?) async throws {
        let (gateway, _) = try await Self.canaryGateway(percent: percent, seed: 7)
        let versions = await Self.versions(gateway, count: 200)
        let canary = versions.filter { $0 == "canary" }.count
        #expect(versions.allSatisfy { $0 == "canary" || $0 == "live" })
        if let exactly {
            #expect(canary == exactly)
        } else {
            #expect((30...70).contains(canary))
            let (again, _) = try await Self.canaryGateway(percent: percent, seed: 7)
            #expect(await Self.versions(again, count: 200) == versions)
        }
    }

    static func cachedGateway(
        clock: ManualClock,
        cacheKeyParameters: [String] = [],
        requireAuthorization: Bool = false,
        routeSettings: [String: Config.RouteSettings] = [:]
    ) async throws -> (Gateway, ReadCachedBackend) {
        let stage = Config.Stage(
            stageName: "prod",
            stageVariables: ["table": "live"],
            routeSettings: routeSettings,
            cacheClusterEnabled: true,
            requireAuthorizationForCacheControl: requireAuthorization
        )
        let routes = ["GET /api/shows/{id}", "PATCH /api/shows/{id}"].map {
            Config.Route(routeKey: $0, integration: Self.tableByVariable, cacheKeyParameters: cacheKeyParameters)
        }
        let backend = try await Self.seeded()
        let gateway = try Gateway(
            configuration: Config(apis: [showsAPI(routes: routes, stages: [stage])]),
            tableBackend: backend,
            clock: clock.gatewayClock
        )
        return (gateway, backend)
    }

    @Test("The stage cache answers GETs for 300 s by default without calling the integration")
    func stageCacheTTL() async throws {
        let clock = ManualClock()
        let (gateway, backend) = try await Self.cachedGateway(clock: clock)
        let first = await gateway.handle(.to(.GET, "/api/shows/1", stage: "prod"))
        let second = await gateway.handle(.to(.GET, "/api/shows/1", stage: "prod"))
        #expect(backend.backendReads == 1)
        #expect(second.bodyText == first.bodyText)
        #expect(second.headers.first(name: "apigw-requestid") != first.headers.first(name: "apigw-requestid"))
        clock.advance(by: 299)
        _ = await gateway.handle(.to(.GET, "/api/shows/1", stage: "prod"))
        #expect(backend.backendReads == 1)
        clock.advance(by: 1)
        _ = await gateway.handle(.to(.GET, "/api/shows/1", stage: "prod"))
        #expect(backend.backendReads == 2)
        #expect(await gateway.handle(.to(.PATCH, "/api/shows/1", stage: "prod", body: "{}")).status == .ok)
        #expect(await gateway.handle(.to(.PATCH, "/api/shows/1", stage: "prod", body: "{}")).status == .ok)
    }

    @Test("Cache-Control: max-age=0 refreshes the entry, unless the stage requires authorisation for it")
    func clientInvalidation() async throws {
        for requireAuthorization in [false, true] {
            let (gateway, backend) = try await Self.cachedGateway(clock: ManualClock(), requireAuthorization: requireAuthorization)
            _ = await gateway.handle(.to(.GET, "/api/shows/1", stage: "prod"))
            _ = await gateway.handle(.to(.GET, "/api/shows/1", stage: "prod", headers: [("Cache-Control", "no-transform, max-age=0")]))
            #expect(backend.backendReads == (requireAuthorization ? 1 : 2))
            _ = await gateway.handle(.to(.GET, "/api/shows/1", stage: "prod"))
            #expect(backend.backendReads == (requireAuthorization ? 1 : 2))
        }
    }

    @Test("Only the configured cache key parameters vary the entry")
    func cacheKeyParameters() async throws {
        let (gateway, backend) = try await Self.cachedGateway(clock: ManualClock(), cacheKeyParameters: ["method.request.querystring.type"])
        for target in [
            "/api/shows/1?type=admin&department=A", "/api/shows/1?type=admin&department=B", "/api/shows/1?type=user", "/api/shows/2?type=admin",
        ] {
            _ = await gateway.handle(.to(.GET, target, stage: "prod"))
        }
        #expect(backend.backendReads == 3)
    }

    @Test("Route settings turn caching off for a route or change its TTL")
    func routeCacheSettings() async throws {
        let clock = ManualClock()
        let (off, offBackend) = try await Self.cachedGateway(clock: clock, routeSettings: ["GET /api/shows/{id}": .init(cachingEnabled: false)])
        _ = await off.handle(.to(.GET, "/api/shows/1", stage: "prod"))
        _ = await off.handle(.to(.GET, "/api/shows/1", stage: "prod"))
        #expect(offBackend.backendReads == 2)
        let (short, shortBackend) = try await Self.cachedGateway(clock: clock, routeSettings: ["GET /api/shows/{id}": .init(cacheTtlInSeconds: 10)])
        _ = await short.handle(.to(.GET, "/api/shows/1", stage: "prod"))
        clock.advance(by: 10)
        _ = await short.handle(.to(.GET, "/api/shows/1", stage: "prod"))
        #expect(shortBackend.backendReads == 2)
    }

    @Test("A canary keeps its own cache unless it shares the stage's")
    func canaryCache() async throws {
        let (separate, _) = try await Self.canaryGateway(percent: 50, seed: 3, cache: true)
        let versions = Set(await Self.versions(separate, count: 40))
        #expect(versions == ["live", "canary"])
        let (shared, _) = try await Self.canaryGateway(percent: 50, seed: 3, cache: true, useStageCache: true)
        #expect(Set(await Self.versions(shared, count: 40)).count == 1)
    }

    @Test("The cache drops the oldest entries past its capacity and never keeps responses over 1 MiB")
    func cacheCapacity() {
        let cache = StageCache(capacityBytes: 250)
        let response = APIResponse(status: .ok, body: .init(string: String(repeating: "x", count: 100)))
        cache.store("a", response: response, ttl: 60, now: 0)
        cache.store("b", response: response, ttl: 60, now: 0)
        cache.store("c", response: response, ttl: 60, now: 0)
        #expect(cache.lookup("a", now: 1) == nil)
        #expect(cache.lookup("c", now: 1) != nil)
        #expect(cache.count == 2)
        let big = StageCache(capacityBytes: 10_000_000)
        big.store("huge", response: APIResponse(status: .ok, body: .init(repeating: 0, count: StageCache.maximumEntryBytes + 1)), ttl: 60, now: 0)
        #expect(big.count == 0)
    }
}
