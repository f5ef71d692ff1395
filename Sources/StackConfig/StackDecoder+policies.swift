import Edge

extension StackDecoder {
    static let cachePolicyKeys = Keys(
        allowed: [
            "name", "comment", "minTTL", "defaultTTL", "maxTTL", "queryStrings", "headers", "cookies",
            "enableAcceptEncodingGzip", "enableAcceptEncodingBrotli",
        ],
        notes: [
            "parametersInCacheKeyAndForwardedToOrigin":
                "write its settings (queryStrings, headers, cookies, enableAcceptEncodingGzip, enableAcceptEncodingBrotli) in the policy itself"
        ]
    )
    static let originRequestPolicyKeys = Keys(allowed: ["name", "comment", "headers", "cookies", "queryStrings"])

    /// `QueryStringBehavior` and `CookieBehavior` (cache and origin request policies alike).
    enum ListBehavior: String, CaseIterable {
        case none, whitelist, allExcept, all
    }

    /// A cache policy's `HeaderBehavior`: headers are named one by one or not at all.
    enum CacheHeaderBehavior: String, CaseIterable {
        case none, whitelist
    }

    /// An origin request policy's `HeaderBehavior`.
    enum OriginHeaderBehavior: String, CaseIterable {
        case none, whitelist, allViewer, allViewerAndWhitelistCloudFront, allExcept
    }

    /// One of a policy's `{ <kind>Behavior, <kind>s }` sub-mappings, like `queryStrings: { queryStringBehavior, queryStrings }`.
    struct ListSetting<Behavior> {
        var behavior: Behavior
        var names: [String]
        /// Where the behaviour is written, for problems about it.
        var behaviorNode: StackNode
        var behaviorPath: FieldPath
    }

    // MARK: - cache policies

    mutating func cachePolicies(_ node: StackNode, _ path: FieldPath) -> [CachePolicy] {
        guard let elements = list(node, path) else { return [] }
        var policies: [CachePolicy] = []
        for (index, element) in elements.enumerated() {
            let policyPath = path.index(index)
            guard let fields = fields(element, policyPath, Self.cachePolicyKeys),
                let name = policyName(fields, managed: CachePolicy.managed.map(\.name), defined: Array(customCachePolicies.keys), kind: "cache")
            else { continue }
            let policy = cachePolicy(name: name, fields)
            if customCachePolicies[name] == nil {
                customCachePolicies[name] = policy
                policies.append(policy)
            }
        }
        return policies
    }

    private mutating func cachePolicy(name: String, _ fields: Fields) -> CachePolicy {
        var policy = CachePolicy(name: name)
        readTTLs(fields, into: &policy)
        let queryStrings = listSetting(
            fields,
            "queryStrings",
            behaviorKey: "queryStringBehavior",
            ListBehavior.self,
            listed: [.whitelist, .allExcept]
        )
        let headers = listSetting(fields, "headers", behaviorKey: "headerBehavior", CacheHeaderBehavior.self, listed: [.whitelist])
        let cookies = listSetting(fields, "cookies", behaviorKey: "cookieBehavior", ListBehavior.self, listed: [.whitelist, .allExcept])
        policy.queryStrings = queryStrings.map(Self.keyValues) ?? .none
        policy.headers = headers.map { $0.behavior == .whitelist ? .whitelist($0.names) : .none } ?? .none
        policy.cookies = cookies.map(Self.keyValues) ?? .none
        policy.enableAcceptEncodingGzip = bool(fields, "enableAcceptEncodingGzip") ?? false
        policy.enableAcceptEncodingBrotli = bool(fields, "enableAcceptEncodingBrotli") ?? false

        // CloudFront refuses a policy that keys on values or compresses while it caches nothing (aws-behaviour §1.4).
        if policy.maxTTL == 0 {
            let disabled = "is invalid for policy with caching disabled."
            if let headers, headers.behavior != .none {
                report(
                    "The parameter HeaderBehavior \(disabled) Set headerBehavior to none, or maxTTL above 0.",
                    at: headers.behaviorNode,
                    headers.behaviorPath
                )
            }
            if let cookies, cookies.behavior != .none {
                report(
                    "The parameter CookieBehavior \(disabled) Set cookieBehavior to none, or maxTTL above 0.",
                    at: cookies.behaviorNode,
                    cookies.behaviorPath
                )
            }
            if let queryStrings, queryStrings.behavior != .none {
                report(
                    "The parameter QueryStringBehavior \(disabled) Set queryStringBehavior to none, or maxTTL above 0.",
                    at: queryStrings.behaviorNode,
                    queryStrings.behaviorPath
                )
            }
            for (key, parameter) in [
                ("enableAcceptEncodingGzip", "EnableAcceptEncodingGzip"), ("enableAcceptEncodingBrotli", "EnableAcceptEncodingBrotli"),
            ]
            where fields[key]?.bool == true {
                report("The parameter \(parameter) \(disabled) Set \(key) to false, or maxTTL above 0.", at: fields[key], fields.path.key(key))
            }
        }
        return policy
    }

