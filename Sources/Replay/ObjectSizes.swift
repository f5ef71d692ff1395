import Foundation

/// How a synthetic workload sizes its objects: one size drawn per object, fixed for its lifetime.
public enum ObjectSizes: Sendable, Hashable {
    /// Every object has this many bytes.
    case fixed(Int)
    /// `lognormal(mu = ln(median), sigma)` bytes, truncated to an integer and clamped to `minimum...maximum`,
    /// exactly as `gen_zipf_trace.py` draws them.
    case logNormal(median: Double, sigma: Double, minimum: Int, maximum: Int)

    /// `gen_zipf_trace.py`'s defaults: median 10,000 bytes, sigma 1.5, clamped to 64 B … 16 MiB.
    public static let reference = ObjectSizes.logNormal(median: 10_000, sigma: 1.5, minimum: 64, maximum: 16 * 1024 * 1024)

    func draw(_ random: inout PythonRandom) -> Int {
        switch self {
        case .fixed(let size):
            return size
        case .logNormal(let median, let sigma, let minimum, let maximum):
            let drawn = random.logNormal(mean: log(median), deviation: sigma)
            // Python's min(max, max(min, int(x))), without trapping on values no Int holds.
            guard drawn < Double(maximum) else { return maximum }
            guard drawn >= Double(minimum) else { return minimum }
            return min(maximum, max(minimum, Int(drawn)))
        }
    }

    static let parameterNames = ["sizes", "size", "median", "sigma", "min", "max"]

    /// Reads `sizes=fixed|lognormal`, `size`, `median`, `sigma`, `min`, `max`.
    static func parse(_ parameters: inout WorkloadParameters, median defaultMedian: Double) throws(ReplayError) -> ObjectSizes {
        let kind = try parameters.choice("sizes", default: "lognormal", among: ["lognormal", "fixed"])
        let fixedSize = try parameters.integer("size", default: 4096, in: 0...(1 << 40))
        let median = try parameters.number("median", default: defaultMedian, in: 1...1e12)
        let sigma = try parameters.number("sigma", default: 1.5, in: 0...10)
        let minimum = try parameters.integer("min", default: 64, in: 0...(1 << 40))
        let maximum = try parameters.integer("max", default: 16 * 1024 * 1024, in: 0...(1 << 40))
        guard minimum <= maximum else { throw .invalidWorkload("sizes", "min (\(minimum)) is above max (\(maximum))") }
        return kind == "fixed" ? .fixed(fixedSize) : .logNormal(median: median, sigma: sigma, minimum: minimum, maximum: maximum)
    }
}

/// Zipf popularity over ranks `1...count`: P(rank r) ∝ 1 / r^alpha, drawn as `random.choices` does.
struct ZipfSampler: Sendable {
    private let cumulativeWeights: ContiguousArray<Double>

    init(count: Int, alpha: Double) {
        var cumulative = ContiguousArray<Double>()
        cumulative.reserveCapacity(count)
        var total = 0.0
        for rank in 1...max(count, 1) {
            total += 1.0 / pow(Double(rank), alpha)
            cumulative.append(total)
        }
        cumulativeWeights = cumulative
    }

    /// A rank from 0 (most popular) to count − 1.
    func draw(_ random: inout PythonRandom) -> Int {
        random.choice(cumulativeWeights: cumulativeWeights)
    }
}
