/// The routes of an API compiled for lookup (aws-behaviour §3.2).
///
/// HTTP API: an exact route and method first, then the method's greedy routes, then `ANY`, then `$default`;
/// among equals, literal segments beat parameters. REST: the most specific resource is chosen first and must
/// then have the method (or `ANY`); a resource without it is a miss, as API Gateway's resource tree behaves.
struct RouteTable: Sendable {
    struct Match: Equatable, Sendable {
        let routeIndex: Int
        let pathParameters: [String: String]
    }

    let protocolType: Gateway.Configuration.ProtocolType
    let keys: [RouteKey]

    init(protocolType: Gateway.Configuration.ProtocolType, keys: [RouteKey]) {
        self.protocolType = protocolType
        self.keys = keys
    }

    /// The route answering `method` on `segments` (decoded path segments), or nil.
    func match(method: String, segments: [String]) -> Match? {
        switch protocolType {
        case .http: httpMatch(method: method, segments: segments)
        case .rest: restMatch(method: method, segments: segments)
        }
    }

    /// The methods defined on the resource that `segments` resolves to (REST), for the console-style OPTIONS.
    func methodsOnResource(segments: [String]) -> [String]? {
        guard let resource = bestResource(segments: segments) else { return nil }
        var methods: [String] = []
        for key in keys where key.segments == resource {
            switch key.method {
            case .named(let name): methods.append(name)
            case .any: methods.append(contentsOf: ["DELETE", "GET", "HEAD", "PATCH", "POST", "PUT"])
            case nil: break
            }
        }
        return methods
    }

    private func httpMatch(method: String, segments: [String]) -> Match? {
        var best: (index: Int, rank: [Int])?
        for (index, key) in keys.enumerated() {
            let category: Int
            switch key.method {
            case .named(let name) where name == method: category = 0
            case .named: continue
            case .any: category = 1
            case nil: category = 2
            }
            guard let shape = key.isDefault ? [] : Self.shape(of: key.segments, matching: segments) else { continue }
            let rank = [category] + shape
            if best == nil || rank.lexicographicallyPrecedes(best!.rank) {
                best = (index, rank)
            }
        }
        guard let best else { return nil }
        return Match(routeIndex: best.index, pathParameters: Self.parameters(of: keys[best.index], segments: segments))
    }

    private func restMatch(method: String, segments: [String]) -> Match? {
        guard let resource = bestResource(segments: segments) else { return nil }
        var anyIndex: Int?
        for (index, key) in keys.enumerated() where key.segments == resource && !key.isDefault {
            switch key.method {
            case .named(let name) where name == method:
                return Match(routeIndex: index, pathParameters: Self.parameters(of: key, segments: segments))
            case .any: anyIndex = anyIndex ?? index
            default: continue
            }
        }
        guard let anyIndex else { return nil }
        return Match(routeIndex: anyIndex, pathParameters: Self.parameters(of: keys[anyIndex], segments: segments))
    }

    private func bestResource(segments: [String]) -> [RouteKey.Segment]? {
        var best: (resource: [RouteKey.Segment], rank: [Int])?
        for key in keys where !key.isDefault {
            guard let rank = Self.shape(of: key.segments, matching: segments) else { continue }
            if best == nil || rank.lexicographicallyPrecedes(best!.rank) {
                best = (key.segments, rank)
            }
        }
        return best?.resource
    }

    /// How specifically `pattern` matches `segments`, smaller being more specific: whether it is greedy, minus the
    /// segments before the greedy one, then 0 for each literal and 1 for each parameter. nil when it does not match.
    static func shape(of pattern: [RouteKey.Segment], matching segments: [String]) -> [Int]? {
        let greedy: Bool
        if case .greedy = pattern.last { greedy = true } else { greedy = false }
        let fixed = greedy ? pattern.count - 1 : pattern.count
        // A greedy variable needs at least one segment: `{proxy+}` never matches the resource root.
        guard greedy ? segments.count > fixed : segments.count == fixed else { return nil }
        var rank = [greedy ? 1 : 0, greedy ? -fixed : 0]
        rank.reserveCapacity(fixed + 2)
        for index in 0..<fixed {
            switch pattern[index] {
            case .literal(let text):
                guard text == segments[index] else { return nil }
                rank.append(0)
            case .parameter:
                rank.append(1)
            case .greedy:
                return nil
            }
        }
        return rank
    }

    static func parameters(of key: RouteKey, segments: [String]) -> [String: String] {
        var parameters: [String: String] = [:]
        for (index, segment) in key.segments.enumerated() {
            switch segment {
            case .literal: continue
            case .parameter(let name): parameters[name] = segments[index]
            case .greedy(let name): parameters[name] = segments[index...].joined(separator: "/")
            }
        }
        return parameters
    }
}
