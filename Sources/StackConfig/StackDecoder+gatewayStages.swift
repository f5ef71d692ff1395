import Gateway

extension StackDecoder {
    static let notSimulatedStageSetting = "not simulated; remove it"
    static let stageKeys = Keys(
        allowed: [
            "stageName", "description", "stageVariables", "defaultRouteSettings", "routeSettings", "cacheClusterEnabled", "cacheTtlInSeconds",
            "cacheClusterSize", "requireAuthorizationForCacheControl", "canarySettings",
        ],
        notes: [
            "variables": "EdgeSim names a stage's variables stageVariables, as HTTP APIs do, for both flavours",
            "methodSettings":
                "write per-route settings under routeSettings, keyed by route key, like \"GET /api/shows\": { throttlingRateLimit: 10 }",
            "throttle": "write the stage's throttling under defaultRouteSettings as throttlingRateLimit and throttlingBurstLimit",
            "canarySetting": "write the canary under canarySettings",
            "autoDeploy": "a stage always serves the routes of the stack file; remove it",
            "deploymentId": "a stage always serves the routes of the stack file; remove it",
            "accessLogSettings": "access logs are " + notSimulatedStageSetting,
            "tracingEnabled": "X-Ray tracing is " + notSimulatedStageSetting,
        ]
    )
    static let routeSettingsKeys = Keys(
        allowed: ["throttlingBurstLimit", "throttlingRateLimit", "cachingEnabled", "cacheTtlInSeconds"],
        notes: [
            "detailedMetricsEnabled": "detailed metrics are " + notSimulatedStageSetting,
            "loggingLevel": "execution logs are " + notSimulatedStageSetting,
            "dataTraceEnabled": "execution logs are " + notSimulatedStageSetting,
        ]
    )
    static let canaryKeys = Keys(allowed: ["deploymentId", "percentTraffic", "stageVariableOverrides", "useStageCache"])

    /// The cache sizes API Gateway offers, in GB.
    static let cacheClusterSizes: [Double] = [0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237]

    mutating func stages(_ node: StackNode, _ path: FieldPath) -> [Gateway.Configuration.Stage] {
        guard let elements = list(node, path) else { return [Gateway.Configuration.Stage(stageName: "$default")] }
        var stages: [Gateway.Configuration.Stage] = []
        for (index, element) in elements.enumerated() {
            let stagePath = path.index(index)
            guard let fields = fields(element, stagePath, Self.stageKeys) else { continue }
            let name = requiredString(fields, "stageName", "like $default (served at the root) or prod (served under /prod)")
            var stage = Gateway.Configuration.Stage(stageName: name ?? "")
            stage.stageVariables = stringMap(fields, "stageVariables") ?? [:]
            if let settingsNode = fields["defaultRouteSettings"] {
                stage.defaultRouteSettings = routeSettings(settingsNode, stagePath.key("defaultRouteSettings")) ?? stage.defaultRouteSettings
            }
            if let settingsNode = fields["routeSettings"] {
                stage.routeSettings = routeSettingsByKey(settingsNode, stagePath.key("routeSettings"))
            }
            stage.cacheClusterEnabled = bool(fields, "cacheClusterEnabled") ?? false
            stage.cacheTtlInSeconds = int(fields, "cacheTtlInSeconds", in: 0...3600, unit: " seconds") ?? stage.cacheTtlInSeconds
            if let size = number(fields, "cacheClusterSize") {
                if Self.cacheClusterSizes.contains(size) {
                    stage.cacheClusterSize = size
                } else {
                    report(
                        "must be one of API Gateway's cache sizes in GB: \(Self.cacheClusterSizes.map(Self.decimal).joined(separator: ", ")); got \(Self.decimal(size))",
                        at: fields["cacheClusterSize"],
                        stagePath.key("cacheClusterSize")
                    )
                }
            }
            stage.requireAuthorizationForCacheControl = bool(fields, "requireAuthorizationForCacheControl") ?? false
            if let canaryNode = fields["canarySettings"] {
                stage.canarySettings = canarySettings(canaryNode, stagePath.key("canarySettings"))
            }
            if name != nil { stages.append(stage) }
        }
        if elements.isEmpty {
            report("needs at least one stage, like - stageName: $default", at: node, path)
        }
        return stages
    }

    private mutating func routeSettings(_ node: StackNode, _ path: FieldPath) -> Gateway.Configuration.RouteSettings? {
        guard let fields = fields(node, path, Self.routeSettingsKeys) else { return nil }
        return Gateway.Configuration.RouteSettings(
            throttlingBurstLimit: int(fields, "throttlingBurstLimit", in: 0...Int.max),
            throttlingRateLimit: number(fields, "throttlingRateLimit", in: 0...Double.greatestFiniteMagnitude),
            cachingEnabled: bool(fields, "cachingEnabled"),
            cacheTtlInSeconds: int(fields, "cacheTtlInSeconds", in: 0...3600, unit: " seconds")
        )
    }

    /// `routeSettings:` maps route keys (`GET /api/shows`) to their settings.
    private mutating func routeSettingsByKey(_ node: StackNode, _ path: FieldPath) -> [String: Gateway.Configuration.RouteSettings] {
        guard let pairs = node.pairs else {
            report(
                "must be a mapping of route keys to settings, like \"GET /api/shows\": { throttlingRateLimit: 10 }; got \(node.kindDescription)",
                at: node,
                path
            )
            return [:]
        }
        var settings: [String: Gateway.Configuration.RouteSettings] = [:]
        for pair in pairs {
            guard let routeKey = string(pair.key, path), let value = routeSettings(pair.value, path.key(routeKey)) else { continue }
            settings[routeKey] = value
        }
        return settings
    }

    private mutating func canarySettings(_ node: StackNode, _ path: FieldPath) -> Gateway.Configuration.CanarySettings? {
        guard let fields = fields(node, path, Self.canaryKeys) else { return nil }
        guard required(fields, "percentTraffic", "the share of requests, 0.0 to 100.0, the canary answers") != nil,
            let percent = number(fields, "percentTraffic", in: 0...100)
        else { return nil }
        var canary = Gateway.Configuration.CanarySettings(percentTraffic: percent)
        canary.deploymentId = string(fields, "deploymentId") ?? canary.deploymentId
        canary.stageVariableOverrides = stringMap(fields, "stageVariableOverrides") ?? [:]
        canary.useStageCache = bool(fields, "useStageCache") ?? false
        return canary
    }
}
