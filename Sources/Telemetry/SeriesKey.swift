/// What statistics are kept per: a distribution's behaviour at one POP and tier.
struct SeriesKey: Hashable, Sendable {
    /// The distribution id, or `-` for requests no distribution took.
    var distribution: String
    /// The behaviour's path pattern, or `-`.
    var behavior: String
    var pop: String
    var tier: RequestEvent.Tier

    init(distribution: String, behavior: String, pop: String, tier: RequestEvent.Tier) {
        self.distribution = distribution
        self.behavior = behavior
        self.pop = pop
        self.tier = tier
    }

    /// The event's key; builds no string (the fields are the event's own, or a literal).
    @inline(__always)
    init(_ event: RequestEvent) {
        distribution = event.distributionID ?? "-"
        behavior = event.behaviorPathPattern ?? "-"
        pop = event.pop
        tier = event.tier
    }
}

/// Hands out one dense index per series, shared by every stripe so that merging is element by element.
struct SeriesRegistry: Sendable {
    private(set) var keys: [SeriesKey] = []
    private var indices: [SeriesKey: Int] = [:]

    mutating func index(of key: SeriesKey) -> Int {
        if let known = indices[key] { return known }
        let index = keys.count
        keys.append(key)
        indices[key] = index
        return index
    }
}
