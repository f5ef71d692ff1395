import NIOHTTP1
import Testing

@testable import Gateway

@Suite("Throttling, API keys and usage plans (aws-behaviour §3.5, §3.6)")
struct ThrottlingTests {
    static let goldKey = "GoldKey0123456789abcdef"
    static let silverKey = "SilverKey0123456789abcdef"
    static let otherStageKey = "OtherStage0123456789abcdef"
    static let disabledKey = "Disabled0123456789abcdef"

    static func configuration(
        _ protocolType: Config.ProtocolType = .rest,
        throttle: Config.ThrottleSettings? = nil,
        quota: Config.QuotaSettings? = nil,
        stateDirectory: String? = nil,
        stage: Config.Stage = Config.Stage(stageName: "prod")
    ) -> Config {
        let routes = [
            Config.Route(routeKey: "GET /api/shows", integration: .mock(.init(body: "shows")), apiKeyRequired: true),
            mockRoute("GET /api/info", body: "info"),
        ]
        return Config(
            apis: [showsAPI(protocolType, routes: routes, stages: [stage, Config.Stage(stageName: "beta")])],
            usagePlans: [
                Config.UsagePlan(
                    name: "gold",
                    apiStages: [.init(apiName: "shows", stage: "prod")],
                    throttle: throttle,
                    quota: quota,
                    apiKeys: ["gold", "disabled"]
                ),
                Config.UsagePlan(name: "silver", apiStages: [.init(apiName: "shows", stage: "prod")], apiKeys: ["silver"]),
                Config.UsagePlan(name: "beta", apiStages: [.init(apiName: "shows", stage: "beta")], apiKeys: ["other"]),
            ],
            apiKeys: [
                .init(name: "gold", value: goldKey), .init(name: "silver", value: silverKey),
                .init(name: "other", value: otherStageKey), .init(name: "disabled", value: disabledKey, enabled: false),
            ],
            stateDirectory: stateDirectory
        )
    }

    static func get(_ path: String, key: String?, stage: String = "prod") -> APIRequest {
        .to(.GET, path, stage: stage, headers: key.map { [("x-api-key", $0)] } ?? [])
    }

    @Test(
        "A missing, unknown, disabled or other-stage key is 403 Forbidden",
        arguments: [nil, "NoSuchKey0123456789abcdef", disabledKey, otherStageKey]
    )
    func forbidden(key: String?) async throws {
        let gateway = try Gateway(configuration: Self.configuration())
        let response = await gateway.handle(Self.get("/api/shows", key: key))
        #expect(response.status == .forbidden)
        #expect(response.bodyText == #"{"message":"Forbidden"}"#)
        #expect(response.headers["x-amzn-ErrorType"] == ["ForbiddenException"])
    }

    @Test("A key of a plan covering the stage passes; the header name is case-insensitive")
    func validKey() async throws {
        let gateway = try Gateway(configuration: Self.configuration())
        let response = await gateway.handle(.to(.GET, "/api/shows", stage: "prod", headers: [("X-API-Key", Self.goldKey)]))
        #expect(response.status == .ok)
        #expect(response.bodyText == "shows")
        #expect(await gateway.handle(Self.get("/api/info", key: nil)).status == .ok)
    }

    @Test("A usage plan's throttle gives 429 Too Many Requests, per key, with no Retry-After")
    func planThrottle() async throws {
        let clock = ManualClock()
        let gateway = try Gateway(configuration: Self.configuration(throttle: .init(rateLimit: 1, burstLimit: 2)), clock: clock.gatewayClock)
        #expect(await gateway.handle(Self.get("/api/shows", key: Self.goldKey)).status == .ok)
        #expect(await gateway.handle(Self.get("/api/shows", key: Self.goldKey)).status == .ok)
        let throttled = await gateway.handle(Self.get("/api/shows", key: Self.goldKey))
        #expect(throttled.status == .tooManyRequests)
        #expect(throttled.bodyText == #"{"message":"Too Many Requests"}"#)
        #expect(throttled.headers["x-amzn-ErrorType"] == ["TooManyRequestsException"])
        #expect(throttled.headers["retry-after"].isEmpty)
        #expect(await gateway.handle(Self.get("/api/shows", key: Self.silverKey)).status == .ok)
        clock.advance(by: 1)
        #expect(await gateway.handle(Self.get("/api/shows", key: Self.goldKey)).status == .ok)
    }

    @Test("A quota gives 429 Limit Exceeded; routes without a key do not count; a new day resets it")
    func quota() async throws {
        let clock = ManualClock(1_717_372_000)
        let gateway = try Gateway(configuration: Self.configuration(quota: .init(limit: 2, period: .day)), clock: clock.gatewayClock)
        #expect(await gateway.handle(Self.get("/api/info", key: Self.goldKey)).status == .ok)
        #expect(await gateway.handle(Self.get("/api/shows", key: Self.goldKey)).status == .ok)
        #expect(await gateway.handle(Self.get("/api/shows", key: Self.goldKey)).status == .ok)
        let exceeded = await gateway.handle(Self.get("/api/shows", key: Self.goldKey))
        #expect(exceeded.status == .tooManyRequests)
        #expect(exceeded.bodyText == #"{"message":"Limit Exceeded"}"#)
        #expect(exceeded.headers["x-amzn-ErrorType"] == ["LimitExceededException"])
        #expect(exceeded.headers["retry-after"].isEmpty)
        #expect(gateway.throttler.quotaUsed(usagePlan: "gold", apiKey: "gold") == 2)
        clock.advance(by: 86_400)
        #expect(await gateway.handle(Self.get("/api/shows", key: Self.goldKey)).status == .ok)
    }

