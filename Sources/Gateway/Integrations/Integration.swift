import NIOHTTP1

/// What an integration sees of a request once the gateway has routed, authorised and admitted it.
struct IntegrationContext: Sendable {
    let request: APIRequest
    /// The path the API routes on: the request path less any base path.
    let path: String
    let query: [(name: String, value: String)]
    /// `GET /shows/{id}` or `$default`.
    let routeKey: String
    /// `/shows/{id}`, or `$default`.
    let resourcePath: String
    let pathParameters: [String: String]
    let apiID: String
    let stage: String
    let stageVariables: [String: String]
    let requestID: String
    let identity: JWTAuthorizer.Identity?
    let protocolType: Gateway.Configuration.ProtocolType
    /// Seconds since the epoch when the gateway received the request.
    let receivedAt: Double
}

/// Something that answers routed requests.
protocol IntegrationHandler: Sendable {
    /// Whether the integration passes the backend's response through as a proxy (`HTTP_PROXY`, `AWS_PROXY`),
    /// rather than producing it from its own mapping, which decides whether REST "Enable CORS" headers are added.
    var isProxy: Bool { get }

    func respond(to context: IntegrationContext) async -> Result<APIResponse, GatewayError>
}

/// `${stageVariables.name}` substitution in integration targets (aws-behaviour §3.9); an undefined variable is empty.
enum StageVariables {
    static func substitute(_ template: String, _ variables: [String: String]) -> String {
        guard template.contains("${stageVariables.") else { return template }
        var result = ""
        var rest = Substring(template)
        while let start = rest.range(of: "${stageVariables.") {
            result += rest[..<start.lowerBound]
            let afterPrefix = rest[start.upperBound...]
            guard let close = afterPrefix.firstIndex(of: "}") else {
                result += rest[start.lowerBound...]
                return result
            }
            result += variables[String(afterPrefix[..<close])] ?? ""
            rest = afterPrefix[afterPrefix.index(after: close)...]
        }
        result += rest
        return result
    }
}

/// Headers that describe one connection and never cross a proxy (RFC 9110 §7.6.1), plus framing headers the
/// gateway writes itself.
enum HopByHopHeaders {
    static let names: Set<String> = [
        "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te", "trailer",
        "transfer-encoding", "upgrade", "content-length", "host",
    ]

    static func removing(from headers: HTTPHeaders) -> HTTPHeaders {
        var result = HTTPHeaders()
        for (name, value) in headers where !names.contains(name.lowercased()) {
            result.add(name: name, value: value)
        }
        return result
    }
}
