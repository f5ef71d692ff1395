import NIOHTTP1

/// CORS headers on the way out, as each flavour adds them (aws-behaviour §3.3, §3.4).
extension Gateway {
    /// CORS on an integration's response: an HTTP API's configured headers replace the backend's; a REST API
    /// with "Enable CORS" adds its static origin to non-proxy integrations, and proxies pass the backend's through.
    func decorate(_ response: inout APIResponse, api: CompiledAPI, route: CompiledRoute, origin: String?) {
        guard let cors = api.cors else { return }
        switch api.protocolType {
        case .http:
            cors.applyToResponse(&response.headers, origin: origin)
        case .rest:
            if !route.integration.isProxy && !response.headers.contains(name: "access-control-allow-origin") {
                response.headers.add(name: "Access-Control-Allow-Origin", value: cors.staticOrigin)
            }
        }
    }

    /// A gateway error as the API's flavour writes it. An HTTP API with CORS adds its headers to its own errors
    /// too; a REST API's errors carry only what its configured gateway responses add (aws-behaviour §3.3).
    func gatewayResponse(_ error: GatewayError, api: CompiledAPI, origin: String?) -> APIResponse {
        var response = error.response(protocolType: api.protocolType, overrides: api.gatewayResponses)
        if api.protocolType == .http, let cors = api.cors {
            cors.applyToResponse(&response.headers, origin: origin)
        }
        return response
    }
}
