/// Host name → distribution, compiled once when the stack loads (aws-behaviour §1.20).
public struct DistributionTable: Sendable {
    private var byHost: [String: Int] = [:]
    public let distributions: [Distribution]
    /// The same distributions, by the same index, as the viewer path holds them.
    let routes: [DistributionRoute]

    public init(_ distributions: [Distribution]) {
        self.distributions = distributions
        self.routes = distributions.map(DistributionRoute.init)
        for (index, distribution) in distributions.enumerated() {
            byHost[distribution.domainName.lowercased()] = index
            for alias in distribution.aliases {
                byHost[alias.lowercased()] = index
            }
        }
    }

    /// The distribution for a `Host` (or `:authority`) value; port, trailing dot and case are ignored.
    /// Wildcard aliases (`*.example.com`) match one extra label, as CloudFront's do.
    public func distribution(forHost host: Substring) -> Distribution? {
        route(forHost: host)?.distribution
    }

    /// ``distribution(forHost:)`` for the viewer path: a shared reference rather than a copy.
    func route(forHost host: Substring) -> DistributionRoute? {
        let name = Self.hostName(host)
        if let index = byHost[name] { return routes[index] }
        if let dot = name.firstIndex(of: "."), let index = byHost["*" + name[dot...]] {
            return routes[index]
        }
        return nil
    }

    public func distribution(withID id: String) -> Distribution? {
        distributions.first { $0.id == id }
    }

    static func hostName(_ host: Substring) -> String {
        var name = host
        if name.hasPrefix("[") {
            // IPv6 literal: keep the brackets' content.
            if let close = name.firstIndex(of: "]") { name = name[name.index(after: name.startIndex)..<close] }
        } else if let colon = name.lastIndex(of: ":") {
            name = name[..<colon]
        }
        if name.hasSuffix(".") { name = name.dropLast() }
        return name.lowercased()
    }
}
