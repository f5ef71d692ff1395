extension Gateway.Configuration {
    /// Every problem at once, errors and warnings, each with its field path and a fix.
    public func validate() -> [Gateway.ValidationIssue] {
        var issues = Issues()
        var apiStages: Set<APIStage> = []
        var apiNames: Set<String> = []
        for (index, api) in apis.enumerated() {
            let path = "apis[\(index)]"
            if api.name.isEmpty {
                issues.error("\(path).name", "the API has no name", fix: "name it; stages, usage plans and mappings refer to it")
            } else if !apiNames.insert(api.name).inserted {
                issues.error("\(path).name", "another API is named `\(api.name)`", fix: "give every API its own name")
            }
            api.validate(path: path, into: &issues)
            for stage in api.stages { apiStages.insert(APIStage(apiName: api.name, stage: stage.stageName)) }
        }
        validateKeysAndPlans(apiStages: apiStages, into: &issues)
        for (index, domain) in domainNames.enumerated() {
            let path = "domainNames[\(index)]"
            if domain.domainName.isEmpty || domain.domainName.contains("/") || domain.domainName.contains(":") {
                issues.error("\(path).domainName", "`\(domain.domainName)` is not a host name", fix: "write the bare host, as `api.edgesim.test`")
            }
            var basePaths: Set<String> = []
            for (mappingIndex, mapping) in domain.basePathMappings.enumerated() {
                let mappingPath = "\(path).basePathMappings[\(mappingIndex)]"
                let normalised = mapping.basePath.split(separator: "/").joined(separator: "/")
                if !basePaths.insert(normalised).inserted {
                    issues.error("\(mappingPath).basePath", "base path `\(mapping.basePath)` is mapped twice", fix: "keep one mapping per base path")
                }
                if !apiStages.contains(APIStage(apiName: mapping.apiName, stage: mapping.stage)) {
                    issues.error(
                        mappingPath,
                        "no API `\(mapping.apiName)` with stage `\(mapping.stage)`",
                        fix: "name an API under `apis` and one of its stages"
                    )
                }
            }
        }
        if accountThrottle.rateLimit <= 0 || accountThrottle.burstLimit <= 0 {
            issues.error("accountThrottle", "the account limit must be positive", fix: "use AWS's default: rateLimit 10000, burstLimit 5000")
        }
        if payloadLimit <= 0 {
            issues.error("payloadLimit", "the payload limit must be positive", fix: "use API Gateway's 10485760 bytes (10 MB)")
        }
        return issues.list
    }

    private func validateKeysAndPlans(apiStages: Set<APIStage>, into issues: inout Issues) {
        var keyNames: Set<String> = []
        var keyValues: Set<String> = []
        for (index, key) in apiKeys.enumerated() {
            let path = "apiKeys[\(index)]"
            if !keyNames.insert(key.name).inserted {
                issues.error("\(path).name", "another API key is named `\(key.name)`", fix: "give every key its own name")
            }
            if !(20...128).contains(key.value.count) || !key.value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
                issues.error("\(path).value", "an API key value is 20 to 128 letters and digits", fix: "generate one, as `openssl rand -hex 20`")
            } else if !keyValues.insert(key.value).inserted {
                issues.error("\(path).value", "two API keys have the same value", fix: "give every key its own value")
            }
        }
        var keyStages: [String: Set<APIStage>] = [:]
        for (index, plan) in usagePlans.enumerated() {
            let path = "usagePlans[\(index)]"
            for (stageIndex, apiStage) in plan.apiStages.enumerated() where !apiStages.contains(apiStage) {
                issues.error(
                    "\(path).apiStages[\(stageIndex)]",
                    "no API `\(apiStage.apiName)` with stage `\(apiStage.stage)`",
                    fix: "name an API under `apis` and one of its stages"
                )
            }
            for (keyIndex, name) in plan.apiKeys.enumerated() {
                guard keyNames.contains(name) else {
                    issues.error("\(path).apiKeys[\(keyIndex)]", "no API key is named `\(name)`", fix: "add it under `apiKeys` or remove it here")
                    continue
                }
                let overlap = keyStages[name, default: []].intersection(plan.apiStages)
                if let stage = overlap.first {
                    issues.error(
                        "\(path).apiKeys[\(keyIndex)]",
                        "key `\(name)` is already in a usage plan for \(stage.apiName)/\(stage.stage)",
                        fix: "a key belongs to one usage plan per stage; remove it from one of them"
                    )
                }
                keyStages[name, default: []].formUnion(plan.apiStages)
            }
            if let throttle = plan.throttle, throttle.rateLimit < 0 || throttle.burstLimit < 0 {
                issues.error("\(path).throttle", "limits cannot be negative", fix: "set rateLimit and burstLimit to 0 or more")
            }
            if let quota = plan.quota {
                if quota.limit < 0 {
                    issues.error("\(path).quota.limit", "the quota cannot be negative", fix: "set limit to 0 or more")
                }
                if quota.offset < 0 || (quota.offset > 0 && quota.offset >= quota.limit) {
                    issues.error(
                        "\(path).quota.offset",
                        "the offset must be at least 0 and below the limit",
                        fix: "lower offset below \(quota.limit)"
                    )
                }
            }
        }
    }
}

/// Collects issues with less ceremony at each check.
struct Issues {
    var list: [Gateway.ValidationIssue] = []

    mutating func error(_ path: String, _ message: String, fix: String) {
        list.append(Gateway.ValidationIssue(severity: .error, fieldPath: path, message: message, fix: fix))
    }

    mutating func warning(_ path: String, _ message: String, fix: String) {
        list.append(Gateway.ValidationIssue(severity: .warning, fieldPath: path, message: message, fix: fix))
    }
}
