/// A response headers policy's security headers (CloudFront's `ResponseHeadersPolicySecurityHeadersConfig`). Each is
/// optional and has its own `override`: true replaces the origin's header, false keeps the origin's when it sends one.
/// They go on every response of the behaviour, CORS or not.
public struct SecurityHeaders: Sendable, Equatable {
    /// `X-Frame-Options`.
    public enum FrameOption: String, Sendable, CaseIterable {
        case deny = "DENY"
        case sameOrigin = "SAMEORIGIN"
    }

    /// `Referrer-Policy` directives.
    public enum ReferrerPolicy: String, Sendable, CaseIterable {
        case noReferrer = "no-referrer"
        case noReferrerWhenDowngrade = "no-referrer-when-downgrade"
        case origin = "origin"
        case originWhenCrossOrigin = "origin-when-cross-origin"
        case sameOrigin = "same-origin"
        case strictOrigin = "strict-origin"
        case strictOriginWhenCrossOrigin = "strict-origin-when-cross-origin"
        case unsafeURL = "unsafe-url"
    }

    public struct StrictTransportSecurity: Sendable, Equatable {
        public var maxAgeSeconds: Int
        public var includeSubdomains: Bool
        public var preload: Bool

        public init(maxAgeSeconds: Int, includeSubdomains: Bool = false, preload: Bool = false) {
            self.maxAgeSeconds = maxAgeSeconds
            self.includeSubdomains = includeSubdomains
            self.preload = preload
        }

        var value: String {
            "max-age=\(maxAgeSeconds)" + (includeSubdomains ? "; includeSubDomains" : "") + (preload ? "; preload" : "")
        }
    }

    /// `X-XSS-Protection`: `0`, or `1` with `mode=block` or a report URI (not both).
    public struct XSSProtection: Sendable, Equatable {
        public var protection: Bool
        public var modeBlock: Bool
        public var reportURI: String?

        public init(protection: Bool, modeBlock: Bool = false, reportURI: String? = nil) {
            self.protection = protection
            self.modeBlock = modeBlock
            self.reportURI = reportURI
        }

        var value: String {
            guard protection else { return "0" }
            if modeBlock { return "1; mode=block" }
            if let reportURI { return "1; report=" + reportURI }
            return "1"
        }
    }

    /// A setting with its `Override` flag.
    public struct Setting<Value: Sendable & Equatable>: Sendable, Equatable {
        public var value: Value
        public var override: Bool

        public init(_ value: Value, override: Bool) {
            self.value = value
            self.override = override
        }
    }

    /// `X-Content-Type-Options: nosniff`, which has no other value.
    public struct ContentTypeOptions: Sendable, Equatable {
        public var override: Bool

        public init(override: Bool) {
            self.override = override
        }
    }

    public var contentSecurityPolicy: Setting<String>?
    public var contentTypeOptions: ContentTypeOptions?
    public var frameOptions: Setting<FrameOption>?
    public var referrerPolicy: Setting<ReferrerPolicy>?
    public var strictTransportSecurity: Setting<StrictTransportSecurity>?
    public var xssProtection: Setting<XSSProtection>?

    public init(
        contentSecurityPolicy: Setting<String>? = nil,
        contentTypeOptions: ContentTypeOptions? = nil,
        frameOptions: Setting<FrameOption>? = nil,
        referrerPolicy: Setting<ReferrerPolicy>? = nil,
        strictTransportSecurity: Setting<StrictTransportSecurity>? = nil,
        xssProtection: Setting<XSSProtection>? = nil
    ) {
        self.contentSecurityPolicy = contentSecurityPolicy
        self.contentTypeOptions = contentTypeOptions
        self.frameOptions = frameOptions
        self.referrerPolicy = referrerPolicy
        self.strictTransportSecurity = strictTransportSecurity
        self.xssProtection = xssProtection
    }

    public var isEmpty: Bool { rendered.isEmpty }

    /// The headers as they go out, in a fixed order.
    var rendered: [ResponseHeadersPolicy.CustomHeader] {
        var headers: [ResponseHeadersPolicy.CustomHeader] = []
        if let setting = contentSecurityPolicy {
            headers.append(.init(name: "Content-Security-Policy", value: setting.value, override: setting.override))
        }
        if let setting = referrerPolicy {
            headers.append(.init(name: "Referrer-Policy", value: setting.value.rawValue, override: setting.override))
        }
        if let setting = strictTransportSecurity {
            headers.append(.init(name: "Strict-Transport-Security", value: setting.value.value, override: setting.override))
        }
        if let setting = contentTypeOptions {
            headers.append(.init(name: "X-Content-Type-Options", value: "nosniff", override: setting.override))
        }
        if let setting = frameOptions {
            headers.append(.init(name: "X-Frame-Options", value: setting.value.rawValue, override: setting.override))
        }
        if let setting = xssProtection {
            headers.append(.init(name: "X-XSS-Protection", value: setting.value.value, override: setting.override))
        }
        return headers
    }
}
