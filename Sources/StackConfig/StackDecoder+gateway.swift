import Foundation
import Gateway
import Store

extension StackDecoder {
    static let apiKeys = Keys(
        allowed: ["name", "description", "protocolType", "routes", "cors", "stages", "authorizers", "gatewayResponses"],
        notes: [
            "corsConfiguration": "write the CORS settings under cors",
            "routeSelectionExpression": "routes are chosen by method and path, the only way HTTP APIs choose them; remove it",
            "apiKeySelectionExpression": "API keys are read from the x-api-key header; remove it",
            "body": "OpenAPI definitions are not read; describe the routes under routes",
            "integrations": "write each route's integration under the route, as routes: [{ routeKey: ..., integration: ... }]",
        ]
    )
    static let corsKeys = Keys(
        allowed: ["allowOrigins", "allowMethods", "allowHeaders", "exposeHeaders", "maxAge", "allowCredentials", "preflightStatus", "varyOnOrigin"]
    )
    static let authorizerKeys = Keys(
        allowed: ["name", "authorizerType", "identitySource", "jwtConfiguration"],
        notes: [
            "authorizerUri": "Lambda authorizers are not simulated; use a JWT authorizer (jwtConfiguration)",
            "providerArns": "Cognito user pool authorizers are not simulated; use a JWT authorizer whose issuer is the pool's URL",
        ]
    )
    static let jwtKeys = Keys(
        allowed: ["issuer", "audience", "jwksUri", "jwksFile", "jwksCacheSeconds", "jwksTimeoutInMillis", "insufficientScopeStatus"]
    )
    static let gatewayResponseKeys = Keys(allowed: ["responseType", "statusCode", "responseParameters", "responseTemplates"])

    /// Reads `apis:`; every API is read, so later checks see all of their names.
    mutating func apis(_ node: StackNode, _ path: FieldPath, tables: [TableDefinition]) -> (apis: [Gateway.Configuration.API], namesComplete: Bool) {
        guard let elements = list(node, path) else { return ([], false) }
        var apis: [Gateway.Configuration.API] = []
        var namesComplete = true
        for (index, element) in elements.enumerated() {
            let apiPath = path.index(index)
            guard let fields = fields(element, apiPath, Self.apiKeys) else {
                namesComplete = false
                continue
            }
            // Without a name the rest is still checked, so that every problem shows at once.
            let name = requiredString(fields, "name", "stages, usage plans, domain names and origins (gateway: NAME) refer to the API by it")
            if name == nil { namesComplete = false }
            var api = Gateway.Configuration.API(name: name ?? "")
            api.protocolType = choice(fields, "protocolType", Gateway.Configuration.ProtocolType.self) ?? .http
            api.authorizers = fields["authorizers"].map { authorizers($0, apiPath.key("authorizers")) } ?? []
            api.routes = fields["routes"].map { routes($0, apiPath.key("routes"), protocolType: api.protocolType, tables: tables) } ?? []
            if let corsNode = fields["cors"] { api.cors = cors(corsNode, apiPath.key("cors")) }
            if let stagesNode = fields["stages"] { api.stages = stages(stagesNode, apiPath.key("stages")) }
            if let responsesNode = fields["gatewayResponses"] {
                if api.protocolType == .http {
                    report(
                        "gateway responses are a REST API feature (an HTTP API's own errors cannot be changed); set protocolType: REST or remove them",
                        at: fields.keyNode("gatewayResponses"),
                        apiPath.key("gatewayResponses")
                    )
                } else {
                    api.gatewayResponses = gatewayResponses(responsesNode, apiPath.key("gatewayResponses"))
                }
            }
            if name != nil { apis.append(api) }
        }
        return (apis, namesComplete)
    }

    private mutating func cors(_ node: StackNode, _ path: FieldPath) -> Gateway.Configuration.CORS? {
        guard let fields = fields(node, path, Self.corsKeys) else { return nil }
        var cors = Gateway.Configuration.CORS()
        cors.allowOrigins = stringList(fields, "allowOrigins") ?? []
        cors.allowMethods = stringList(fields, "allowMethods")?.map { $0.uppercased() } ?? []
        cors.allowHeaders = stringList(fields, "allowHeaders") ?? []
        cors.exposeHeaders = stringList(fields, "exposeHeaders") ?? []
        cors.maxAge = int(fields, "maxAge")
        cors.allowCredentials = bool(fields, "allowCredentials") ?? false
        cors.preflightStatus = int(fields, "preflightStatus") ?? cors.preflightStatus
        cors.varyOnOrigin = bool(fields, "varyOnOrigin") ?? cors.varyOnOrigin
        if cors.allowOrigins.isEmpty, fields["allowOrigins"] == nil {
            report("is required; list the origins allowed to read responses, like [https://app.edgesim.test]", at: node, path.key("allowOrigins"))
        }
        return cors
    }

    private mutating func authorizers(_ node: StackNode, _ path: FieldPath) -> [Gateway.Configuration.Authorizer] {
        guard let elements = list(node, path) else { return [] }
        var authorizers: [Gateway.Configuration.Authorizer] = []
        for (index, element) in elements.enumerated() {
            let authorizerPath = path.index(index)
            guard let fields = fields(element, authorizerPath, Self.authorizerKeys) else { continue }
            let name = requiredString(fields, "name", "routes name their authorizer by it in authorizerName")
            if let type = string(fields, "authorizerType"), type != "JWT" {
                report(
                    "only JWT authorizers are simulated (REQUEST authorizers run Lambda functions); write JWT or leave it out",
                    at: fields["authorizerType"],
                    authorizerPath.key("authorizerType")
                )
            }
            let identitySource = stringList(fields, "identitySource")
            let jwt = required(fields, "jwtConfiguration", "give the issuer and audience tokens must carry").flatMap {
                jwtConfiguration($0, authorizerPath.key("jwtConfiguration"))
            }
            guard let name, let jwt else { continue }
            var authorizer = Gateway.Configuration.Authorizer(name: name, jwtConfiguration: jwt)
            authorizer.identitySource = identitySource ?? authorizer.identitySource
            authorizers.append(authorizer)
        }
        return authorizers
    }

