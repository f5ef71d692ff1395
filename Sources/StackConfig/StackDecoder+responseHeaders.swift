import Edge

extension StackDecoder {
    static let responseHeadersPolicyKeys = Keys(
        allowed: [
            "name", "comment", "corsConfig", "securityHeadersConfig", "customHeadersConfig", "removeHeadersConfig",
            "serverTimingHeadersConfig",
        ]
    )
    static let corsConfigKeys = Keys(
        allowed: [
            "accessControlAllowOrigins", "accessControlAllowHeaders", "accessControlAllowMethods", "accessControlAllowCredentials",
            "accessControlExposeHeaders", "accessControlMaxAgeSec", "originOverride",
        ]
    )
    static let securityHeadersKeys = Keys(
        allowed: ["contentSecurityPolicy", "contentTypeOptions", "frameOptions", "referrerPolicy", "strictTransportSecurity", "xssProtection"]
    )
    static let customHeaderKeys = Keys(allowed: ["header", "value", "override"])
    static let serverTimingKeys = Keys(allowed: ["enabled", "samplingRate"])

    /// The values CloudFront accepts in `accessControlAllowMethods`.
    static let corsMethods = ResponseHeadersPolicy.CORS.allMethods + ["ALL"]
    /// CloudFront's limit on a Content-Security-Policy value.
    static let maximumContentSecurityPolicyLength = 1_783

    /// `responseHeadersPolicies:`, the custom policies behaviours name in `responseHeadersPolicy`.
    mutating func responseHeadersPolicies(_ node: StackNode, _ path: FieldPath) -> [ResponseHeadersPolicy] {
        guard let elements = list(node, path) else { return [] }
        var policies: [ResponseHeadersPolicy] = []
        for (index, element) in elements.enumerated() {
            let policyPath = path.index(index)
            guard let fields = fields(element, policyPath, Self.responseHeadersPolicyKeys),
                let name = policyName(
                    fields,
                    managed: ResponseHeadersPolicy.managed.map(\.name),
                    defined: Array(customResponseHeadersPolicies.keys),
                    kind: "response headers"
                )
            else { continue }
            let policy = ResponseHeadersPolicy(
                name: name,
                comment: string(fields, "comment") ?? "",
                cors: fields["corsConfig"].flatMap { corsConfig($0, policyPath.key("corsConfig")) },
                securityHeaders: fields["securityHeadersConfig"].map { securityHeaders($0, policyPath.key("securityHeadersConfig")) }
                    ?? SecurityHeaders(),
                customHeaders: fields["customHeadersConfig"].map { customHeaders($0, policyPath.key("customHeadersConfig")) } ?? [],
                removeHeaders: fields["removeHeadersConfig"].map { removeHeaders($0, policyPath.key("removeHeadersConfig")) } ?? [],
                serverTiming: fields["serverTimingHeadersConfig"].flatMap { serverTiming($0, policyPath.key("serverTimingHeadersConfig")) }
            )
            if customResponseHeadersPolicies[name] == nil {
                customResponseHeadersPolicies[name] = policy
                policies.append(policy)
            }
        }
        return policies
    }

    /// A managed policy by name (with or without `Managed-`) or id, or a custom one by name.
    mutating func responseHeadersPolicy(named node: StackNode, _ path: FieldPath) -> ResponseHeadersPolicy? {
        guard let name = string(node, path) else { return nil }
        if let policy = ResponseHeadersPolicy.managed(named: name) ?? customResponseHeadersPolicies[name] { return policy }
        let managed = ResponseHeadersPolicy.managed.map(\.name)
        let hint =
            Suggestion.closest(to: name, among: managed + customResponseHeadersPolicies.keys.sorted()).map { "did you mean \"\($0)\"?" }
            ?? "use a managed one (\(managed.joined(separator: ", "))) or define it under responseHeadersPolicies"
        report("no response headers policy is named \"\(name)\"; \(hint)", at: node, path)
        return nil
    }

