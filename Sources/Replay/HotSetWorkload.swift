/// Popularity churn: a hot set that moves to new objects every `period` requests, over Zipf background
/// traffic: `hotset:objects=100000,hot=1000,period=100000,share=0.8,alpha=0.8,requests=1000000,seed=42`.
///
/// Recency-blind policies (LFU) keep yesterday's hot set; policies that demote quickly adapt.
public struct HotSetWorkload: Sendable, Hashable {
    public var objects: Int
    /// Objects in the hot set.
    public var hot: Int
    /// Requests between two moves of the hot set.
    public var period: Int
    /// The share of requests that go to the hot set (Zipf within it); the rest is Zipf over the catalogue.
    public var share: Double
    public var alpha: Double
    public var requests: Int
    public var seed: UInt64
    public var sizes: ObjectSizes

    public init(
        objects: Int = 100_000,
        hot: Int = 1000,
        period: Int = 100_000,
        share: Double = 0.8,
        alpha: Double = 0.8,
        requests: Int = 1_000_000,
        seed: UInt64 = 42,
        sizes: ObjectSizes = .reference
    ) {
        self.objects = objects
        self.hot = hot
        self.period = period
        self.share = share
        self.alpha = alpha
        self.requests = requests
        self.seed = seed
        self.sizes = sizes
    }

    static let parameterNames = ["objects", "hot", "period", "share", "alpha", "requests", "seed"] + ObjectSizes.parameterNames

    init(parameters: inout WorkloadParameters) throws(ReplayError) {
        objects = try parameters.integer("objects", default: 100_000, in: 1...100_000_000)
        hot = try parameters.integer("hot", default: 1000, in: 1...100_000_000)
        period = try parameters.integer("period", default: 100_000, in: 1...2_000_000_000)
        share = try parameters.number("share", default: 0.8, in: 0...1)
        alpha = try parameters.number("alpha", default: 0.8, in: 0...10)
        requests = try parameters.integer("requests", default: 1_000_000, in: 1...2_000_000_000)
        seed = try parameters.seed(default: 42)
        sizes = try ObjectSizes.parse(&parameters, median: 10_000)
        guard hot <= objects else { throw .invalidWorkload("hotset", "hot (\(hot)) is larger than objects (\(objects))") }
    }

    /// Generates the requests; phase `p`'s hot set is objects `p × hot …` (modulo the catalogue).
    public func makeTrace(source: String) -> Trace {
        let background = ZipfSampler(count: objects, alpha: alpha)
        let hotSampler = ZipfSampler(count: hot, alpha: alpha)
        var catalogue = SyntheticCatalogue(seed: seed, objects: objects, sizes: sizes)
        return catalogue.makeTrace(source: source, requests: requests) { catalogue, request in
            let object: Int
            if catalogue.random.random() < share {
                let phase = request / period
                object = (phase * hot + hotSampler.draw(&catalogue.random)) % objects
            } else {
                object = Int(catalogue.ids[background.draw(&catalogue.random)] - 1)
            }
            return (UInt64(object + 1), catalogue.objectSizes[object])
        }
    }
}
