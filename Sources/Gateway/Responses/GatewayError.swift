import NIOCore
import NIOHTTP1

/// A response API Gateway makes itself, never the integration's (aws-behaviour §3.2, §3.3).
enum GatewayError: Error, Equatable, Sendable {
    /// HTTP API: no route, or no stage (404 `Not Found`).
    case notFound
    /// REST: no resource or method (403 `Missing Authentication Token`).
    case missingAuthenticationToken
    /// Missing, unknown, disabled or unassociated API key.
    case invalidAPIKey
    /// A custom domain name without a base path mapping for the path.
    case noBasePathMapping
    case throttled
    case quotaExceeded
    /// A JWT failure; the description goes into `www-authenticate`.
    case unauthorized(description: String)
    /// A valid token without any of the route's scopes.
    case insufficientScope(status: Int, requiredScopes: [String])
    case requestTooLarge
    case integrationTimeout
    /// The integration could not be reached.
    case integrationFailure
    /// A Lambda-proxy function failed or returned a response API Gateway cannot read.
    case malformedProxyResponse
    case apiConfigurationError

    var status: HTTPResponseStatus {
        switch self {
        case .notFound: .notFound
        case .missingAuthenticationToken, .invalidAPIKey, .noBasePathMapping: .forbidden
        case .throttled, .quotaExceeded: .tooManyRequests
        case .unauthorized: .unauthorized
        case .insufficientScope(let status, _): HTTPResponseStatus(statusCode: status)
        case .requestTooLarge: .payloadTooLarge
        case .integrationTimeout, .integrationFailure: .gatewayTimeout
        case .malformedProxyResponse: .badGateway
        case .apiConfigurationError: .internalServerError
        }
    }

    /// The body, byte for byte as API Gateway writes it: the two Lambda-era messages keep their space.
    var body: String {
        switch self {
        case .notFound: #"{"message":"Not Found"}"#
        case .missingAuthenticationToken: #"{"message":"Missing Authentication Token"}"#
        case .invalidAPIKey, .noBasePathMapping, .insufficientScope: #"{"message":"Forbidden"}"#
        case .throttled: #"{"message":"Too Many Requests"}"#
        case .quotaExceeded: #"{"message":"Limit Exceeded"}"#
        case .unauthorized: #"{"message":"Unauthorized"}"#
        case .requestTooLarge: #"{"message":"Request Too Long"}"#
        case .integrationTimeout: #"{"message": "Endpoint request timed out"}"#
        case .integrationFailure, .malformedProxyResponse: #"{"message": "Internal server error"}"#
        case .apiConfigurationError: #"{"message":"Internal server error"}"#
        }
    }

    /// `x-amzn-ErrorType` on REST APIs, where the reference names one.
    var errorType: String? {
        switch self {
        case .missingAuthenticationToken: "MissingAuthenticationTokenException"
        case .invalidAPIKey, .noBasePathMapping, .insufficientScope: "ForbiddenException"
        case .throttled: "TooManyRequestsException"
        case .quotaExceeded: "LimitExceededException"
        case .unauthorized: "UnauthorizedException"
        case .notFound, .requestTooLarge, .integrationTimeout, .integrationFailure, .malformedProxyResponse,
            .apiConfigurationError:
            nil
        }
    }

    var responseType: Gateway.Configuration.GatewayResponseType {
        switch self {
        case .notFound: .resourceNotFound
        case .missingAuthenticationToken: .missingAuthenticationToken
        case .invalidAPIKey, .noBasePathMapping: .invalidAPIKey
        case .throttled: .throttled
        case .quotaExceeded: .quotaExceeded
        case .unauthorized: .unauthorized
        case .insufficientScope: .accessDenied
        case .requestTooLarge: .requestTooLarge
        case .integrationTimeout: .integrationTimeout
        case .integrationFailure, .malformedProxyResponse: .integrationFailure
        case .apiConfigurationError: .apiConfigurationError
        }
    }

    /// The response for an API of `protocolType`, with a REST API's configured gateway response applied.
    func response(
        protocolType: Gateway.Configuration.ProtocolType,
        overrides: [Gateway.Configuration.GatewayResponseType: Gateway.Configuration.GatewayResponseOverride] = [:]
    ) -> APIResponse {
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/json")
        if protocolType == .rest, let errorType {
            headers.add(name: "x-amzn-ErrorType", value: errorType)
        }
        switch self {
        case .unauthorized(let description):
            headers.add(name: "www-authenticate", value: #"Bearer scope="" error="invalid_token" error_description="\#(description)""#)
        case .insufficientScope(_, let scopes):
            headers.add(
                name: "www-authenticate",
                value:
                    #"Bearer scope="\#(scopes.joined(separator: " "))" error="insufficient_scope" error_description="the token does not have the required scopes""#
            )
        default: break
        }
        var status = status
        if protocolType == .rest {
            let fallback: Gateway.Configuration.GatewayResponseType = status.code >= 500 ? .default5XX : .default4XX
            if let override = overrides[responseType] ?? overrides[fallback] {
                if let code = override.statusCode { status = HTTPResponseStatus(statusCode: code) }
                for (name, value) in override.responseParameters.sorted(by: { $0.key < $1.key }) {
                    headers.replaceOrAdd(name: name, value: value)
                }
            }
        }
        return APIResponse(status: status, headers: headers, body: ByteBuffer(string: body))
    }
}
