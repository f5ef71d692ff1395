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

    /// `Host` without port, brackets or a final dot, lower-cased. Read as bytes: every request goes through here,
    /// and a host already in lower case (the usual) is returned without a lower-cased copy.
    static func hostName(_ host: Substring) -> String {
        let bytes = host.utf8
        var start = bytes.startIndex
        var end = bytes.endIndex
        if bytes.first == UInt8(ascii: "[") {
            // IPv6 literal: keep the brackets' content.
            if let close = bytes.firstIndex(of: UInt8(ascii: "]")) {
                start = bytes.index(after: start)
                end = close
            }
        } else if let colon = bytes.lastIndex(of: UInt8(ascii: ":")) {
            end = colon
        }
        if start < end, bytes[bytes.index(before: end)] == UInt8(ascii: ".") { end = bytes.index(before: end) }
        let name = Substring(host[start..<end])
        let hasUpperCase = name.utf8.contains { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || $0 >= 0x80 }
        return hasUpperCase ? name.lowercased() : String(name)
    }
}
