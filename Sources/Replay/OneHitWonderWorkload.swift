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
        alpha = try parameters.number("alpha", default: 0.8, in: 0...10)
        objects = try parameters.integer("objects", default: 100_000, in: 1...100_000_000)
        requests = try parameters.integer("requests", default: 1_000_000, in: 1...2_000_000_000)
        seed = try parameters.seed(default: 42)
        sizes = try ObjectSizes.parse(&parameters, median: 10_000)
    }

    /// Generates the requests; one-hit wonders take ids above the catalogue's.
    public func makeTrace(source: String) -> Trace {
        var random = PythonRandom(seed: seed)
        let sampler = ZipfSampler(count: objects, alpha: alpha)
        var ids = ContiguousArray<UInt64>((1...UInt64(objects)))
        random.shuffle(&ids)
        var objectSizes = ContiguousArray<Int>()
        objectSizes.reserveCapacity(objects)
        for _ in 0..<objects {
            objectSizes.append(sizes.draw(&random))
        }
        var trace = Trace(source: source)
        trace.reserveCapacity(requests)
        var nextFresh = UInt64(objects) + 1
        for _ in 0..<requests {
            if random.random() < share {
                trace.append(key: nextFresh, size: sizes.draw(&random))
                nextFresh += 1
            } else {
                let rank = sampler.draw(&random)
                trace.append(key: ids[rank], size: objectSizes[rank])
            }
        }
        return trace
    }
}
