extension Gateway.Configuration {
    /// A stage: a named deployment with its variables, limits, cache and canary (aws-behaviour §3.9, §3.10).
    public struct Stage: Sendable {
        /// `$default`, `prod`, `v1`.
        public var stageName: String
        /// Values for `${stageVariables.name}` in integration targets; passed to proxy events as `stageVariables`.
        public var stageVariables: [String: String]
        /// Throttling for every route of the stage (HTTP API `DefaultRouteSettings`).
        public var defaultRouteSettings: RouteSettings
        /// Per-route settings keyed by route key (`GET /shows`), overriding the defaults.
        public var routeSettings: [String: RouteSettings]
        /// Whether the stage response cache is on (REST `cacheClusterEnabled`).
        public var cacheClusterEnabled: Bool
        /// Seconds a cached response lives: default 300, at most 3600, 0 disables.
        public var cacheTtlInSeconds: Int
        /// The cache's capacity in GB, as AWS sizes cache clusters ("0.5" by default); the oldest entries go first.
        public var cacheClusterSize: Double
        /// Whether a client's `Cache-Control: max-age=0` needs authorisation to refresh an entry. Without a policy,
        /// as here by default, any client can invalidate (aws-behaviour §3.10); with it, no local client can.
        public var requireAuthorizationForCacheControl: Bool
        /// A canary release sharing the stage's traffic.
        public var canarySettings: CanarySettings?

        public init(
            stageName: String,
            stageVariables: [String: String] = [:],
            defaultRouteSettings: RouteSettings = RouteSettings(),
            routeSettings: [String: RouteSettings] = [:],
            cacheClusterEnabled: Bool = false,
            cacheTtlInSeconds: Int = 300,
            cacheClusterSize: Double = 0.5,
            requireAuthorizationForCacheControl: Bool = false,
            canarySettings: CanarySettings? = nil
        ) {
            self.stageName = stageName
            self.stageVariables = stageVariables
            self.defaultRouteSettings = defaultRouteSettings
            self.routeSettings = routeSettings
            self.cacheClusterEnabled = cacheClusterEnabled
            self.cacheTtlInSeconds = cacheTtlInSeconds
            self.cacheClusterSize = cacheClusterSize
            self.requireAuthorizationForCacheControl = requireAuthorizationForCacheControl
            self.canarySettings = canarySettings
        }
    }

    /// Route-level stage settings (HTTP API `RouteSettings`, REST `MethodSettings`).
    public struct RouteSettings: Sendable, Equatable {
        /// Burst (bucket size); nil inherits.
        public var throttlingBurstLimit: Int?
        /// Steady-state requests per second; nil inherits.
        public var throttlingRateLimit: Double?
        /// Whether the stage cache serves this route; nil caches `GET` only, as API Gateway does by default.
        public var cachingEnabled: Bool?
        /// Overrides the stage cache TTL for this route.
        public var cacheTtlInSeconds: Int?

        public init(
            throttlingBurstLimit: Int? = nil,
            throttlingRateLimit: Double? = nil,
            cachingEnabled: Bool? = nil,
            cacheTtlInSeconds: Int? = nil
        ) {
            self.throttlingBurstLimit = throttlingBurstLimit
            self.throttlingRateLimit = throttlingRateLimit
            self.cachingEnabled = cachingEnabled
            self.cacheTtlInSeconds = cacheTtlInSeconds
        }
    }

    /// A canary: a share of the stage's requests runs with other stage variables (REST `canarySettings`).
    public struct CanarySettings: Sendable, Equatable {
        /// Names the canary deployment; appears in logs and keeps its cache apart.
        public var deploymentId: String
        /// Percentage of requests (0.0-100.0) sent to the canary.
        public var percentTraffic: Double
        /// Stage variables the canary overrides, pointing integrations at the new targets.
        public var stageVariableOverrides: [String: String]
        /// Whether canary requests share the stage cache; otherwise they have their own.
        public var useStageCache: Bool

        public init(
            deploymentId: String = "canary",
            percentTraffic: Double,
            stageVariableOverrides: [String: String] = [:],
            useStageCache: Bool = false
        ) {
            self.deploymentId = deploymentId
            self.percentTraffic = percentTraffic
            self.stageVariableOverrides = stageVariableOverrides
            self.useStageCache = useStageCache
        }
    }
}
