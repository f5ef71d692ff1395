import Gateway

extension StackDecoder {
    static let usagePlanKeys = Keys(
        allowed: ["name", "description", "apiStages", "throttle", "quota", "apiKeys"],
        notes: ["usagePlanName": "write the plan's name as name"]
    )
    static let apiStageKeys = Keys(
        allowed: ["apiName", "stage"],
        notes: [
            "apiId": "name the API with apiName",
            "throttle": "per-method throttling in a usage plan is not simulated; set the plan's throttle or the stage's routeSettings",
        ]
    )
    static let throttleKeys = Keys(allowed: ["rateLimit", "burstLimit"])
    static let quotaKeys = Keys(allowed: ["limit", "period", "offset"])
    static let apiKeyKeys = Keys(
        allowed: ["name", "description", "value", "enabled"],
        notes: ["stageKeys": "a key reaches the stages of the usage plans that list it under apiKeys; remove it"]
    )
    static let domainNameKeys = Keys(
        allowed: ["domainName", "basePathMappings"],
        notes: [
            "certificateArn": "EdgeSim makes a certificate for every domain name from its development CA (edgesim certs); remove it",
            "domainNameConfigurations": "EdgeSim makes a certificate for every domain name from its development CA (edgesim certs); remove it",
            "apiMappings": "write the mappings under basePathMappings",
        ]
    )
    static let basePathMappingKeys = Keys(
        allowed: ["basePath", "apiName", "stage"],
        notes: [
            "apiMappingKey": "write the path under basePath",
            "apiId": "name the API with apiName",
            "restApiId": "name the API with apiName",
        ]
    )

    mutating func usagePlans(_ node: StackNode, _ path: FieldPath) -> [Gateway.Configuration.UsagePlan] {
        guard let elements = list(node, path) else { return [] }
        var plans: [Gateway.Configuration.UsagePlan] = []
        for (index, element) in elements.enumerated() {
            let planPath = path.index(index)
            guard let fields = fields(element, planPath, Self.usagePlanKeys) else { continue }
            let name = requiredString(fields, "name", "name the usage plan")
            var plan = Gateway.Configuration.UsagePlan(name: name ?? "", apiStages: [])
            if let stagesNode = required(fields, "apiStages", "list the API stages the plan covers, like [{ apiName: spa, stage: $default }]"),
                let stages = list(stagesNode, planPath.key("apiStages"))
            {
                for (stageIndex, stageNode) in stages.enumerated() {
                    let stagePath = planPath.key("apiStages").index(stageIndex)
                    guard let stageFields = self.fields(stageNode, stagePath, Self.apiStageKeys),
                        let apiName = requiredString(stageFields, "apiName", "name an API of apis:"),
                        let stage = requiredString(stageFields, "stage", "name a stage of that API, like $default")
                    else { continue }
                    plan.apiStages.append(Gateway.Configuration.APIStage(apiName: apiName, stage: stage))
                }
            }
            if let throttleNode = fields["throttle"], let throttleFields = self.fields(throttleNode, planPath.key("throttle"), Self.throttleKeys) {
                let rate = required(throttleFields, "rateLimit", "steady requests per second").flatMap { _ in
                    number(throttleFields, "rateLimit", in: 0...Double.greatestFiniteMagnitude)
                }
                let burst = required(throttleFields, "burstLimit", "the most requests at once").flatMap { _ in
                    int(throttleFields, "burstLimit", in: 0...Int.max)
                }
                if let rate, let burst { plan.throttle = Gateway.Configuration.ThrottleSettings(rateLimit: rate, burstLimit: burst) }
            }
            if let quotaNode = fields["quota"], let quotaFields = self.fields(quotaNode, planPath.key("quota"), Self.quotaKeys) {
                let limit = required(quotaFields, "limit", "requests allowed each period").flatMap { _ in int(quotaFields, "limit", in: 0...Int.max) }
                let period = required(quotaFields, "period", "DAY, WEEK or MONTH").flatMap {
                    choice($0, planPath.key("quota").key("period"), Gateway.Configuration.QuotaSettings.Period.self)
                }
                let offset = int(quotaFields, "offset", in: 0...Int.max) ?? 0
                if let limit, let period { plan.quota = Gateway.Configuration.QuotaSettings(limit: limit, period: period, offset: offset) }
            }
            plan.apiKeys = stringList(fields, "apiKeys") ?? []
            if name != nil { plans.append(plan) }
        }
        return plans
    }

    mutating func apiKeys(_ node: StackNode, _ path: FieldPath) -> [Gateway.Configuration.APIKey] {
        guard let elements = list(node, path) else { return [] }
        var keys: [Gateway.Configuration.APIKey] = []
        for (index, element) in elements.enumerated() {
            let keyPath = path.index(index)
            guard let fields = fields(element, keyPath, Self.apiKeyKeys) else { continue }
            let name = requiredString(fields, "name", "usage plans list their keys by it")
            let value = requiredString(
                fields,
                "value",
                "the key clients send in x-api-key: 20 to 128 letters and digits, like the output of openssl rand -hex 20"
            )
            let enabled = bool(fields, "enabled") ?? true
            guard let name, let value else { continue }
            keys.append(Gateway.Configuration.APIKey(name: name, value: value, enabled: enabled))
        }
        return keys
    }

    /// Custom domain names; a name may not also be a distribution's alias, since one host has one owner.
    mutating func domainNames(_ node: StackNode, _ path: FieldPath, aliases: [String: Int]) -> [Gateway.Configuration.DomainName] {
        guard let elements = list(node, path) else { return [] }
        var domains: [Gateway.Configuration.DomainName] = []
        for (index, element) in elements.enumerated() {
            let domainPath = path.index(index)
            guard let fields = fields(element, domainPath, Self.domainNameKeys) else { continue }
            let name = requiredString(fields, "domainName", "the host name, like api.edgesim.test")
            if let name, !Self.isAlias(name) || name.hasPrefix("*") {
                report(
                    "\"\(name)\" is not a host name; write one like api.edgesim.test, without scheme, port or path",
                    at: fields["domainName"],
                    domainPath.key("domainName")
                )
            } else if let name, let owner = aliases[name.lowercased()] {
                report(
                    "\"\(name)\" is an alias of distributions[\(owner)] too; a host is answered by one distribution or one API domain, so pick another name",
                    at: fields["domainName"],
                    domainPath.key("domainName")
                )
            }
            var domain = Gateway.Configuration.DomainName(domainName: name ?? "", basePathMappings: [])
            if let mappingsNode = required(fields, "basePathMappings", "map a base path to an API stage, like [{ apiName: spa, stage: $default }]"),
                let mappings = list(mappingsNode, domainPath.key("basePathMappings"))
            {
                for (mappingIndex, mappingNode) in mappings.enumerated() {
                    let mappingPath = domainPath.key("basePathMappings").index(mappingIndex)
                    guard let mappingFields = self.fields(mappingNode, mappingPath, Self.basePathMappingKeys),
                        let apiName = requiredString(mappingFields, "apiName", "name an API of apis:")
                    else { continue }
                    var basePath = string(mappingFields, "basePath") ?? ""
                    // API Gateway's console shows the empty base path as "(none)".
                    if basePath == "(none)" { basePath = "" }
                    basePath = basePath.split(separator: "/").joined(separator: "/")
                    let stage = string(mappingFields, "stage") ?? "$default"
                    domain.basePathMappings.append(Gateway.Configuration.BasePathMapping(basePath: basePath, apiName: apiName, stage: stage))
                }
            }
            if name != nil { domains.append(domain) }
        }
        return domains
    }
}