    @Test("The quota offset is taken off the first period only")
    func quotaOffset() async throws {
        let clock = ManualClock(1_717_372_000)
        let gateway = try Gateway(configuration: Self.configuration(quota: .init(limit: 2, period: .day, offset: 1)), clock: clock.gatewayClock)
        #expect(await gateway.handle(Self.get("/api/shows", key: Self.goldKey)).status == .ok)
        #expect(await gateway.handle(Self.get("/api/shows", key: Self.goldKey)).status == .tooManyRequests)
        clock.advance(by: 86_400)
        #expect(await gateway.handle(Self.get("/api/shows", key: Self.goldKey)).status == .ok)
        #expect(await gateway.handle(Self.get("/api/shows", key: Self.goldKey)).status == .ok)
    }

    @Test("Quota counters survive a restart through the state directory")
    func quotaSurvivesRestart() async throws {
        let state = try TemporaryDirectory()
        let clock = ManualClock(1_717_372_000)
        let configuration = Self.configuration(quota: .init(limit: 3, period: .month), stateDirectory: state.path)
        do {
            let gateway = try Gateway(configuration: configuration, clock: clock.gatewayClock)
            #expect(await gateway.handle(Self.get("/api/shows", key: Self.goldKey)).status == .ok)
            #expect(await gateway.handle(Self.get("/api/shows", key: Self.goldKey)).status == .ok)
        }
        let restarted = try Gateway(configuration: configuration, clock: clock.gatewayClock)
        #expect(restarted.throttler.quotaUsed(usagePlan: "gold", apiKey: "gold") == 2)
        #expect(await restarted.handle(Self.get("/api/shows", key: Self.goldKey)).status == .ok)
        #expect(await restarted.handle(Self.get("/api/shows", key: Self.goldKey)).status == .tooManyRequests)
    }

    @Test("A corrupt counter file is reported with its path, not ignored")
    func corruptCounters() throws {
        let state = try TemporaryDirectory()
        _ = try state.file(UsageStore.fileName, "{not json")
        #expect {
            _ = try Gateway(configuration: Self.configuration(stateDirectory: state.path))
        } throws: { error in
            String(describing: error).contains(UsageStore.fileName)
        }
    }

    @Test("Stage and route limits: route settings override the stage default, per route", arguments: [Config.ProtocolType.http, .rest])
    func stageAndRouteLimits(_ protocolType: Config.ProtocolType) async throws {
        let clock = ManualClock()
        let stage = Config.Stage(
            stageName: "prod",
            defaultRouteSettings: .init(throttlingBurstLimit: 1, throttlingRateLimit: 1),
            routeSettings: ["GET /api/info": .init(throttlingBurstLimit: 3)]
        )
        let gateway = try Gateway(configuration: Self.configuration(protocolType, stage: stage), clock: clock.gatewayClock)
        let statuses = await (0..<4).asyncMap { _ in await gateway.handle(Self.get("/api/info", key: nil)).status }
        #expect(statuses == [.ok, .ok, .ok, .tooManyRequests])
        #expect(await gateway.handle(Self.get("/api/shows", key: Self.goldKey)).status == .ok)
        let throttled = await gateway.handle(Self.get("/api/shows", key: Self.goldKey))
        #expect(throttled.status == .tooManyRequests)
        #expect(throttled.bodyText == #"{"message":"Too Many Requests"}"#)
        #expect(throttled.headers["x-amzn-ErrorType"] == (protocolType == .rest ? ["TooManyRequestsException"] : []))
    }

    @Test("The account limit applies across all APIs")
    func accountLimit() async throws {
        var configuration = Self.configuration()
        configuration.accountThrottle = .init(rateLimit: 1, burstLimit: 2)
        let gateway = try Gateway(configuration: configuration, clock: ManualClock().gatewayClock)
        #expect(await gateway.handle(Self.get("/api/info", key: nil)).status == .ok)
        #expect(await gateway.handle(Self.get("/api/shows", key: Self.goldKey)).status == .ok)
        #expect(await gateway.handle(Self.get("/api/info", key: nil, stage: "beta")).status == .tooManyRequests)
    }

    @Test("A throttled request does not count toward the quota")
    func throttledNotCounted() async throws {
        let gateway = try Gateway(
            configuration: Self.configuration(throttle: .init(rateLimit: 0, burstLimit: 1), quota: .init(limit: 10, period: .week)),
            clock: ManualClock().gatewayClock
        )
        #expect(await gateway.handle(Self.get("/api/shows", key: Self.goldKey)).status == .ok)
        #expect(await gateway.handle(Self.get("/api/shows", key: Self.goldKey)).status == .tooManyRequests)
        #expect(gateway.throttler.quotaUsed(usagePlan: "gold", apiKey: "gold") == 1)
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async -> T) async -> [T] {
        var results: [T] = []
        for element in self { results.append(await transform(element)) }
        return results
    }
}
