import Foundation
import NIOHTTP1

/// CORS decisions as pure functions over a compiled configuration (aws-behaviour §3.4).
struct CORSPolicy: Sendable {
    let allowsAnyOrigin: Bool
    let origins: Set<String>
    let allowMethods: String?
    let allowHeaders: String?
    let exposeHeaders: String?
    let maxAge: String?
    let allowCredentials: Bool
    let preflightStatus: HTTPResponseStatus
    let varyOnOrigin: Bool
    /// For REST "Enable CORS": the one static `Access-Control-Allow-Origin` value the console writes.
    let staticOrigin: String

    /// The console's default `Access-Control-Allow-Headers` for REST APIs.
    static let restConsoleAllowHeaders = "Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token"

    init(_ cors: Gateway.Configuration.CORS) {
        allowsAnyOrigin = cors.allowOrigins.contains("*")
        origins = Set(cors.allowOrigins.map { $0.lowercased() })
        allowMethods = cors.allowMethods.isEmpty ? nil : cors.allowMethods.joined(separator: ",")
        allowHeaders = cors.allowHeaders.isEmpty ? nil : cors.allowHeaders.joined(separator: ",")
        exposeHeaders = cors.exposeHeaders.isEmpty ? nil : cors.exposeHeaders.joined(separator: ",")
        maxAge = cors.maxAge.map(String.init)
        allowCredentials = cors.allowCredentials
        preflightStatus = HTTPResponseStatus(statusCode: cors.preflightStatus)
        varyOnOrigin = cors.varyOnOrigin
        staticOrigin = cors.allowOrigins.first ?? "*"
    }

    /// Whether an HTTP API request is a preflight: `OPTIONS` with `Origin` and `Access-Control-Request-Method`.
    static func isPreflight(method: HTTPMethod, headers: HTTPHeaders) -> Bool {
        method == .OPTIONS && headers.contains(name: "origin") && headers.contains(name: "access-control-request-method")
    }

    /// The `Access-Control-Allow-Origin` value for `origin`: the origin itself, `*`, or nil when it is not allowed.
    func allowedOrigin(_ origin: String) -> String? {
        if allowsAnyOrigin { return "*" }
        return origins.contains(origin.lowercased()) ? origin : nil
    }

    /// The HTTP API's own answer to a preflight: the configured headers for an allowed origin, none otherwise.
    func preflightHeaders(origin: String) -> HTTPHeaders {
        var headers = HTTPHeaders()
        guard let allowed = allowedOrigin(origin) else { return headers }
        headers.add(name: "access-control-allow-origin", value: allowed)
        if allowCredentials { headers.add(name: "access-control-allow-credentials", value: "true") }
        if let allowMethods { headers.add(name: "access-control-allow-methods", value: allowMethods) }
        if let allowHeaders { headers.add(name: "access-control-allow-headers", value: allowHeaders) }
        if let maxAge { headers.add(name: "access-control-max-age", value: maxAge) }
        addVary(to: &headers, allowed: allowed)
        return headers
    }

    /// HTTP API: replaces whatever CORS headers the backend sent with the configured ones, for an allowed origin.
    func applyToResponse(_ headers: inout HTTPHeaders, origin: String?) {
        // The backend's CORS headers are ignored when the API configures CORS.
        for name in Self.responseHeaderNames { headers.remove(name: name) }
        guard let origin, let allowed = allowedOrigin(origin) else { return }
        headers.add(name: "access-control-allow-origin", value: allowed)
        if allowCredentials { headers.add(name: "access-control-allow-credentials", value: "true") }
        if let exposeHeaders { headers.add(name: "access-control-expose-headers", value: exposeHeaders) }
        addVary(to: &headers, allowed: allowed)
    }

    /// REST "Enable CORS": the `OPTIONS` mock response on a defined resource, static as the console writes it.
    func restOptionsHeaders(methods: [String]) -> HTTPHeaders {
        var headers = HTTPHeaders()
        let announced = allowMethods ?? (Set(methods).union(["OPTIONS"]).sorted().joined(separator: ","))
        headers.add(name: "Access-Control-Allow-Headers", value: allowHeaders ?? Self.restConsoleAllowHeaders)
        headers.add(name: "Access-Control-Allow-Methods", value: announced)
        headers.add(name: "Access-Control-Allow-Origin", value: staticOrigin)
        if allowCredentials { headers.add(name: "Access-Control-Allow-Credentials", value: "true") }
        if let maxAge { headers.add(name: "Access-Control-Max-Age", value: maxAge) }
        return headers
    }

    private func addVary(to headers: inout HTTPHeaders, allowed: String) {
        guard varyOnOrigin, allowed != "*" else { return }
        let present = headers["vary"].flatMap { $0.split(separator: ",") }.contains {
            $0.trimmingCharacters(in: .whitespaces).caseInsensitiveCompare("origin") == .orderedSame
        }
        if !present { headers.add(name: "vary", value: "Origin") }
    }

    static let responseHeaderNames = [
        "access-control-allow-origin", "access-control-allow-credentials", "access-control-allow-methods",
        "access-control-allow-headers", "access-control-expose-headers", "access-control-max-age",
    ]
}
