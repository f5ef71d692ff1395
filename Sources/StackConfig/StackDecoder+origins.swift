import Edge

extension StackDecoder {
    static let originKeys = Keys(
        allowed: ["id", "bucket", "gateway", "domainName", "originPath", "customHeaders", "connectionTimeout", "readTimeout"],
        notes: [
            "s3OriginConfig": "name the stack's bucket with bucket: instead",
            "originAccessControlId":
                "a bucket origin always answers as S3 behind origin access control does; set the bucket's missingKeyStatus instead",
            "customOriginConfig": "write the origin's URL in domainName (http://host:port or https://host:port) and its timeouts here",
            "originCustomHeaders": "write the headers as a mapping under customHeaders, like customHeaders: { X-From: edge }",
        ]
    )

    /// A distribution's origins, and the ids of all of them (broken ones too), for `targetOriginId` checks.
    struct Origins {
        var definitions: [OriginDefinition] = []
        var ids: [String] = []
        /// False when an origin's id could not be read: then a behaviour's unknown `targetOriginId` may be that
        /// one, and is not reported.
        var idsComplete = true
    }

    mutating func origins(_ node: StackNode, _ path: FieldPath) -> Origins {
        var origins = Origins()
        guard let elements = list(node, path) else {
            origins.idsComplete = false
            return origins
        }
        if elements.isEmpty {
            report("needs at least one origin, like { id: site, bucket: site }", at: node, path)
        }
        for (index, element) in elements.enumerated() {
            let originPath = path.index(index)
            guard let fields = fields(element, originPath, Self.originKeys),
                let id = requiredString(fields, "id", "behaviours name their origin by it in targetOriginId")
            else {
                origins.idsComplete = false
                continue
            }
            if origins.ids.contains(id) {
                report("origin id \"\(id)\" is used twice in this distribution; ids must be unique", at: fields["id"], originPath.key("id"))
            }
            origins.ids.append(id)
            if let definition = origin(id: id, fields) { origins.definitions.append(definition) }
        }
        return origins
    }

    private mutating func origin(id: String, _ fields: Fields) -> OriginDefinition? {
        let targetKeys = ["bucket", "gateway", "domainName"].filter { fields[$0] != nil }
        guard targetKeys.count == 1, let targetKey = targetKeys.first, let targetNode = fields[targetKey] else {
            if targetKeys.isEmpty {
                report(
                    "needs one of bucket (a bucket of this stack), gateway (an API of the gateway) or domainName (an http:// or https:// URL)",
                    at: fields.node,
                    fields.path
                )
            } else {
                report(
                    "an origin is one of bucket, gateway or domainName; this one has \(targetKeys.joined(separator: " and "))",
                    at: fields.keyNode(targetKeys[1]),
                    fields.path.key(targetKeys[1])
                )
            }
            return nil
        }
        let targetPath = fields.path.key(targetKey)
        guard let name = string(targetNode, targetPath) else { return nil }
        let target: OriginDefinition.Target
        switch targetKey {
        case "bucket":
            if !bucketNames.contains(name) {
                let defined =
                    bucketNames.isEmpty
                    ? "; define it under buckets:"
                    : Suggestion.closest(to: name, among: bucketNames).map { "; did you mean \"\($0)\"?" }
                        ?? "; buckets defines \(bucketNames.joined(separator: ", "))"
                report("no bucket is named \"\(name)\"\(defined)", at: targetNode, targetPath)
            }
            target = .bucket(name)
        case "gateway":
            if name.isEmpty { report("must name an API of the gateway", at: targetNode, targetPath) }
            target = .gateway(name)
        default:
            switch Self.originURL(name) {
            case .success(let url): target = .http(url)
            case .failure(let problem):
                report(problem.message, at: targetNode, targetPath)
                target = .http(name)
            }
        }
        var definition = OriginDefinition(id: id, target: target)
        if let originPath = string(fields, "originPath"), !originPath.isEmpty {
            if !originPath.hasPrefix("/") || originPath.hasSuffix("/") {
                report(
                    "must start with \"/\" and not end with one, like /v1; got \"\(originPath)\"",
                    at: fields["originPath"],
                    fields.path.key("originPath")
                )
            }
            definition.originPath = originPath
        }
        if let headers = fields["customHeaders"] { definition.customHeaders = customHeaders(headers, fields.path.key("customHeaders")) }
        let seconds = " seconds"
        definition.connectionTimeout = int(fields, "connectionTimeout", in: 1...10, unit: seconds) ?? definition.connectionTimeout
        definition.readTimeout = int(fields, "readTimeout", in: 1...180, unit: seconds) ?? definition.readTimeout
        return definition
    }

    private mutating func customHeaders(_ node: StackNode, _ path: FieldPath) -> [String: String] {
        guard let pairs = node.pairs else {
            report("must be a mapping of header names to values, like { X-From: edge }; got \(node.kindDescription)", at: node, path)
            return [:]
        }
        var headers: [String: String] = [:]
        var seen: Set<String> = []
        for pair in pairs {
            guard let name = string(pair.key, path), let value = string(pair.value, path.key(name)) else { continue }
            if name.isEmpty || !name.allSatisfy(Self.isTokenCharacter) {
                report("\"\(name)\" is not a header name (letters, digits and !#$%&'*+-.^_`|~)", at: pair.key, path.key(name))
            } else if !seen.insert(name.lowercased()).inserted {
                report("header \(name) is set twice (header names ignore case)", at: pair.key, path.key(name))
            }
            headers[name] = value
        }
        return headers
    }

    /// RFC 9110 `tchar`.
    static func isTokenCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "!#$%&'*+-.^_`|~".contains(character))
    }

    struct OriginURLProblem: Error {
        var message: String
    }

    /// `http://host[:port]` or `https://host[:port]`, a trailing `/` dropped; paths belong in `originPath`.
    static func originURL(_ text: String) -> Result<String, OriginURLProblem> {
        let expected = "must be a URL with its scheme, like http://127.0.0.1:9000 or https://api.example.com; got \"\(text)\""
        guard let schemeEnd = text.range(of: "://") else { return .failure(OriginURLProblem(message: expected)) }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return .failure(OriginURLProblem(message: expected)) }
        var authority = text[schemeEnd.upperBound...]
        if authority.hasSuffix("/") { authority = authority.dropLast() }
        if authority.contains(where: { "/?#".contains($0) }) {
            return .failure(OriginURLProblem(message: "must be scheme, host and port only; put a path in originPath; got \"\(text)\""))
        }
        var host = authority
        var port: Substring?
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = authority[...close]
            let rest = authority[authority.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return .failure(OriginURLProblem(message: expected)) }
                port = rest.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            port = authority[authority.index(after: colon)...]
        }
        let hostIsValid =
            host.hasPrefix("[") || (!host.isEmpty && host.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") })
        guard hostIsValid else { return .failure(OriginURLProblem(message: expected)) }
        if let port {
            guard let number = Int(port), (1...65_535).contains(number), port.allSatisfy(\.isNumber) else {
                return .failure(OriginURLProblem(message: "has port \"\(port)\"; a port is a number from 1 to 65535"))
            }
        }
        return .success(scheme + "://" + authority)
    }
}