    /// MinTTL ≤ DefaultTTL ≤ MaxTTL. Left out, DefaultTTL is a day (or MaxTTL, when lower) and MaxTTL a year,
    /// as CloudFront fills them.
    private mutating func readTTLs(_ fields: Fields, into policy: inout CachePolicy) {
        let seconds = " seconds"
        let minTTL = int(fields, "minTTL", in: 0...Int.max, unit: seconds) ?? 0
        let maxTTL = int(fields, "maxTTL", in: 0...Int.max, unit: seconds) ?? 31_536_000
        let defaultTTL = int(fields, "defaultTTL", in: 0...Int.max, unit: seconds) ?? max(minTTL, min(86_400, maxTTL))
        if minTTL > maxTTL {
            report("must not be above maxTTL (\(maxTTL)); got \(minTTL)", at: fields["minTTL"], fields.path.key("minTTL"))
        } else if defaultTTL < minTTL {
            report("must be at least minTTL (\(minTTL)); got \(defaultTTL)", at: fields["defaultTTL"], fields.path.key("defaultTTL"))
        } else if defaultTTL > maxTTL {
            report("must be at most maxTTL (\(maxTTL)); got \(defaultTTL)", at: fields["defaultTTL"], fields.path.key("defaultTTL"))
        }
        policy.minTTL = minTTL
        policy.defaultTTL = defaultTTL
        policy.maxTTL = maxTTL
    }

    // MARK: - origin request policies

    mutating func originRequestPolicies(_ node: StackNode, _ path: FieldPath) -> [OriginRequestPolicy] {
        guard let elements = list(node, path) else { return [] }
        var policies: [OriginRequestPolicy] = []
        for (index, element) in elements.enumerated() {
            let policyPath = path.index(index)
            guard let fields = fields(element, policyPath, Self.originRequestPolicyKeys),
                let name = policyName(
                    fields,
                    managed: OriginRequestPolicy.managed.map(\.name),
                    defined: Array(customOriginRequestPolicies.keys),
                    kind: "origin request"
                )
            else { continue }
            var policy = OriginRequestPolicy(name: name)
            let headers = listSetting(
                fields,
                "headers",
                behaviorKey: "headerBehavior",
                OriginHeaderBehavior.self,
                listed: [.whitelist, .allViewerAndWhitelistCloudFront, .allExcept]
            )
            if let headers {
                switch headers.behavior {
                case .none: policy.headers = .none
                case .whitelist: policy.headers = .whitelist(headers.names)
                // The CloudFront-* headers it adds are ones EdgeSim's edge does not make, which leaves every viewer header.
                case .allViewer, .allViewerAndWhitelistCloudFront: policy.headers = .allViewer
                case .allExcept: policy.headers = .allViewerExcept(headers.names)
                }
            }
            let cookies = listSetting(fields, "cookies", behaviorKey: "cookieBehavior", ListBehavior.self, listed: [.whitelist, .allExcept])
            let queryStrings = listSetting(
                fields,
                "queryStrings",
                behaviorKey: "queryStringBehavior",
                ListBehavior.self,
                listed: [.whitelist, .allExcept]
            )
            policy.cookies = cookies.map(Self.keyValues) ?? .none
            policy.queryStrings = queryStrings.map(Self.keyValues) ?? .none
            if customOriginRequestPolicies[name] == nil {
                customOriginRequestPolicies[name] = policy
                policies.append(policy)
            }
        }
        return policies
    }

