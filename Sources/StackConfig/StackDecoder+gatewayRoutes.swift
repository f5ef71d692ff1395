import Gateway
import Store

extension StackDecoder {
    static let routeKeys = Keys(
        allowed: ["routeKey", "integration", "authorizerName", "authorizationScopes", "apiKeyRequired", "cacheKeyParameters"],
        notes: [
            "authorizerId": "name the route's JWT authorizer with authorizerName",
            "authorizationType": "a route with authorizerName is checked by that JWT authorizer, one without is open (NONE); remove it",
            "target": "write what answers the route under integration",
            "requestParameters": "request parameter mappings are not simulated; remove them",
        ]
    )

    /// What answers a route; `type` picks the keys the rest of the integration may have.
    enum IntegrationType: String, CaseIterable {
        case mock
        case http
        case command
        case table

        var keys: Keys {
            switch self {
            case .mock: Keys(allowed: ["type", "statusCode", "headers", "body"])
            case .http: Keys(allowed: ["type", "integrationUri", "integrationMethod", "timeoutInMillis"])
            case .command:
                Keys(allowed: ["type", "command", "payloadFormatVersion", "timeoutInMillis", "environment", "workingDirectory"])
            case .table: Keys(allowed: ["type", "tableName", "partitionKey", "pathParameter", "defaultPageSize", "maxPageSize"])
            }
        }

        /// API Gateway's integration types, for people who write those.
        static let awsNames: [String: IntegrationType] = [
            "MOCK": .mock, "HTTP_PROXY": .http, "HTTP": .http, "AWS_PROXY": .command, "AWS": .table,
        ]
    }

    mutating func routes(
        _ node: StackNode,
        _ path: FieldPath,
        protocolType: Gateway.Configuration.ProtocolType,
        tables: [TableDefinition]
    ) -> [Gateway.Configuration.Route] {
        guard let elements = list(node, path) else { return [] }
        var routes: [Gateway.Configuration.Route] = []
        for (index, element) in elements.enumerated() {
            let routePath = path.index(index)
            guard let fields = fields(element, routePath, Self.routeKeys) else { continue }
            let routeKey = requiredString(fields, "routeKey", "the method and path it answers, like GET /api/shows/{id}, or $default")
            let integration = required(fields, "integration", "say what answers the route, like { type: table, tableName: shows }").flatMap {
                self.integration($0, routePath.key("integration"), protocolType: protocolType, tables: tables)
            }
            let authorizerName = string(fields, "authorizerName")
            let scopes = stringList(fields, "authorizationScopes") ?? []
            let apiKeyRequired = bool(fields, "apiKeyRequired") ?? false
            let cacheKeyParameters = stringList(fields, "cacheKeyParameters") ?? []
            for (parameterIndex, parameter) in cacheKeyParameters.enumerated()
            where !(parameter.hasPrefix("method.request.querystring.") || parameter.hasPrefix("method.request.header.")) {
                report(
                    "\"\(parameter)\" is not a request parameter; write method.request.querystring.NAME or method.request.header.NAME",
                    at: fields["cacheKeyParameters"]?.elements?[parameterIndex] ?? fields["cacheKeyParameters"],
                    routePath.key("cacheKeyParameters").index(parameterIndex)
                )
            }
            guard let routeKey, let integration else { continue }
            routes.append(
                Gateway.Configuration.Route(
                    routeKey: routeKey,
                    integration: integration,
                    authorizerName: authorizerName,
                    authorizationScopes: scopes,
                    apiKeyRequired: apiKeyRequired,
                    cacheKeyParameters: cacheKeyParameters
                )
            )
        }
        return routes
    }

