/// The `key=value,…` part of a synthetic workload spec, read with defaults and checked for unknown keys.
struct WorkloadParameters {
    private let spec: String
    private var values: [String: String]

    init(spec: String, body: Substring) throws(ReplayError) {
        self.spec = spec
        values = [:]
        for item in body.split(separator: ",", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { throw .invalidWorkload(spec, "\"\(item)\" is not key=value") }
            values[parts[0].trimmingSpaces.lowercased()] = String(parts[1].trimmingSpaces)
        }
    }

    mutating func integer(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws(ReplayError) -> Int {
        guard let text = values.removeValue(forKey: name) else { return fallback }
        guard let value = Int(text.replacingUnderscores), range.contains(value) else {
            throw .invalidWorkload(spec, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(text)\"")
        }
        return value
    }

    mutating func seed(default fallback: UInt64) throws(ReplayError) -> UInt64 {
        guard let text = values.removeValue(forKey: "seed") else { return fallback }
        guard let value = UInt64(text.replacingUnderscores) else {
            throw .invalidWorkload(spec, "seed must be a non-negative whole number, not \"\(text)\"")
        }
        return value
    }

    mutating func number(_ name: String, default fallback: Double, in range: ClosedRange<Double>) throws(ReplayError) -> Double {
        guard let text = values.removeValue(forKey: name) else { return fallback }
        guard let value = Double(text.replacingUnderscores), range.contains(value) else {
            throw .invalidWorkload(spec, "\(name) must be a number from \(range.lowerBound) to \(range.upperBound), not \"\(text)\"")
        }
        return value
    }

    mutating func choice(_ name: String, default fallback: String, among allowed: [String]) throws(ReplayError) -> String {
        guard let text = values.removeValue(forKey: name)?.lowercased() else { return fallback }
        guard allowed.contains(text) else {
            throw .invalidWorkload(spec, "\(name) must be one of \(allowed.joined(separator: ", ")), not \"\(text)\"")
        }
        return text
    }

    /// Fails when a key was given that the workload does not read.
    func finish(known: [String]) throws(ReplayError) {
        guard let unknown = values.keys.sorted().first else { return }
        throw .invalidWorkload(spec, "unknown parameter \"\(unknown)\"; this workload takes \(known.joined(separator: ", "))")
    }
}

extension StringProtocol {
    var trimmingSpaces: Substring {
        let text = Substring(self)
        guard let first = text.firstIndex(where: { $0 != " " }) else { return "" }
        let last = text.lastIndex(where: { $0 != " " }) ?? first
        return text[first...last]
    }

    var replacingUnderscores: String { String(filter { $0 != "_" }) }

    var trimmingTrailingSpaces: String {
        var text = String(self)
        while text.last == " " { text.removeLast() }
        return text
    }
}

extension WorkloadParameters {
    /// The parameters of a Zipf draw over a catalogue, read in this order: alpha, objects, requests, seed, sizes.
    mutating func zipfCatalogue(
        alpha defaultAlpha: Double
    ) throws(ReplayError) -> (alpha: Double, objects: Int, requests: Int, seed: UInt64, sizes: ObjectSizes) {
        (
            try number("alpha", default: defaultAlpha, in: 0...10),
            try integer("objects", default: 100_000, in: 1...100_000_000),
            try integer("requests", default: 1_000_000, in: 1...2_000_000_000),
            try seed(default: 42),
            try ObjectSizes.parse(&self, median: 10_000)
        )
    }
}
