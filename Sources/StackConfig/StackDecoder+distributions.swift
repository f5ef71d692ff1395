import Edge

extension StackDecoder {
    static let distributionKeys = Keys(
        allowed: [
            "id", "comment", "aliases", "defaultRootObject", "origins", "defaultCacheBehavior", "cacheBehaviors", "customErrorResponses",
        ],
        notes: [
            "enabled": "every distribution in the stack file is served; remove it",
            "viewerCertificate": "EdgeSim makes a certificate for every alias from its development CA (edgesim certs); remove it",
            "logging": "EdgeSim writes CloudFront-format access logs under --state-dir; remove it",
            "priceClass": "a local edge has no price class; remove it",
            "httpVersion": "EdgeSim serves HTTP/1.1 and HTTP/2 on every distribution; remove it",
            "ipv6Enabled": "EdgeSim listens on the address given with --host; remove it",
            "webACLId": "AWS WAF is not simulated; remove it",
            "restrictions": "geographic restrictions are not simulated; remove it",
            "originGroups": "origin failover groups are not simulated; remove it",
        ]
    )
    static let customErrorResponseKeys = Keys(allowed: ["errorCode", "responsePagePath", "responseCode", "errorCachingMinTTL"])

    /// Reads `distributions:`; aliases and ids are checked across all of them.
    mutating func distributions(_ node: StackNode, _ path: FieldPath) -> [Distribution] {
        guard let elements = list(node, path) else { return [] }
        var aliasOwners: [String: Int] = [:]
        var idOwners: [String: Int] = [:]
        var distributions: [Distribution] = []
        for (index, element) in elements.enumerated() {
            let distributionPath = path.index(index)
            guard let fields = fields(element, distributionPath, Self.distributionKeys) else { continue }
            let aliases = aliases(fields, distribution: index, owners: &aliasOwners)
            let id = distributionID(fields, seed: aliases.first?.lowercased() ?? distributionPath.description)
            if let id {
                if let owner = idOwners[id] {
                    report(
                        "id \(id) is the id of distributions[\(owner)] too; ids must be unique",
                        at: fields["id"] ?? fields.node,
                        distributionPath.key("id")
                    )
                } else {
                    idOwners[id] = index
                }
            }
            let origins: Origins
            if let originsNode = required(fields, "origins", "list where behaviours send requests, like - { id: site, bucket: site }") {
                origins = self.origins(originsNode, distributionPath.key("origins"))
            } else {
                origins = Origins(idsComplete: false)
            }
            let defaultBehavior = required(fields, "defaultCacheBehavior", "it serves every path no cache behaviour matches").flatMap {
                cacheBehavior($0, distributionPath.key("defaultCacheBehavior"), ordered: false, origins: origins)
            }
            let behaviors = fields["cacheBehaviors"].map { cacheBehaviors($0, distributionPath.key("cacheBehaviors"), origins: origins) } ?? []
            let errorResponses = fields["customErrorResponses"].map { customErrorResponses($0, distributionPath.key("customErrorResponses")) } ?? []
            let rootObject = defaultRootObject(fields)
            guard let id, let defaultBehavior else { continue }
            distributions.append(
                Distribution(
                    id: id,
                    aliases: aliases,
                    origins: origins.definitions,
                    cacheBehaviors: behaviors,
                    defaultCacheBehavior: defaultBehavior,
                    defaultRootObject: rootObject,
                    customErrorResponses: errorResponses
                )
            )
        }
        return distributions
    }

    /// The id as written, or one made from the first alias.
    private mutating func distributionID(_ fields: Fields, seed: String) -> String? {
        guard fields["id"] != nil else { return DistributionID.generate(from: seed) }
        guard let id = string(fields, "id") else { return nil }
        if !DistributionID.isValid(id) {
            report(
                "a distribution id is E and 13 upper-case letters or digits, like E2EDGESIMAPP01; leave it out to have one made from the first alias",
                at: fields["id"],
                fields.path.key("id")
            )
        }
        return id
    }