    // MARK: - CORS

    private mutating func corsConfig(_ node: StackNode, _ path: FieldPath) -> ResponseHeadersPolicy.CORS? {
        guard let fields = fields(node, path, Self.corsConfigKeys),
            let originsNode = required(fields, "accessControlAllowOrigins", "the origins allowed, like [https://app.example.com] or [\"*\"]"),
            let originList = list(originsNode, path.key("accessControlAllowOrigins"))
        else { return nil }
        var origins: [String] = []
        for (index, element) in originList.enumerated() {
            let elementPath = path.key("accessControlAllowOrigins").index(index)
            guard let origin = string(element, elementPath) else { continue }
            if !Self.isCORSOrigin(origin) {
                report(
                    "\"\(origin)\" is not an allowed origin: write \"*\", an origin like https://app.example.com, or one with a wildcard leftmost label like https://*.example.com",
                    at: element,
                    elementPath
                )
            }
            origins.append(origin)
        }
        if originList.isEmpty { report("needs at least one origin, or \"*\" for any", at: originsNode, path.key("accessControlAllowOrigins")) }
        var methods: [String] = []
        for (index, method) in (strings(fields, "accessControlAllowMethods") ?? []).enumerated() {
            let name = method.value.uppercased()
            if !Self.corsMethods.contains(name) {
                report(
                    "\"\(method.value)\" is not one of \(Self.corsMethods.joined(separator: ", "))",
                    at: method.node,
                    path.key("accessControlAllowMethods").index(index)
                )
            }
            methods.append(name)
        }
        let allowHeaders = headerNames(fields, "accessControlAllowHeaders", allowsWildcard: true)
        let exposeHeaders = headerNames(fields, "accessControlExposeHeaders", allowsWildcard: true)
        return ResponseHeadersPolicy.CORS(
            allowOrigins: origins,
            allowHeaders: allowHeaders,
            allowMethods: methods,
            allowCredentials: bool(fields, "accessControlAllowCredentials") ?? false,
            exposeHeaders: exposeHeaders,
            maxAgeSeconds: int(fields, "accessControlMaxAgeSec", in: 0...Int.max, unit: " seconds"),
            originOverride: bool(fields, "originOverride") ?? false
        )
    }

