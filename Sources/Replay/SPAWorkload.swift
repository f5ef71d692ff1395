/// Traffic of a single-page app: `spa:requests=1000000,assets=8,deploys=4,returning=0.7,api=4,apiobjects=10000,seed=42`.
///
/// Each page view requests `index.html` (small); first-time visitors (1 − `returning`) also fetch every
/// hashed JS/CSS bundle of the current deploy (large, immutable, new names at each deploy); then a few API
/// GETs follow (small, Zipf over `apiobjects` resources, a share of them not cacheable, like
/// `Cache-Control: no-store` endpoints). Deploys are spread evenly over the trace.
public struct SPAWorkload: Sendable, Hashable {
    public var requests: Int
    /// Hashed bundles per deploy.
    public var assets: Int
    /// Deploys over the trace; each renames every bundle.
    public var deploys: Int
    /// The share of page views whose browser already holds the current bundles.
    public var returning: Double
    /// Mean API calls per page view (uniform from 0 to twice this).
    public var apiCalls: Int
    /// Distinct API resources.
    public var apiObjects: Int
    /// Zipf exponent of API popularity.
    public var apiAlpha: Double
    /// The share of API resources whose responses are not cacheable.
    public var apiUncacheable: Double
    public var seed: UInt64

    public init(
        requests: Int = 1_000_000,
        assets: Int = 8,
        deploys: Int = 4,
        returning: Double = 0.7,
        apiCalls: Int = 4,
        apiObjects: Int = 10_000,
        apiAlpha: Double = 0.9,
        apiUncacheable: Double = 0.2,
        seed: UInt64 = 42
    ) {
        self.requests = requests
        self.assets = assets
        self.deploys = deploys
        self.returning = returning
        self.apiCalls = apiCalls
        self.apiObjects = apiObjects
        self.apiAlpha = apiAlpha
        self.apiUncacheable = apiUncacheable
        self.seed = seed
    }

    static let parameterNames = ["requests", "assets", "deploys", "returning", "api", "apiobjects", "apialpha", "apiuncacheable", "seed"]

    init(parameters: inout WorkloadParameters) throws(ReplayError) {
        requests = try parameters.integer("requests", default: 1_000_000, in: 1...2_000_000_000)
        assets = try parameters.integer("assets", default: 8, in: 0...10_000)
        deploys = try parameters.integer("deploys", default: 4, in: 1...65_535)
        returning = try parameters.number("returning", default: 0.7, in: 0...1)
        apiCalls = try parameters.integer("api", default: 4, in: 0...1000)
        apiObjects = try parameters.integer("apiobjects", default: 10_000, in: 1...100_000_000)
        apiAlpha = try parameters.number("apialpha", default: 0.9, in: 0...10)
        apiUncacheable = try parameters.number("apiuncacheable", default: 0.2, in: 0...1)
        seed = try parameters.seed(default: 42)
    }

    /// Keys carry their kind in the top byte so index, bundles and API resources never collide.
    private enum Kind: UInt64 {
        case index = 1
        case bundle = 2
        case api = 3

        func key(_ number: UInt64) -> UInt64 { rawValue << 56 | number }
    }

    private static let indexSize = 1_800
    private static let bundleSizes = ObjectSizes.logNormal(median: 120_000, sigma: 1.0, minimum: 1_024, maximum: 4 * 1024 * 1024)
    private static let apiSizes = ObjectSizes.logNormal(median: 1_200, sigma: 0.8, minimum: 64, maximum: 256 * 1024)

    /// Generates page views until `requests` requests.
    public func makeTrace(source: String) -> Trace {
        var random = PythonRandom(seed: seed)
        let apiSampler = ZipfSampler(count: apiObjects, alpha: apiAlpha)
        var apiSizes = ContiguousArray<Int>()
        var apiCacheable = ContiguousArray<Bool>()
        apiSizes.reserveCapacity(apiObjects)
        apiCacheable.reserveCapacity(apiObjects)
        for _ in 0..<apiObjects {
            apiSizes.append(Self.apiSizes.draw(&random))
            apiCacheable.append(random.random() >= apiUncacheable)
        }
        var bundleSizes = ContiguousArray<Int>()
        bundleSizes.reserveCapacity(assets * deploys)
        for _ in 0..<(assets * deploys) {
            bundleSizes.append(Self.bundleSizes.draw(&random))
        }
        var trace = Trace(source: source)
        trace.reserveCapacity(requests)
        while trace.count < requests {
            let deploy = min(trace.count * deploys / requests, deploys - 1)
            trace.append(key: Kind.index.key(UInt64(deploy)), size: Self.indexSize)
            if random.random() >= returning {
                for bundle in 0..<assets where trace.count < requests {
                    let number = deploy * assets + bundle
                    trace.append(key: Kind.bundle.key(UInt64(number)), size: bundleSizes[number])
                }
            }
            let calls = random.below(2 * apiCalls + 1)
            for _ in 0..<calls where trace.count < requests {
                let resource = apiSampler.draw(&random)
                trace.append(key: Kind.api.key(UInt64(resource)), size: apiSizes[resource], cacheable: apiCacheable[resource])
            }
        }
        return trace
    }
}
