/// A generated workload, named by a spec string `kind:key=value,…` (`--synthetic`).
///
/// Kinds: `zipf` (``ZipfWorkload``, the reference trace's generator), `onehit` (``OneHitWonderWorkload``),
/// `hotset` (``HotSetWorkload``) and `spa` (``SPAWorkload``). Every generator is seeded: the same spec gives
/// the same trace.
public enum SyntheticWorkload: Sendable, Hashable {
    case zipf(ZipfWorkload)
    case oneHitWonders(OneHitWonderWorkload)
    case movingHotSet(HotSetWorkload)
    case spa(SPAWorkload)

    /// Parses `zipf:alpha=0.8,objects=100000,requests=1000000,seed=42` and the like.
    public init(spec: String) throws(ReplayError) {
        let trimmed = spec.trimmingSpaces
        let kind = trimmed.prefix { $0 != ":" }.lowercased()
        let body = trimmed.dropFirst(kind.count).drop { $0 == ":" }
        var parameters = try WorkloadParameters(spec: spec, body: body)
        switch kind {
        case "zipf":
            self = .zipf(try ZipfWorkload(parameters: &parameters))
            try parameters.finish(known: ZipfWorkload.parameterNames)
        case "onehit", "one-hit-wonders", "onehitwonders":
            self = .oneHitWonders(try OneHitWonderWorkload(parameters: &parameters))
            try parameters.finish(known: OneHitWonderWorkload.parameterNames)
        case "hotset", "moving-hot-set", "churn":
            self = .movingHotSet(try HotSetWorkload(parameters: &parameters))
            try parameters.finish(known: HotSetWorkload.parameterNames)
        case "spa":
            self = .spa(try SPAWorkload(parameters: &parameters))
            try parameters.finish(known: SPAWorkload.parameterNames)
        default:
            throw .invalidWorkload(spec, "unknown kind \"\(kind)\"; use zipf, onehit, hotset or spa")
        }
    }

    /// Generates the trace; its source is `source`.
    public func makeTrace(source: String) -> Trace {
        switch self {
        case .zipf(let workload): workload.makeTrace(source: source)
        case .oneHitWonders(let workload): workload.makeTrace(source: source)
        case .movingHotSet(let workload): workload.makeTrace(source: source)
        case .spa(let workload): workload.makeTrace(source: source)
        }
    }
}