    /// `*`, `scheme://host[:port]` or `host[:port]`, the host's leftmost label possibly `*`.
    static func isCORSOrigin(_ origin: String) -> Bool {
        if origin == "*" { return true }
        var host = origin[...]
        if let colon = host.firstIndex(of: ":"), host[colon...].hasPrefix("://") {
            let scheme = host[..<colon]
            guard !scheme.isEmpty, scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) else { return false }
            host = host[colon...].dropFirst(3)
        }
        if let colon = host.lastIndex(of: ":") {
            guard let port = Int(host[host.index(after: colon)...]), (1...65_535).contains(port) else { return false }
            host = host[..<colon]
        }
        var labels = host.split(separator: ".", omittingEmptySubsequences: false)
        if labels.first == "*", labels.count > 2 { labels.removeFirst() }
        return !labels.isEmpty
            && labels.allSatisfy { label in
                !label.isEmpty && label.count <= 63 && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            }
    }

    /// A list of header names (RFC 9110 tokens), `*` too when `allowsWildcard`.
    private mutating func headerNames(_ fields: Fields, _ key: String, allowsWildcard: Bool) -> [String] {
        var names: [String] = []
        for (index, name) in (strings(fields, key) ?? []).enumerated() {
            if !(allowsWildcard && name.value == "*"), name.value.isEmpty || !name.value.allSatisfy(Self.isTokenCharacter) {
                report(
                    "\"\(name.value)\" is not a header name (letters, digits and !#$%&'*+-.^_`|~)",
                    at: name.node,
                    fields.path.key(key).index(index)
                )
            }
            names.append(name.value)
        }
        return names
    }

    // MARK: - security, custom and removed headers

    private mutating func securityHeaders(_ node: StackNode, _ path: FieldPath) -> SecurityHeaders {
        var headers = SecurityHeaders()
        guard let fields = fields(node, path, Self.securityHeadersKeys) else { return headers }
        if let setting = securitySetting(fields, "contentSecurityPolicy", valueKey: "contentSecurityPolicy") {
            if let text = string(setting.valueNode, setting.path.key("contentSecurityPolicy")) {
                if text.count > Self.maximumContentSecurityPolicyLength {
                    report(
                        "is at most \(Self.maximumContentSecurityPolicyLength) characters; this one has \(text.count)",
                        at: setting.valueNode,
                        setting.path.key("contentSecurityPolicy")
                    )
                }
                headers.contentSecurityPolicy = .init(text, override: setting.override)
            }
        }
        if let node = fields["contentTypeOptions"], let settingFields = self.fields(node, path.key("contentTypeOptions"), Keys(allowed: ["override"]))
        {
            headers.contentTypeOptions = .init(override: overrideFlag(settingFields))
        }
        if let setting = securitySetting(fields, "frameOptions", valueKey: "frameOption"),
            let option = choice(setting.valueNode, setting.path.key("frameOption"), SecurityHeaders.FrameOption.self)
        {
            headers.frameOptions = .init(option, override: setting.override)
        }
        if let setting = securitySetting(fields, "referrerPolicy", valueKey: "referrerPolicy"),
            let policy = choice(setting.valueNode, setting.path.key("referrerPolicy"), SecurityHeaders.ReferrerPolicy.self)
        {
            headers.referrerPolicy = .init(policy, override: setting.override)
        }
        headers.strictTransportSecurity = strictTransportSecurity(fields)
        headers.xssProtection = xssProtection(fields)
        return headers
    }

    /// `{ <valueKey>: ..., override: true|false }`; `override` is required, as in CloudFront's API.
    private mutating func securitySetting(
        _ fields: Fields,
        _ key: String,
        valueKey: String,
        extraKeys: [String] = []
    ) -> (valueNode: StackNode, override: Bool, path: FieldPath, fields: Fields)? {
        guard let node = fields[key] else { return nil }
        let path = fields.path.key(key)
        guard let settingFields = self.fields(node, path, Keys(allowed: [valueKey, "override"] + extraKeys)),
            let valueNode = required(settingFields, valueKey, "the header's value")
        else { return nil }
        return (valueNode, overrideFlag(settingFields), path, settingFields)
    }

    /// `override`, required: whether the policy's header replaces the origin's.
    private mutating func overrideFlag(_ fields: Fields) -> Bool {
        if fields["override"] == nil {
            report(
                "is required: true replaces the origin's header, false keeps the origin's when it sends one",
                at: fields.node,
                fields.path.key("override")
            )
        }
        return bool(fields, "override") ?? false
    }

    private mutating func strictTransportSecurity(_ fields: Fields) -> SecurityHeaders.Setting<SecurityHeaders.StrictTransportSecurity>? {
        guard
            let setting = securitySetting(
                fields,
                "strictTransportSecurity",
                valueKey: "accessControlMaxAgeSec",
                extraKeys: ["includeSubdomains", "preload"]
            ),
            let maxAge = int(setting.valueNode, setting.path.key("accessControlMaxAgeSec"), in: 0...Int.max, unit: " seconds")
        else { return nil }
        let value = SecurityHeaders.StrictTransportSecurity(
            maxAgeSeconds: maxAge,
            includeSubdomains: bool(setting.fields, "includeSubdomains") ?? false,
            preload: bool(setting.fields, "preload") ?? false
        )
        return .init(value, override: setting.override)
    }

    private mutating func xssProtection(_ fields: Fields) -> SecurityHeaders.Setting<SecurityHeaders.XSSProtection>? {
        guard let setting = securitySetting(fields, "xssProtection", valueKey: "protection", extraKeys: ["modeBlock", "reportUri"]) else {
            return nil
        }
        guard let protection = setting.valueNode.bool else {
            report("must be true or false; got \(setting.valueNode.kindDescription)", at: setting.valueNode, setting.path.key("protection"))
            return nil
        }
        let modeBlock = bool(setting.fields, "modeBlock") ?? false
        let reportURI = string(setting.fields, "reportUri")
        if modeBlock, reportURI != nil {
            report(
                "give modeBlock: true or a reportUri, not both (CloudFront refuses X-XSS-Protection with both)",
                at: setting.fields.keyNode("reportUri"),
                setting.path.key("reportUri")
            )
        }
        return .init(.init(protection: protection, modeBlock: modeBlock, reportURI: reportURI), override: setting.override)
    }

    private mutating func customHeaders(_ node: StackNode, _ path: FieldPath) -> [ResponseHeadersPolicy.CustomHeader] {
        guard let elements = list(node, path) else { return [] }
        var headers: [ResponseHeadersPolicy.CustomHeader] = []
        var seen: Set<String> = []
        for (index, element) in elements.enumerated() {
            let headerPath = path.index(index)
            guard let fields = fields(element, headerPath, Self.customHeaderKeys),
                let name = requiredString(fields, "header", "the header's name, like Cache-Control")
            else { continue }
            if name.isEmpty || !name.allSatisfy(Self.isTokenCharacter) {
                report("\"\(name)\" is not a header name (letters, digits and !#$%&'*+-.^_`|~)", at: fields["header"], headerPath.key("header"))
            } else if !seen.insert(name.lowercased()).inserted {
                report("header \(name) is listed twice (header names ignore case)", at: fields["header"], headerPath.key("header"))
            }
            headers.append(.init(name: name, value: string(fields, "value") ?? "", override: overrideFlag(fields)))
        }
        return headers
    }

    private mutating func removeHeaders(_ node: StackNode, _ path: FieldPath) -> [String] {
        guard let elements = list(node, path) else { return [] }
        var names: [String] = []
        for (index, element) in elements.enumerated() {
            guard let name = string(element, path.index(index)) else { continue }
            if ResponseHeadersPolicy.isUnremovable(name) {
                report(
                    "CloudFront cannot remove \(name) with a response headers policy (it refuses the policy); take it out of this list",
                    at: element,
                    path.index(index)
                )
            } else if name.isEmpty || !name.allSatisfy(Self.isTokenCharacter) {
                report("\"\(name)\" is not a header name (letters, digits and !#$%&'*+-.^_`|~)", at: element, path.index(index))
            }
            names.append(name)
        }
        return names
    }

    private mutating func serverTiming(_ node: StackNode, _ path: FieldPath) -> ResponseHeadersPolicy.ServerTiming? {
        guard let fields = fields(node, path, Self.serverTimingKeys) else { return nil }
        guard let enabledNode = required(fields, "enabled", "true to add Server-Timing to this behaviour's responses") else { return nil }
        guard let enabled = enabledNode.bool else {
            report("must be true or false; got \(enabledNode.kindDescription)", at: enabledNode, path.key("enabled"))
            return nil
        }
        var rate = 0.0
        if let rateNode = fields["samplingRate"] {
            let text = rateNode.string ?? ""
            let decimals = text.split(separator: ".", maxSplits: 1).dropFirst().first?.count ?? 0
            if let value = Double(text), (0...100).contains(value), decimals <= 4 {
                rate = value
            } else {
                report(
                    "must be a percentage from 0 to 100 with at most four decimals; got \(rateNode.kindDescription)",
                    at: rateNode,
                    path.key("samplingRate")
                )
            }
        } else if enabled {
            report(
                "is required with enabled: true; the percent of responses that get the header, 0 to 100",
                at: fields.node,
                path.key("samplingRate")
            )
        }
        return enabled ? .init(samplingRate: rate) : nil
    }
}
