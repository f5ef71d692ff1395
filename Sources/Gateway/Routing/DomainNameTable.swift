/// Custom domain names compiled for lookup: host, then the longest base path that prefixes the request path.
struct DomainNameTable: Sendable {
    private struct Entry: Sendable {
        let basePath: [Substring]
        let mapping: Gateway.Configuration.BasePathMapping
    }

    private let entries: [String: [Entry]]

    init(_ domainNames: [Gateway.Configuration.DomainName]) {
        var entries: [String: [Entry]] = [:]
        for domain in domainNames {
            let list = domain.basePathMappings.map { mapping in
                Entry(basePath: mapping.basePath.split(separator: "/", omittingEmptySubsequences: true), mapping: mapping)
            }
            entries[domain.domainName.lowercased(), default: []].append(contentsOf: list)
        }
        // Longest base path first, so that `shows/v1` wins over `shows` and over `(none)`.
        self.entries = entries.mapValues { $0.sorted { $0.basePath.count > $1.basePath.count } }
    }

    /// The API stage serving `path` on `host`, and the path left once the base path is taken off.
    func resolve(host: String, path: String) -> Gateway.APIMapping? {
        guard let candidates = entries[Self.normalise(host: host)] else { return nil }
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        for entry in candidates where segments.starts(with: entry.basePath) {
            let rest = segments.dropFirst(entry.basePath.count)
            var remaining = "/" + rest.joined(separator: "/")
            if path.hasSuffix("/") && !rest.isEmpty { remaining += "/" }
            return Gateway.APIMapping(apiName: entry.mapping.apiName, stage: entry.mapping.stage, path: remaining)
        }
        return nil
    }

    static func normalise(host: String) -> String {
        var host = Substring(host)
        // `Host: api.edgesim.test:8443` names the same domain as `api.edgesim.test`; IPv6 literals keep their colons.
        if !host.hasPrefix("["), let colon = host.lastIndex(of: ":") {
            host = host[..<colon]
        }
        if host.hasSuffix(".") { host = host.dropLast() }
        return host.lowercased()
    }
}

extension Gateway {
    /// An API stage chosen for a request, and the path the API routes on.
    public struct APIMapping: Sendable, Equatable {
        public var apiName: String
        public var stage: String
        /// The path relative to the stage, starting with `/`.
        public var path: String

        public init(apiName: String, stage: String, path: String) {
            self.apiName = apiName
            self.stage = stage
            self.path = path
        }
    }
}
