extension Gateway.Configuration.API {
    func validate(path: String, into issues: inout Issues) {
        var seen: Set<RouteKey> = []
        let authorizerNames = Set(authorizers.map(\.name))
        for (index, route) in routes.enumerated() {
            let routePath = "\(path).routes[\(index)]"
            switch RouteKey.parse(route.routeKey) {
            case .failure(let problem):
                issues.error("\(routePath).routeKey", "`\(route.routeKey)`: \(problem.message)", fix: "write it as `GET /shows/{id}`")
            case .success(let key):
                if !seen.insert(key).inserted {
                    issues.error("\(routePath).routeKey", "route `\(route.routeKey)` is defined twice", fix: "keep one of them")
                }
                if key.isDefault && protocolType == .rest {
                    issues.error("\(routePath).routeKey", "REST APIs have no `$default` route", fix: "use `ANY /{proxy+}` instead")
                }
            }
            if let name = route.authorizerName, !authorizerNames.contains(name) {
                issues.error("\(routePath).authorizerName", "no authorizer is named `\(name)`", fix: "add it under `authorizers` or remove it here")
            }
            if !route.authorizationScopes.isEmpty && route.authorizerName == nil {
                issues.error(
                    "\(routePath).authorizationScopes",
                    "scopes need a JWT authorizer to check them",
                    fix: "set authorizerName, or remove the scopes"
                )
            }
            if route.apiKeyRequired && protocolType == .http {
                issues.warning(
                    "\(routePath).apiKeyRequired",
                    "API keys and usage plans are REST-only on AWS; EdgeSim enforces them here anyway",
                    fix: "use protocolType REST to match what AWS will do"
                )
            }
            route.integration.validate(path: "\(routePath).integration", protocolType: protocolType, into: &issues)
        }
        if let cors { cors.validate(path: "\(path).cors", protocolType: protocolType, into: &issues) }
        var stageNames: Set<String> = []
        let routeKeys = Set(routes.compactMap { try? RouteKey.parse($0.routeKey).get() }.map(CompiledAPI.routeKeyText))
        for (index, stage) in stages.enumerated() {
            let stagePath = "\(path).stages[\(index)]"
            if !stageNames.insert(stage.stageName).inserted {
                issues.error("\(stagePath).stageName", "stage `\(stage.stageName)` is defined twice", fix: "keep one of them")
            }
            stage.validate(path: stagePath, routeKeys: routeKeys, into: &issues)
        }
        if stages.isEmpty {
            issues.error("\(path).stages", "the API has no stage", fix: "add one, as `$default`")
        }
        for (index, authorizer) in authorizers.enumerated() {
            let authorizerPath = "\(path).authorizers[\(index)]"
            let jwt = authorizer.jwtConfiguration
            if jwt.issuer.isEmpty {
                issues.error("\(authorizerPath).jwtConfiguration.issuer", "the issuer is empty", fix: "set the `iss` tokens must carry")
            }
            if jwt.audience.isEmpty {
                issues.error(
                    "\(authorizerPath).jwtConfiguration.audience",
                    "no audience is set",
                    fix: "list the `aud` or `client_id` values to accept"
                )
            }
            for (sourceIndex, source) in authorizer.identitySource.enumerated()
            where !(source.hasPrefix("$request.header.") || source.hasPrefix("$request.querystring.")) {
                issues.error(
                    "\(authorizerPath).identitySource[\(sourceIndex)]",
                    "`\(source)` is not an identity source",
                    fix: "use `$request.header.Authorization` or `$request.querystring.<name>`"
                )
            }
        }
    }
}

extension Gateway.Configuration.CORS {
    func validate(path: String, protocolType: Gateway.Configuration.ProtocolType, into issues: inout Issues) {
        if allowCredentials && allowOrigins.contains("*") {
            issues.error(
                "\(path).allowOrigins",
                "allow-credentials is not supported if 'allow-origin' is * (API Gateway refuses this configuration)",
                fix: "list the exact origins, as `https://app.edgesim.test`, or set allowCredentials to false"
            )
        }
        for (index, origin) in allowOrigins.enumerated() where origin != "*" {
            let parts = origin.split(separator: "/", omittingEmptySubsequences: false)
            let isOrigin = parts.count == 3 && (parts[0] == "http:" || parts[0] == "https:") && parts[1].isEmpty && !parts[2].isEmpty
            if !isOrigin {
                issues.error(
                    "\(path).allowOrigins[\(index)]",
                    "`\(origin)` is not an origin; browsers send scheme://host[:port] with no path or trailing slash",
                    fix: "write it as `https://app.edgesim.test`"
                )
            }
        }
        if let maxAge, !(-1...86_400).contains(maxAge) {
            issues.error("\(path).maxAge", "maxAge \(maxAge) is outside -1 to 86400 seconds", fix: "use a value from -1 to 86400")
        }
        if !(200...299).contains(preflightStatus) {
            issues.error("\(path).preflightStatus", "a preflight answer must be a 2xx status", fix: "use 204 (the default) or 200")
        }
        if allowCredentials && (allowHeaders.contains("*") || allowMethods.contains("*") || exposeHeaders.contains("*")) {
            issues.warning(
                "\(path)",
                "browsers read `*` in allow/expose headers and methods literally on credentialed requests",
                fix: "list the header names and methods"
            )
        }
        if protocolType == .rest && allowOrigins.count > 1 {
            issues.error(
                "\(path).allowOrigins",
                "a REST API's OPTIONS method returns one static Access-Control-Allow-Origin",
                fix: "list one origin, or use an HTTP API, which reflects a matching origin"
            )
        }
    }
}