    /// Domain names, each on one distribution only (CloudFront's CNAMEAlreadyExists).
    private mutating func aliases(_ fields: Fields, distribution index: Int, owners: inout [String: Int]) -> [String] {
        guard let names = strings(fields, "aliases") else { return [] }
        var aliases: [String] = []
        for (position, alias) in names.enumerated() {
            let path = fields.path.key("aliases").index(position)
            let key = alias.value.lowercased()
            if !Self.isAlias(key) {
                report("\"\(alias.value)\" is not a domain name; an alias is like app.example.com or *.example.com", at: alias.node, path)
            } else if let owner = owners[key] {
                if owner == index {
                    report("\"\(alias.value)\" is listed twice", at: alias.node, path)
                } else {
                    report(
                        "\"\(alias.value)\" is already an alias of distributions[\(owner)]; an alias belongs to one distribution (CloudFront answers CNAMEAlreadyExists)",
                        at: alias.node,
                        path
                    )
                }
            } else {
                owners[key] = index
            }
            aliases.append(alias.value)
        }
        return aliases
    }

    /// A DNS name of letters, digits and hyphens, with at most a leading `*.` wildcard label.
    static func isAlias(_ name: String) -> Bool {
        var labels = name.split(separator: ".", omittingEmptySubsequences: false)
        if labels.first == "*", labels.count > 1 { labels.removeFirst() }
        guard name.count <= 253, !labels.isEmpty else { return false }
        return labels.allSatisfy { label in
            (1...63).contains(label.count) && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    /// Without a leading `/` (aws-behaviour §1.9); left out, only the error responses answer `/`.
    private mutating func defaultRootObject(_ fields: Fields) -> String? {
        guard let name = string(fields, "defaultRootObject"), !name.isEmpty else { return nil }
        let path = fields.path.key("defaultRootObject")
        if name.hasPrefix("/") {
            let fixed = String(name.drop { $0 == "/" })
            report(
                "must not start with \"/\": CloudFront refuses it at create time and answers every request for / with 403; write \"\(fixed)\"",
                at: fields["defaultRootObject"],
                path
            )
        } else if name.count > 255 {
            report("must be at most 255 characters; got \(name.count)", at: fields["defaultRootObject"], path)
        }
        return name
    }

    /// The distribution's error-to-page mapping (aws-behaviour §1.8).
    private mutating func customErrorResponses(_ node: StackNode, _ path: FieldPath) -> [CustomErrorResponse] {
        guard let elements = list(node, path) else { return [] }
        let errorCodes = CustomErrorResponse.allowedErrorCodes.sorted().map(String.init).joined(separator: ", ")
        let responseCodes = CustomErrorResponse.allowedResponseCodes.sorted().map(String.init).joined(separator: ", ")
        var responses: [CustomErrorResponse] = []
        var mapped: [Int: Int] = [:]
        for (index, element) in elements.enumerated() {
            let responsePath = path.index(index)
            guard let fields = fields(element, responsePath, Self.customErrorResponseKeys),
                let codeNode = required(fields, "errorCode", "the status to replace, one of \(errorCodes)"),
                let errorCode = int(codeNode, responsePath.key("errorCode"))
            else { continue }
            if !CustomErrorResponse.allowedErrorCodes.contains(errorCode) {
                report("must be one of \(errorCodes); got \(errorCode)", at: codeNode, responsePath.key("errorCode"))
            } else if let earlier = mapped[errorCode] {
                report(
                    "\(errorCode) is mapped by customErrorResponses[\(earlier)] already; each errorCode once",
                    at: codeNode,
                    responsePath.key("errorCode")
                )
            } else {
                mapped[errorCode] = index
            }
            var response = CustomErrorResponse(errorCode: errorCode)
            if let page = string(fields, "responsePagePath") {
                if !page.hasPrefix("/") {
                    report(
                        "must start with \"/\", like /index.html; got \"\(page)\"",
                        at: fields["responsePagePath"],
                        responsePath.key("responsePagePath")
                    )
                }
                response.responsePagePath = page
            }
            if let responseCode = int(fields, "responseCode") {
                if !CustomErrorResponse.allowedResponseCodes.contains(responseCode) {
                    report("must be one of \(responseCodes); got \(responseCode)", at: fields["responseCode"], responsePath.key("responseCode"))
                }
                response.responseCode = responseCode
            } else if response.responsePagePath != nil, fields["responseCode"] == nil {
                report(
                    "is required with responsePagePath: the status the page is sent with (200 for an SPA fallback)",
                    at: fields.node,
                    responsePath.key("responseCode")
                )
            }
            response.errorCachingMinTTL = int(fields, "errorCachingMinTTL", in: 0...Int.max, unit: " seconds") ?? response.errorCachingMinTTL
            responses.append(response)
        }
        return responses
    }
}