    // MARK: - shared

    /// A custom policy's name: CloudFront's characters, not a managed policy's name, not defined twice.
    /// Returned even when reported, so behaviours naming it are not reported too.
    mutating func policyName(_ fields: Fields, managed: [String], defined: [String], kind: String) -> String? {
        guard let name = requiredString(fields, "name", "behaviours refer to the policy by it") else { return nil }
        let path = fields.path.key("name")
        if name.count > 128 || !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            report("a policy name is up to 128 letters, digits, hyphens and underscores; got \"\(name)\"", at: fields["name"], path)
        } else if managed.contains(name) {
            report(
                "\"\(name)\" is a managed \(kind) policy; behaviours use it by name without defining it, so pick another name",
                at: fields["name"],
                path
            )
        } else if defined.contains(name) {
            report("a \(kind) policy named \"\(name)\" is already defined above; names must be unique", at: fields["name"], path)
        }
        return name
    }

    /// Reads `key: { behaviorKey: ..., key: [names] }`; the names are required exactly for `listed` behaviours.
    private mutating func listSetting<Behavior: RawRepresentable<String> & CaseIterable & Equatable>(
        _ fields: Fields,
        _ key: String,
        behaviorKey: String,
        _ type: Behavior.Type,
        listed: [Behavior]
    ) -> ListSetting<Behavior>? {
        guard let node = fields[key] else { return nil }
        let path = fields.path.key(key)
        guard let settingFields = self.fields(node, path, Keys(allowed: [behaviorKey, key])),
            let behaviorNode = required(settingFields, behaviorKey, "one of " + Behavior.allCases.map(\.rawValue).joined(separator: ", ")),
            let behavior = choice(behaviorNode, path.key(behaviorKey), type)
        else { return nil }
        let listedNames = listed.map(\.rawValue).joined(separator: " or ")
        let names = strings(settingFields, key)?.map(\.value)
        if listed.contains(behavior) {
            if names?.isEmpty ?? true {
                report("\(behaviorKey) \(behavior.rawValue) needs the names in \(key): [...]", at: behaviorNode, path.key(key))
            }
        } else if let names, !names.isEmpty {
            report(
                "names are read only when \(behaviorKey) is \(listedNames); remove them or change \(behaviorKey)",
                at: settingFields[key],
                path.key(key)
            )
        }
        return ListSetting(behavior: behavior, names: names ?? [], behaviorNode: behaviorNode, behaviorPath: path.key(behaviorKey))
    }

    private static func keyValues(_ setting: ListSetting<ListBehavior>) -> CachePolicy.KeyValues {
        switch setting.behavior {
        case .none: .none
        case .whitelist: .whitelist(setting.names)
        case .allExcept: .allExcept(setting.names)
        case .all: .all
        }
    }

    // MARK: - references from behaviours

    /// A managed policy by name or id, or a custom one by name.
    mutating func cachePolicy(named node: StackNode, _ path: FieldPath) -> CachePolicy? {
        guard let name = string(node, path) else { return nil }
        if let policy = CachePolicy.managed(named: name) ?? customCachePolicies[name] { return policy }
        let managed = CachePolicy.managed.map(\.name)
        let hint =
            Suggestion.closest(to: name, among: managed + customCachePolicies.keys.sorted()).map { "did you mean \"\($0)\"?" }
            ?? "use a managed one (\(managed.joined(separator: ", "))) or define it under cachePolicies"
        report("no cache policy is named \"\(name)\"; \(hint)", at: node, path)
        return nil
    }

    mutating func originRequestPolicy(named node: StackNode, _ path: FieldPath) -> OriginRequestPolicy? {
        guard let name = string(node, path) else { return nil }
        if let policy = OriginRequestPolicy.managed(named: name) ?? customOriginRequestPolicies[name] { return policy }
        let managed = OriginRequestPolicy.managed.map(\.name)
        let hint =
            Suggestion.closest(to: name, among: managed + customOriginRequestPolicies.keys.sorted()).map { "did you mean \"\($0)\"?" }
            ?? "use a managed one (\(managed.joined(separator: ", "))) or define it under originRequestPolicies"
        report("no origin request policy is named \"\(name)\"; \(hint)", at: node, path)
        return nil
    }
}
