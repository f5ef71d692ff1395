extension Gateway.Configuration {
    /// A token bucket's limits: `rateLimit` requests per second refilling a bucket of `burstLimit`.
    public struct ThrottleSettings: Sendable, Equatable {
        public var rateLimit: Double
        public var burstLimit: Int

        public init(rateLimit: Double, burstLimit: Int) {
            self.rateLimit = rateLimit
            self.burstLimit = burstLimit
        }

        /// API Gateway's default account limit per region (aws-behaviour §3.5).
        public static let account = ThrottleSettings(rateLimit: 10_000, burstLimit: 5_000)
    }

    /// A usage plan's quota: at most `limit` requests per period, across all stages of the plan.
    public struct QuotaSettings: Sendable, Equatable {
        public enum Period: String, Sendable, CaseIterable {
            case day = "DAY"
            case week = "WEEK"
            case month = "MONTH"
        }

        public var limit: Int
        public var period: Period
        /// Requests taken off the limit in the first period, as AWS's `offset` does.
        public var offset: Int

        public init(limit: Int, period: Period, offset: Int = 0) {
            self.limit = limit
            self.period = period
            self.offset = offset
        }
    }

    /// An API stage a usage plan covers.
    public struct APIStage: Sendable, Hashable {
        public var apiName: String
        public var stage: String

        public init(apiName: String, stage: String) {
            self.apiName = apiName
            self.stage = stage
        }
    }

    /// A usage plan: which keys may call which stages, how fast and how often (aws-behaviour §3.6).
    public struct UsagePlan: Sendable {
        public var name: String
        public var apiStages: [APIStage]
        public var throttle: ThrottleSettings?
        public var quota: QuotaSettings?
        /// Names of the API keys in the plan.
        public var apiKeys: [String]

        public init(
            name: String,
            apiStages: [APIStage],
            throttle: ThrottleSettings? = nil,
            quota: QuotaSettings? = nil,
            apiKeys: [String] = []
        ) {
            self.name = name
            self.apiStages = apiStages
            self.throttle = throttle
            self.quota = quota
            self.apiKeys = apiKeys
        }
    }

    /// An API key: a name and the value clients send in `x-api-key`.
    public struct APIKey: Sendable {
        public var name: String
        /// 20 to 128 alphanumeric characters, unique.
        public var value: String
        public var enabled: Bool

        public init(name: String, value: String, enabled: Bool = true) {
            self.name = name
            self.value = value
            self.enabled = enabled
        }
    }
}
