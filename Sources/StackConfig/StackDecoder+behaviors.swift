import Edge

extension StackDecoder {
    static let behaviorKeys = [
        "targetOriginId", "viewerProtocolPolicy", "allowedMethods", "cachedMethods", "cachePolicy", "cachePolicyId",
        "originRequestPolicy", "originRequestPolicyId", "responseHeadersPolicy", "responseHeadersPolicyId", "compress",
    ]

    /// CloudFormation keys of a behaviour that EdgeSim does not take, and what to write instead.
    static let behaviorNotes: [String: String] = [
        "forwardedValues": "legacy cache settings are not simulated; name a cache policy in cachePolicy instead",
        "minTTL": "TTLs belong in a cache policy; define one under cachePolicies and name it in cachePolicy",
        "defaultTTL": "TTLs belong in a cache policy; define one under cachePolicies and name it in cachePolicy",
        "maxTTL": "TTLs belong in a cache policy; define one under cachePolicies and name it in cachePolicy",
        "functionAssociations": "CloudFront Functions are not simulated; remove it",
        "lambdaFunctionAssociations": "Lambda@Edge is not simulated; remove it",
    ]

    static let defaultBehaviorKeys = Keys(
        allowed: behaviorKeys,
        notes: behaviorNotes.merging([
            "pathPattern": "the default behaviour's pattern is always \"*\"; to match a path, add a behaviour under cacheBehaviors"
        ]) { $1 }
    )
    static let orderedBehaviorKeys = Keys(allowed: ["pathPattern"] + behaviorKeys, notes: behaviorNotes)

    /// Every method CloudFront forwards (aws-behaviour §1.3).
    static let knownMethods = AllowedMethods.all.methods

    /// One behaviour; `ordered` ones (under `cacheBehaviors`) have a path pattern, the default one does not.
    mutating func cacheBehavior(_ node: StackNode, _ path: FieldPath, ordered: Bool, origins: Origins) -> CacheBehavior? {
        guard let fields = fields(node, path, ordered ? Self.orderedBehaviorKeys : Self.defaultBehaviorKeys) else { return nil }
        var pattern = PathPattern.default
        if ordered, let text = requiredString(fields, "pathPattern", "the paths this behaviour serves, like /api/*") {
            do {
                pattern = try PathPattern(text)
            } catch {
                report(error.description, at: fields["pathPattern"], path.key("pathPattern"))
            }
        }
        let originFix =
            origins.ids.isEmpty
            ? "name one of this distribution's origins by its id"
            : "name one of this distribution's origins (\(origins.ids.joined(separator: ", ")))"
        let targetOriginId = requiredString(fields, "targetOriginId", originFix)
        if let targetOriginId, origins.idsComplete, !origins.ids.contains(targetOriginId) {
            report(
                "no origin of this distribution has id \"\(targetOriginId)\""
                    + (Suggestion.closest(to: targetOriginId, among: origins.ids).map { "; did you mean \"\($0)\"?" }
                        ?? "; its origins are \(origins.ids.joined(separator: ", "))"),
                at: fields["targetOriginId"],
                path.key("targetOriginId")
            )
        }
        var behavior = CacheBehavior(pathPattern: pattern, targetOriginId: targetOriginId ?? "", compress: false)
        behavior.viewerProtocolPolicy = choice(fields, "viewerProtocolPolicy", ViewerProtocolPolicy.self) ?? behavior.viewerProtocolPolicy
        let allowed = allowedMethods(fields)
        behavior.allowedMethods = allowed ?? behavior.allowedMethods
        // Against a broken allowedMethods the OPTIONS check would only repeat that problem.
        behavior.cacheOptions = cachesOptions(fields, allowed: allowed ?? (fields["allowedMethods"] == nil ? behavior.allowedMethods : nil))
        if let policyNode = oneOf(fields, "cachePolicy", "cachePolicyId") {
            behavior.cachePolicy = cachePolicy(named: policyNode.node, policyNode.path) ?? behavior.cachePolicy
        }
        if let policyNode = oneOf(fields, "originRequestPolicy", "originRequestPolicyId") {
            behavior.originRequestPolicy = originRequestPolicy(named: policyNode.node, policyNode.path)
        }
        if let policyNode = oneOf(fields, "responseHeadersPolicy", "responseHeadersPolicyId") {
            behavior.responseHeadersPolicy = responseHeadersPolicy(named: policyNode.node, policyNode.path)
        }
        behavior.compress = bool(fields, "compress") ?? false
        return behavior
    }

