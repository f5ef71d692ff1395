extension ResponseHeadersPolicy {
    /// The security headers the managed policies share: only `X-Content-Type-Options` replaces the origin's
    /// (CF using-managed-response-headers-policies.html).
    static let managedSecurityHeaders = SecurityHeaders(
        contentTypeOptions: .init(override: true),
        frameOptions: .init(.sameOrigin, override: false),
        referrerPolicy: .init(.strictOriginWhenCrossOrigin, override: false),
        strictTransportSecurity: .init(.init(maxAgeSeconds: 31_536_000), override: false),
        xssProtection: .init(.init(protection: true, modeBlock: true), override: false)
    )

    static let simpleCORSConfig = CORS(allowOrigins: ["*"])
    static let preflightCORSConfig = CORS(
        allowOrigins: ["*"],
        allowMethods: ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"],
        exposeHeaders: ["*"]
    )

    /// aws-behaviour §1.4, managed response headers policies: `Access-Control-Allow-Origin: *` for CORS requests.
    public static let simpleCORS = ResponseHeadersPolicy(
        name: "SimpleCORS",
        id: "60669652-455b-4ae9-85a4-c4c02393f86c",
        cors: simpleCORSConfig
    )

    /// Any origin, preflights included: preflights also get the seven methods.
    public static let corsWithPreflight = ResponseHeadersPolicy(
        name: "CORS-With-Preflight",
        id: "5cc3b908-e619-4b99-88e5-2cf7f45965bd",
        cors: preflightCORSConfig
    )

    public static let securityHeadersPolicy = ResponseHeadersPolicy(
        name: "SecurityHeadersPolicy",
        id: "67f7725c-6f97-4210-82d7-5512b31e9d03",
        securityHeaders: managedSecurityHeaders
    )

    public static let corsAndSecurityHeadersPolicy = ResponseHeadersPolicy(
        name: "CORS-and-SecurityHeadersPolicy",
        id: "e61eb60c-9c35-4d20-a928-2b84e02af89c",
        cors: simpleCORSConfig,
        securityHeaders: managedSecurityHeaders
    )

    public static let corsWithPreflightAndSecurityHeadersPolicy = ResponseHeadersPolicy(
        name: "CORS-with-preflight-and-SecurityHeadersPolicy",
        id: "eaab4381-ed33-4a86-88ca-d9558dc6cd63",
        cors: preflightCORSConfig,
        securityHeaders: managedSecurityHeaders
    )

    /// The managed policies, looked up by name or by id.
    public static let managed: [ResponseHeadersPolicy] = [
        .simpleCORS, .corsWithPreflight, .securityHeadersPolicy, .corsAndSecurityHeadersPolicy, .corsWithPreflightAndSecurityHeadersPolicy,
    ]

    /// By the documented name, the API's `Managed-` name, or the id.
    public static func managed(named nameOrID: String) -> ResponseHeadersPolicy? {
        let name = nameOrID.hasPrefix("Managed-") ? String(nameOrID.dropFirst("Managed-".count)) : nameOrID
        return managed.first { $0.name == name || $0.id == nameOrID }
    }
}
