/// Zipf traffic mixed with one-hit wonders, objects requested once and never again:
/// `onehit:share=0.3,alpha=0.8,objects=100000,requests=1000000,seed=42`.
///
/// CDN traces have many (hitrate.md §1.7 lists 42–61 % of objects over a full trace); they are what
/// S3-FIFO's small queue and TinyLFU's filter keep out of the main cache.
public struct OneHitWonderWorkload: Sendable, Hashable {
    /// The share of requests that go to a fresh, never-repeated object.
    public var share: Double
    public var alpha: Double
    public var objects: Int
    public var requests: Int
    public var seed: UInt64
    public var sizes: ObjectSizes

    public init(
        share: Double = 0.3,
        alpha: Double = 0.8,
        objects: Int = 100_000,
        requests: Int = 1_000_000,
        seed: UInt64 = 42,
        sizes: ObjectSizes = .reference
    ) {
        self.share = share
        self.alpha = alpha
        self.objects = objects
        self.requests = requests
        self.seed = seed
        self.sizes = sizes
    }

    static let parameterNames = ["share", "alpha", "objects", "requests", "seed"] + ObjectSizes.parameterNames

    init(parameters: inout WorkloadParameters) throws(ReplayError) {
        share = try parameters.number("share", default: 0.3, in: 0...1)
        (alpha, objects, requests, seed, sizes) = try parameters.zipfCatalogue(alpha: 0.8)
    }

    /// Generates the requests; one-hit wonders take ids above the catalogue's.
    public func makeTrace(source: String) -> Trace {
        let sampler = ZipfSampler(count: objects, alpha: alpha)
        var catalogue = SyntheticCatalogue(seed: seed, objects: objects, sizes: sizes)
        var nextFresh = UInt64(objects) + 1
        return catalogue.makeTrace(source: source, requests: requests) { catalogue, _ in
            if catalogue.random.random() < share {
                defer { nextFresh += 1 }
                return (nextFresh, sizes.draw(&catalogue.random))
            }
            let rank = sampler.draw(&catalogue.random)
            return (catalogue.ids[rank], catalogue.objectSizes[rank])
        }
    }
}