    private mutating func jwtConfiguration(_ node: StackNode, _ path: FieldPath) -> Gateway.Configuration.JWTConfiguration? {
        guard let fields = fields(node, path, Self.jwtKeys) else { return nil }
        let issuer = requiredString(fields, "issuer", "the iss tokens must carry, like https://cognito-idp.us-east-1.amazonaws.com/POOL_ID")
        let audience = required(fields, "audience", "list the aud (or client_id) values to accept").flatMap { _ in stringList(fields, "audience") }
        var configuration = Gateway.Configuration.JWTConfiguration(issuer: issuer ?? "", audience: audience ?? [])
        if fields["jwksUri"] != nil, fields["jwksFile"] != nil {
            report("give jwksUri or jwksFile, not both", at: fields.keyNode("jwksFile"), path.key("jwksFile"))
        }
        if let uri = string(fields, "jwksUri") {
            if !(uri.hasPrefix("https://") || uri.hasPrefix("http://") || uri.hasPrefix("file://")) {
                report(
                    "must be an http://, https:// or file:// URL; got \"\(uri)\" (name a file with jwksFile instead)",
                    at: fields["jwksUri"],
                    path.key("jwksUri")
                )
            }
            configuration.jwksUri = uri
        }
        if let file = string(fields, "jwksFile") {
            configuration.jwksUri = existingFile(file, at: fields["jwksFile"], path.key("jwksFile"), what: "the JSON Web Key Set")
        }
        configuration.jwksCacheSeconds = int(fields, "jwksCacheSeconds", in: 0...Int.max, unit: " seconds") ?? configuration.jwksCacheSeconds
        configuration.jwksTimeoutInMillis = int(fields, "jwksTimeoutInMillis", in: 1...Int.max) ?? configuration.jwksTimeoutInMillis
        configuration.insufficientScopeStatus = int(fields, "insufficientScopeStatus", in: 400...499) ?? configuration.insufficientScopeStatus
        guard issuer != nil, audience != nil else { return nil }
        return configuration
    }

    /// A file named relative to the stack file's folder, as an absolute path; reported when it is not a file.
    mutating func existingFile(_ file: String, at node: StackNode?, _ path: FieldPath, what: String) -> String {
        let resolved = StackLoader.absolutePath(file, relativeTo: baseDirectory)
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) {
            report(
                "file \"\(resolved)\" does not exist; it should hold \(what) (a relative path starts at the stack file's folder)",
                at: node,
                path
            )
        } else if isDirectory.boolValue {
            report("\"\(resolved)\" is a folder; name the file that holds \(what)", at: node, path)
        }
        return resolved
    }

    private mutating func gatewayResponses(
        _ node: StackNode,
        _ path: FieldPath
    ) -> [Gateway.Configuration.GatewayResponseType: Gateway.Configuration.GatewayResponseOverride] {
        guard let elements = list(node, path) else { return [:] }
        var responses: [Gateway.Configuration.GatewayResponseType: Gateway.Configuration.GatewayResponseOverride] = [:]
        for (index, element) in elements.enumerated() {
            let responsePath = path.index(index)
            guard let fields = fields(element, responsePath, Self.gatewayResponseKeys),
                let typeNode = required(
                    fields,
                    "responseType",
                    "one of " + Gateway.Configuration.GatewayResponseType.allCases.map(\.rawValue).joined(separator: ", ")
                ),
                let type = choice(typeNode, responsePath.key("responseType"), Gateway.Configuration.GatewayResponseType.self)
            else { continue }
            if fields["responseTemplates"] != nil {
                report(
                    "response templates are not simulated: the body stays API Gateway's {\"message\": ...}; remove them",
                    at: fields.keyNode("responseTemplates"),
                    responsePath.key("responseTemplates")
                )
            }
            var override = Gateway.Configuration.GatewayResponseOverride()
            override.statusCode = int(fields, "statusCode", in: 100...599)
            override.responseParameters = responseParameters(fields)
            if responses[type] != nil {
                report("\(type.rawValue) is overridden above already; each responseType once", at: typeNode, responsePath.key("responseType"))
            }
            responses[type] = override
        }
        return responses
    }

    /// `gatewayresponse.header.Access-Control-Allow-Origin: "'https://app.example.com'"`: static header values,
    /// written in single quotes as API Gateway takes them.
    private mutating func responseParameters(_ fields: Fields) -> [String: String] {
        guard let parameters = stringMap(fields, "responseParameters") else { return [:] }
        let path = fields.path.key("responseParameters")
        let prefix = "gatewayresponse.header."
        var headers: [String: String] = [:]
        for (name, value) in parameters.sorted(by: { $0.key < $1.key }) {
            let node = fields["responseParameters"]?[name]
            guard name.hasPrefix(prefix), name.count > prefix.count else {
                report("must be gatewayresponse.header.NAME, like gatewayresponse.header.Access-Control-Allow-Origin", at: node, path.key(name))
                continue
            }
            guard value.count >= 2, value.hasPrefix("'"), value.hasSuffix("'") else {
                report(
                    "a header value is a static value in single quotes, like \"'https://app.edgesim.test'\" (request values are not mapped); got \"\(value)\"",
                    at: node,
                    path.key(name)
                )
                continue
            }
            headers[String(name.dropFirst(prefix.count))] = String(value.dropFirst().dropLast())
        }
        return headers
    }
}
