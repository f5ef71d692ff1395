/// Choosing the API and stage of a request, before any route is looked at (aws-behaviour §3.2).
extension Gateway {
    struct Target: Sendable {
        let api: CompiledAPI
        let stage: CompiledStage
        /// The path the API routes on.
        let path: String
    }

    struct Refusal: Error {
        let error: GatewayError
        let protocolType: Configuration.ProtocolType
    }

    func resolve(_ request: APIRequest) -> Result<Target, Refusal> {
        switch request.arrival {
        case .customDomain:
            // Custom domain names serve REST and HTTP APIs alike; an unmapped path gets the REST-shaped 403.
            guard let mapping = mapping(host: request.host, path: request.rawPath) else {
                return .failure(Refusal(error: .noBasePathMapping, protocolType: .rest))
            }
            return target(apiName: mapping.apiName, stage: mapping.stage, path: mapping.path)
        case .distribution(let apiName, let stage):
            return target(apiName: apiName, stage: stage, path: request.rawPath)
        case .executeAPIEndpoint(let apiName):
            guard let api = apis[apiName] else { return misconfigured(apiName: apiName, stage: nil) }
            let segments = request.rawPath.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: true)
            if let first = segments.first, first != "$default", let stage = api.stages[String(first)] {
                let rest = segments.count > 1 ? "/" + segments[1] : "/"
                return .success(Target(api: api, stage: stage, path: rest))
            }
            if api.protocolType == .http, let stage = api.stages["$default"] {
                return .success(Target(api: api, stage: stage, path: request.rawPath))
            }
            return .failure(Refusal(error: api.protocolType == .http ? .notFound : .missingAuthenticationToken, protocolType: api.protocolType))
        }
    }

    private func target(apiName: String, stage: String, path: String) -> Result<Target, Refusal> {
        guard let api = apis[apiName], let compiled = api.stages[stage] else {
            return misconfigured(apiName: apiName, stage: stage)
        }
        return .success(Target(api: api, stage: compiled, path: path.isEmpty ? "/" : path))
    }

    private func misconfigured(apiName: String, stage: String?) -> Result<Target, Refusal> {
        logger.error("gateway request names an unknown API or stage", metadata: ["gateway.api": "\(apiName)", "gateway.stage": "\(stage ?? "")"])
        return .failure(Refusal(error: .apiConfigurationError, protocolType: apis[apiName]?.protocolType ?? .rest))
    }
}