    private mutating func integration(
        _ node: StackNode,
        _ path: FieldPath,
        protocolType: Gateway.Configuration.ProtocolType,
        tables: [TableDefinition]
    ) -> Gateway.Configuration.Integration? {
        guard node.pairs != nil else {
            report("must be a mapping with a type (mock, http, command or table); got \(node.kindDescription)", at: node, path)
            return nil
        }
        let names = IntegrationType.allCases.map(\.rawValue).joined(separator: ", ")
        guard let typeNode = node["type"], !typeNode.isNull else {
            report("is required; one of \(names)", at: node, path.key("type"))
            return nil
        }
        guard let typeName = typeNode.string, let type = IntegrationType(rawValue: typeName) else {
            let hint =
                typeNode.string.flatMap { IntegrationType.awsNames[$0] }.map { "; for API Gateway's \(typeNode.string ?? "") write \($0.rawValue)" }
                ?? ""
            report("must be one of \(names); got \(typeNode.kindDescription)\(hint)", at: typeNode, path.key("type"))
            return nil
        }
        guard let fields = fields(node, path, type.keys) else { return nil }
        switch type {
        case .mock:
            var mock = Gateway.Configuration.Mock()
            mock.statusCode = int(fields, "statusCode") ?? mock.statusCode
            mock.headers = stringMap(fields, "headers") ?? [:]
            if let body = fields["body"] {
                // A mapping or list is the JSON body written as YAML; a scalar is the body's text.
                if case .scalar = body.content { mock.body = body.string ?? "" } else { mock.body = Self.jsonText(body) }
            }
            return .mock(mock)
        case .http:
            guard let uri = requiredString(fields, "integrationUri", "the URL requests go to, like http://127.0.0.1:9000") else { return nil }
            var proxy = Gateway.Configuration.HTTPProxy(integrationUri: uri)
            proxy.integrationMethod = string(fields, "integrationMethod")?.uppercased()
            proxy.timeoutInMillis = int(fields, "timeoutInMillis")
            return .http(proxy)
        case .command:
            return commandIntegration(fields)
        case .table:
            return tableIntegration(fields, tables: tables)
        }
    }

    /// A local program run per request; a relative program path and working directory start at the stack
    /// file's folder, which is also where the program runs unless told otherwise.
    private mutating func commandIntegration(_ fields: Fields) -> Gateway.Configuration.Integration? {
        guard required(fields, "command", "list the program and its arguments, like [python3, handlers/info.py]") != nil,
            var command = stringList(fields, "command")
        else { return nil }
        if let program = command.first, program.contains("/"), !program.hasPrefix("/") {
            command[0] = StackLoader.absolutePath(program, relativeTo: baseDirectory)
        }
        var integration = Gateway.Configuration.Command(command: command)
        integration.payloadFormatVersion =
            choice(fields, "payloadFormatVersion", Gateway.Configuration.Command.PayloadFormatVersion.self) ?? integration.payloadFormatVersion
        integration.timeoutInMillis = int(fields, "timeoutInMillis")
        integration.environment = stringMap(fields, "environment") ?? [:]
        if let directory = string(fields, "workingDirectory") {
            integration.workingDirectory = StackLoader.absolutePath(directory, relativeTo: baseDirectory)
        } else {
            integration.workingDirectory = baseDirectory
        }
        return .command(integration)
    }

    /// CRUD over a table of `tables:`, addressed by its partition key.
    private mutating func tableIntegration(_ fields: Fields, tables: [TableDefinition]) -> Gateway.Configuration.Integration? {
        guard let tableName = requiredString(fields, "tableName", "name a table of tables:") else { return nil }
        let table = tables.first { $0.name == tableName }
        if table == nil, !tableName.contains("${") {
            let known = tables.map(\.name)
            let hint =
                known.isEmpty
                ? "define it under tables:"
                : Suggestion.closest(to: tableName, among: known).map { "did you mean \"\($0)\"?" }
                    ?? "tables defines \(known.joined(separator: ", "))"
            report("no table is named \"\(tableName)\"; \(hint)", at: fields["tableName"], fields.path.key("tableName"))
        }
        var integration = Gateway.Configuration.Table(tableName: tableName)
        if let schema = table?.keySchema {
            integration.partitionKey = schema.partitionKey.name
            if let sortKey = schema.sortKey {
                report(
                    "table \"\(tableName)\" has sort key \"\(sortKey.name)\"; the table integration addresses items by partition key alone, so use a table without one",
                    at: fields["tableName"],
                    fields.path.key("tableName")
                )
            }
        }
        if let partitionKey = string(fields, "partitionKey") {
            if let schema = table?.keySchema, schema.partitionKey.name != partitionKey {
                report(
                    "table \"\(tableName)\" has partition key \"\(schema.partitionKey.name)\"; leave partitionKey out or write that",
                    at: fields["partitionKey"],
                    fields.path.key("partitionKey")
                )
            }
            integration.partitionKey = partitionKey
        }
        integration.pathParameter = string(fields, "pathParameter")
        integration.defaultPageSize = int(fields, "defaultPageSize") ?? integration.defaultPageSize
        integration.maxPageSize = int(fields, "maxPageSize") ?? integration.maxPageSize
        return .table(integration)
    }
}