extension Gateway.Configuration.Stage {
    func validate(path: String, routeKeys: Set<String>, into issues: inout Issues) {
        if !(0...3600).contains(cacheTtlInSeconds) {
            issues.error("\(path).cacheTtlInSeconds", "the cache TTL must be 0 to 3600 seconds", fix: "use 300 (the default), or 0 to disable")
        }
        if let canary = canarySettings, !(0...100).contains(canary.percentTraffic) {
            issues.error(
                "\(path).canarySettings.percentTraffic",
                "percentTraffic must be 0.0 to 100.0",
                fix: "set the share of requests for the canary"
            )
        }
        for (name, value) in stageVariables.merging(canarySettings?.stageVariableOverrides ?? [:], uniquingKeysWith: { $1 }) {
            if name.isEmpty || !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) {
                issues.error("\(path).stageVariables.\(name)", "a stage variable name is letters, digits and `_`", fix: "rename it")
            }
            let allowed = Set("-._~:/?#&=,")
            if value.count > 512 || !value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || allowed.contains($0)) }) {
                issues.warning(
                    "\(path).stageVariables.\(name)",
                    "API Gateway may refuse this value: up to 512 of letters, digits and -._~:/?#&=,",
                    fix: "keep values to those characters"
                )
            }
        }
        for (key, settings) in routeSettings {
            if !routeKeys.contains(key) && key != "$default" {
                issues.warning("\(path).routeSettings.\(key)", "no route has the key `\(key)`", fix: "use a route key exactly as the route writes it")
            }
            if let ttl = settings.cacheTtlInSeconds, !(0...3600).contains(ttl) {
                issues.error(
                    "\(path).routeSettings.\(key).cacheTtlInSeconds",
                    "the cache TTL must be 0 to 3600 seconds",
                    fix: "use a value from 0 to 3600"
                )
            }
        }
    }
}

extension Gateway.Configuration.Integration {
    func validate(path: String, protocolType: Gateway.Configuration.ProtocolType, into issues: inout Issues) {
        switch self {
        case .mock(let mock):
            if !(100...599).contains(mock.statusCode) {
                issues.error("\(path).statusCode", "\(mock.statusCode) is not an HTTP status", fix: "use 100 to 599")
            }
        case .http(let proxy):
            let uri = proxy.integrationUri
            if !(uri.hasPrefix("http://") || uri.hasPrefix("https://") || uri.hasPrefix("${stageVariables.")) {
                issues.error("\(path).integrationUri", "`\(uri)` is not an http(s) URL", fix: "write it as `http://127.0.0.1:9000`")
            }
            validateTimeout(proxy.timeoutInMillis, path: path, protocolType: protocolType, into: &issues)
        case .command(let command):
            if command.command.first?.isEmpty ?? true {
                issues.error("\(path).command", "no executable is named", fix: "list the program and its arguments, as [\"python3\", \"handler.py\"]")
            }
            validateTimeout(command.timeoutInMillis, path: path, protocolType: protocolType, into: &issues)
        case .table(let table):
            if table.tableName.isEmpty {
                issues.error("\(path).tableName", "no table is named", fix: "name a table of the stack")
            }
            if table.defaultPageSize < 1 || table.maxPageSize < table.defaultPageSize {
                issues.error("\(path).defaultPageSize", "page sizes must be at least 1, the default at most the maximum", fix: "use 25 and 1000")
            }
        }
    }

    private func validateTimeout(_ millis: Int?, path: String, protocolType: Gateway.Configuration.ProtocolType, into issues: inout Issues) {
        guard let millis else { return }
        let maximum = Gateway.Configuration.maximumIntegrationTimeout(protocolType)
        if !(50...maximum).contains(millis) {
            issues.error(
                "\(path).timeoutInMillis",
                "\(millis) ms is outside API Gateway's 50 to \(maximum) ms",
                fix: "use a value from 50 to \(maximum)"
            )
        }
    }
}
