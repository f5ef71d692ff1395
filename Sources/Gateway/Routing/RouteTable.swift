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
        var best: (index: Int, category: Int, shape: Shape)?
        for (index, key) in keys.enumerated() {
            let category: Int
            switch key.method {
            case .named(let name) where name == method: category = 0
            case .named: continue
            case .any: category = 1
            case nil: category = 2
            }
            guard let shape = key.isDefault ? Shape.root : Self.shape(of: key.segments, matching: segments) else { continue }
            if let current = best, (current.category, current.shape) <= (category, shape) { continue }
            best = (index, category, shape)
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
        var best: (resource: [RouteKey.Segment], shape: Shape)?
        for key in keys where !key.isDefault {
            guard let shape = Self.shape(of: key.segments, matching: segments) else { continue }
            if let current = best, current.shape <= shape { continue }
            best = (key.segments, shape)
        }
        return best?.resource
    }

    /// How specifically a pattern matches a path; smaller is more specific. Comparing values, not arrays, keeps
    /// matching free of allocation.
    struct Shape: Comparable, Sendable {
        /// 0 for a fixed-length pattern, 1 for a greedy one.
        let greedy: Int
        /// Minus the segments before the greedy one: a longer literal prefix wins.
        let negativeFixedCount: Int
        /// One bit a segment, first segment highest: 0 for a literal, 1 for a parameter. Patterns compared here
        /// have as many fixed segments, so comparing the numbers compares the sequences.
        let parameterBits: UInt64

        static let root = Shape(greedy: 0, negativeFixedCount: 0, parameterBits: 0)

        static func < (lhs: Shape, rhs: Shape) -> Bool {
            (lhs.greedy, lhs.negativeFixedCount, lhs.parameterBits) < (rhs.greedy, rhs.negativeFixedCount, rhs.parameterBits)
        }
    }

    /// How `pattern` matches `segments`, or nil when it does not.
    static func shape(of pattern: [RouteKey.Segment], matching segments: [String]) -> Shape? {
        let greedy: Bool
        if case .greedy = pattern.last { greedy = true } else { greedy = false }
        let fixed = greedy ? pattern.count - 1 : pattern.count
        // A greedy variable needs at least one segment: `{proxy+}` never matches the resource root.
        guard greedy ? segments.count > fixed : segments.count == fixed else { return nil }
        var bits: UInt64 = 0
        for index in 0..<fixed {
            switch pattern[index] {
            case .literal(let text):
                guard text == segments[index] else { return nil }
                bits = bits &<< 1
            case .parameter:
                bits = bits &<< 1 | 1
            case .greedy:
                return nil
            }
        }
        return Shape(greedy: greedy ? 1 : 0, negativeFixedCount: -fixed, parameterBits: bits)
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
