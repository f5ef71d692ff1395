/// Independent requests over a fixed catalogue with Zipf popularity: `zipf:alpha=0.8,objects=100000,requests=1000000,seed=42`.
///
/// The same parameters give byte for byte the trace `tools/gen_zipf_trace.py` writes (same Mersenne Twister
/// draws in the same order: the rank-to-id shuffle, one size per object, then the requests), so the
/// reference miss ratios of hitrate.md replay without Python.
public struct ZipfWorkload: Sendable, Hashable {
    public var alpha: Double
    public var objects: Int
    public var requests: Int
    public var seed: UInt64
    public var sizes: ObjectSizes

    /// The defaults are `gen_zipf_trace.py`'s (alpha 1.0, 100,000 objects, 1,000,000 requests, seed 42).
    public init(alpha: Double = 1.0, objects: Int = 100_000, requests: Int = 1_000_000, seed: UInt64 = 42, sizes: ObjectSizes = .reference) {
        self.alpha = alpha
        self.objects = objects
        self.requests = requests
        self.seed = seed
        self.sizes = sizes
    }

    static let parameterNames = ["alpha", "objects", "requests", "seed"] + ObjectSizes.parameterNames

    init(parameters: inout WorkloadParameters) throws(ReplayError) {
        (alpha, objects, requests, seed, sizes) = try parameters.zipfCatalogue(alpha: 1.0)
    }

    /// Generates the requests.
    public func makeTrace(source: String) -> Trace {
        let sampler = ZipfSampler(count: objects, alpha: alpha)
        var catalogue = SyntheticCatalogue(seed: seed, objects: objects, sizes: sizes)
        return catalogue.makeTrace(source: source, requests: requests) { catalogue, _ in
            let rank = sampler.draw(&catalogue.random)
            return (catalogue.ids[rank], catalogue.objectSizes[rank])
        }
    }
}