    /// The value of `name` or of its CloudFormation spelling `idName` (either takes a name or an id), not both.
    private mutating func oneOf(_ fields: Fields, _ name: String, _ idName: String) -> (node: StackNode, path: FieldPath)? {
        if fields[name] != nil, fields[idName] != nil {
            report("give \(name) or \(idName), not both (each takes a policy's name or id)", at: fields.keyNode(idName), fields.path.key(idName))
        }
        if let node = fields[name] { return (node, fields.path.key(name)) }
        return fields[idName].map { ($0, fields.path.key(idName)) }
    }

    /// One of CloudFront's three method sets (aws-behaviour §1.3).
    private mutating func allowedMethods(_ fields: Fields) -> AllowedMethods? {
        guard let methods = methods(fields, "allowedMethods") else { return nil }
        if let allowed = AllowedMethods(methods: methods) { return allowed }
        let sets = AllowedMethods.allCases.map { "[" + $0.methods.joined(separator: ", ") + "]" }
        report(
            "must be one of \(sets[0]), \(sets[1]) or \(sets[2]); got [\(methods.joined(separator: ", "))]",
            at: fields["allowedMethods"],
            fields.path.key("allowedMethods")
        )
        return nil
    }

    /// `cachedMethods`: [GET, HEAD] or [GET, HEAD, OPTIONS], and OPTIONS only when it is allowed.
    private mutating func cachesOptions(_ fields: Fields, allowed: AllowedMethods?) -> Bool {
        guard let methods = methods(fields, "cachedMethods") else { return false }
        let path = fields.path.key("cachedMethods")
        switch Set(methods) {
        case ["GET", "HEAD"]:
            return false
        case ["GET", "HEAD", "OPTIONS"]:
            if let allowed, !allowed.allows("OPTIONS") {
                report(
                    "caches OPTIONS, which allowedMethods does not allow; add OPTIONS to allowedMethods or remove it here",
                    at: fields["cachedMethods"],
                    path
                )
            }
            return true
        default:
            report("must be [GET, HEAD] or [GET, HEAD, OPTIONS]; got [\(methods.joined(separator: ", "))]", at: fields["cachedMethods"], path)
            return false
        }
    }

    /// A list of method names, upper-cased; nil when absent or when a name is not a method CloudFront forwards.
    private mutating func methods(_ fields: Fields, _ key: String) -> [String]? {
        guard let names = strings(fields, key) else { return nil }
        var methods: [String] = []
        var valid = true
        for (index, name) in names.enumerated() {
            let method = name.value.uppercased()
            if !Self.knownMethods.contains(method) {
                report(
                    "\"\(name.value)\" is not a method CloudFront forwards (\(Self.knownMethods.joined(separator: ", ")))",
                    at: name.node,
                    fields.path.key(key).index(index)
                )
                valid = false
            }
            methods.append(method)
        }
        return valid ? methods : nil
    }

    /// A distribution's `cacheBehaviors`, in order.
    mutating func cacheBehaviors(_ node: StackNode, _ path: FieldPath, origins: Origins) -> [CacheBehavior] {
        guard let elements = list(node, path) else { return [] }
        var behaviors: [CacheBehavior] = []
        var patterns: [String: Int] = [:]
        for (index, element) in elements.enumerated() {
            let behaviorPath = path.index(index)
            guard let behavior = cacheBehavior(element, behaviorPath, ordered: true, origins: origins) else { continue }
            behaviors.append(behavior)
            // Only patterns that were read; a broken one stands in as "*".
            guard element["pathPattern"]?.string == behavior.pathPattern.description else { continue }
            // A leading "/" makes no difference to matching, so "/api/*" and "api/*" are one pattern.
            let pattern = String(behavior.pathPattern.description.drop { $0 == "/" })
            if let earlier = patterns[pattern] {
                report(
                    "\"\(behavior.pathPattern)\" is the pattern of cacheBehaviors[\(earlier)] too, which matches first, so this behaviour would never be used",
                    at: element["pathPattern"],
                    behaviorPath.key("pathPattern")
                )
            } else {
                patterns[pattern] = index
            }
        }
        return behaviors
    }
}
