extension Gateway.Configuration {
    /// REST gateway response types (aws-behaviour §3.3) that a stack can override.
    public enum GatewayResponseType: String, Sendable, CaseIterable {
        case missingAuthenticationToken = "MISSING_AUTHENTICATION_TOKEN"
        case invalidAPIKey = "INVALID_API_KEY"
        case throttled = "THROTTLED"
        case quotaExceeded = "QUOTA_EXCEEDED"
        case unauthorized = "UNAUTHORIZED"
        case accessDenied = "ACCESS_DENIED"
        case requestTooLarge = "REQUEST_TOO_LARGE"
        case integrationTimeout = "INTEGRATION_TIMEOUT"
        case integrationFailure = "INTEGRATION_FAILURE"
        case apiConfigurationError = "API_CONFIGURATION_ERROR"
        case resourceNotFound = "RESOURCE_NOT_FOUND"
        case default4XX = "DEFAULT_4XX"
        case default5XX = "DEFAULT_5XX"
    }

    /// What a configured gateway response changes: its status and added headers (`responseParameters`).
    public struct GatewayResponseOverride: Sendable, Equatable {
        public var statusCode: Int?
        /// Header name to value, as `gatewayresponse.header.Access-Control-Allow-Origin: "'*'"` sets them.
        public var responseParameters: [String: String]

        public init(statusCode: Int? = nil, responseParameters: [String: String] = [:]) {
            self.statusCode = statusCode
            self.responseParameters = responseParameters
        }
    }
}
