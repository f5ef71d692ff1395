import Edge
import Gateway
import Store

extension StackDecoder {
    /// The top-level sections the gateway reads.
    static let gatewaySections = ["apis", "usagePlans", "apiKeys", "domainNames"]

    /// Reads `apis:`, `usagePlans:`, `apiKeys:` and `domainNames:`, checks that distributions' gateway origins
    /// name an API, then runs the gateway's own ``Gateway/Configuration/validate()`` and reports its errors at
    /// their place in the file. Its warnings come back for ``Stack/warnings``.
    ///
    /// The gateway's checks run only when the sections read without a problem: then every list entry was read
    /// in place, so the gateway's field paths (`apis[0].routes[2].routeKey`) are the file's.
    mutating func gateway(
        _ fields: Fields,
        tables: [TableDefinition],
        distributions: [Distribution]
    ) -> (configuration: Gateway.Configuration, warnings: [StackConfigError.Problem]) {
        let problemsBefore = problems.count
        var configuration = Gateway.Configuration()
        var apiNamesComplete = true
        if let node = fields["apis"] {
            let read = apis(node, .root.key("apis"), tables: tables)
            configuration.apis = read.apis
            apiNamesComplete = read.namesComplete
        }
        if let node = fields["usagePlans"] { configuration.usagePlans = usagePlans(node, .root.key("usagePlans")) }
        if let node = fields["apiKeys"] { configuration.apiKeys = apiKeys(node, .root.key("apiKeys")) }
        if let node = fields["domainNames"] {
            var aliases: [String: Int] = [:]
            for (index, distribution) in distributions.enumerated() {
                for alias in distribution.aliases where aliases[alias.lowercased()] == nil { aliases[alias.lowercased()] = index }
            }
            configuration.domainNames = domainNames(node, .root.key("domainNames"), aliases: aliases)
        }
        if apiNamesComplete { checkGatewayOrigins(fields["distributions"], apiNames: configuration.apis.map(\.name)) }
        guard problems.count == problemsBefore else { return (configuration, []) }
        var warnings: [StackConfigError.Problem] = []
        for issue in configuration.validate() {
            let place = Self.locate(issue.fieldPath, in: fields.node)
            let message = "\(issue.message); \(issue.fix)"
            switch issue.severity {
            case .error: report(message, at: place.node, place.path)
            case .warning:
                warnings.append(
                    StackConfigError.Problem(
                        file: file,
                        line: place.node.line,
                        column: place.node.column,
                        fieldPath: place.path.description,
                        message: message
                    )
                )
            }
        }
        return (configuration, warnings)
    }

    /// An origin's `gateway: NAME` must name an API of `apis:`.
    private mutating func checkGatewayOrigins(_ distributionsNode: StackNode?, apiNames: [String]) {
        for (index, distribution) in (distributionsNode?.elements ?? []).enumerated() {
            for (originIndex, origin) in (distribution["origins"]?.elements ?? []).enumerated() {
                // An origin with two targets is reported as such already.
                guard origin["bucket"] == nil, origin["domainName"] == nil,
                    let nameNode = origin["gateway"], let name = nameNode.string, !name.isEmpty, !apiNames.contains(name)
                else { continue }
                let hint =
                    apiNames.isEmpty
                    ? "define it under apis:"
                    : Suggestion.closest(to: name, among: apiNames).map { "did you mean \"\($0)\"?" }
                        ?? "apis defines \(apiNames.joined(separator: ", "))"
                report(
                    "no API is named \"\(name)\"; \(hint)",
                    at: nameNode,
                    FieldPath.root.key("distributions").index(index).key("origins").index(originIndex).key("gateway")
                )
            }
        }
    }

    /// The node a gateway field path (`apis[0].stages[1].routeSettings.GET /x.cacheTtlInSeconds`) names, or the
    /// deepest written node on its way (for a value left to its default), and the path as problems write it.
    static func locate(_ text: String, in root: StackNode) -> (node: StackNode, path: FieldPath) {
        var node = root
        var path = FieldPath.root
        var rest = Substring(text)
        while !rest.isEmpty {
            if rest.first == "[", let close = rest.firstIndex(of: "]"), let index = Int(rest[rest.index(after: rest.startIndex)..<close]),
                let elements = node.elements, elements.indices.contains(index)
            {
                node = elements[index]
                path = path.index(index)
                rest = rest[rest.index(after: close)...]
                continue
            }
            if rest.first == "." { rest = rest.dropFirst() }
            // Keys may hold dots and spaces (route keys), so the longest written key that the path continues with wins.
            let key = node.pairs?.compactMap(\.key.string).filter { key in
                guard rest.hasPrefix(key) else { return false }
                let after = rest.dropFirst(key.count)
                return after.isEmpty || after.first == "." || after.first == "["
            }.max { $0.count < $1.count }
            guard let key, let value = node[key] else {
                path = FieldPath(description: path.description.isEmpty ? String(rest) : path.description + "." + rest)
                break
            }
            node = value
            path = path.key(key)
            rest = rest.dropFirst(key.count)
        }
        return (node, path)
    }
}
