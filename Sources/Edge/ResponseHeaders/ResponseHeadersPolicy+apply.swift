import NIOHTTP1

extension ResponseHeadersPolicy {
    /// What a policy needs to know about the exchange whose response it changes.
    public struct Context: Sendable {
        public var method: HTTPMethod
        /// The viewer's request headers.
        public var requestHeaders: HTTPHeaders
        /// How the response was produced, for `Server-Timing`.
        public var result: EdgeResult
        /// The POP code (`IAD89-P1`) and the request id, for `Server-Timing`.
        public var pop: String
        public var requestID: String

        public init(method: HTTPMethod, requestHeaders: HTTPHeaders, result: EdgeResult, pop: String, requestID: String) {
            self.method = method
            self.requestHeaders = requestHeaders
            self.result = result
            self.pop = pop
            self.requestID = requestID
        }
    }

    /// The response headers as the viewer gets them, in CloudFront's order: removed headers first, then CORS,
    /// security and custom headers (each kept from the origin unless it overrides), then `Server-Timing`.
    public func apply(to headers: inout HTTPHeaders, context: Context) {
        for name in removedNames {
            headers.remove(name: name)
            // CloudFront puts its own in place of the origin's (CF understanding-response-headers-policies.html).
            if name == "server" { headers.add(name: "Server", value: "CloudFront") }
        }
        if let renderedCORS { Self.applyCORS(renderedCORS, to: &headers, context: context) }
        for header in addedHeaders {
            Self.set(header.name, header.value, override: header.override, in: &headers)
        }
        if let serverTiming, Self.wantsServerTiming(serverTiming, context: context) {
            Self.addServerTiming(to: &headers, context: context)
        }
    }

    /// Adds `name` unless the origin sent it and the policy does not override it.
    private static func set(_ name: String, _ value: String, override: Bool, in headers: inout HTTPHeaders) {
        if override {
            headers.replaceOrAdd(name: name, value: value)
        } else if !headers.contains(name: name) {
            headers.add(name: name, value: value)
        }
    }

    // MARK: - CORS

    /// CORS headers go only to CORS requests, and only when the request's `Origin` is allowed; the method and header
    /// lists and the max age only to preflights.
    private static func applyCORS(_ cors: RenderedCORS, to headers: inout HTTPHeaders, context: Context) {
        guard let origin = context.requestHeaders.first(name: "origin") else { return }
        let allowOrigin: String
        if cors.allowsAnyOrigin {
            allowOrigin = "*"
        } else if cors.origins.contains(where: { originMatches($0, origin.lowercased()) }) {
            allowOrigin = origin
        } else {
            return
        }
        let override = cors.originOverride
        let keepsOriginValue = !override && headers.contains(name: "access-control-allow-origin")
        set("Access-Control-Allow-Origin", allowOrigin, override: override, in: &headers)
        // A response naming one origin differs by origin; browsers must not reuse it for another.
        if allowOrigin != "*", !keepsOriginValue, !varies(headers, on: "origin") { headers.add(name: "Vary", value: "Origin") }
        if cors.allowCredentials { set("Access-Control-Allow-Credentials", "true", override: override, in: &headers) }
        if let expose = cors.exposeHeaders { set("Access-Control-Expose-Headers", expose, override: override, in: &headers) }
        let isPreflight = context.method == .OPTIONS && context.requestHeaders.contains(name: "access-control-request-method")
        guard isPreflight else { return }
        if let methods = cors.allowMethods { set("Access-Control-Allow-Methods", methods, override: override, in: &headers) }
        if let allowed = cors.allowHeaders { set("Access-Control-Allow-Headers", allowed, override: override, in: &headers) }
        if let maxAge = cors.maxAge { set("Access-Control-Max-Age", maxAge, override: override, in: &headers) }
    }

    /// `https://app.example.com` matches itself; `https://*.example.com` any origin with labels in place of `*`;
    /// a pattern without a scheme matches the origin's host (and port) under any scheme. Both sides lower-cased.
    static func originMatches(_ pattern: String, _ origin: String) -> Bool {
        var subject = origin[...]
        if !hasScheme(pattern[...]), hasScheme(subject), let colon = subject.firstIndex(of: ":") {
            subject = subject[colon...].dropFirst(3)
        }
        guard let star = pattern.firstIndex(of: "*") else { return subject == pattern[...] }
        let prefix = pattern[..<star]
        let suffix = pattern[pattern.index(after: star)...]
        guard subject.count > prefix.count + suffix.count, subject.hasPrefix(prefix), subject.hasSuffix(suffix) else { return false }
        let middle = subject.dropFirst(prefix.count).dropLast(suffix.count)
        return !middle.contains("/") && !middle.contains(":")
    }

    private static func hasScheme(_ text: Substring) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        return text[colon...].hasPrefix("://")
    }

    private static func varies(_ headers: HTTPHeaders, on name: String) -> Bool {
        headers["vary"].contains { value in
            value.split(separator: ",").contains { $0.trimmingSpaces.lowercased() == name || $0.trimmingSpaces == "*" }
        }
    }

    // MARK: - Server-Timing

    /// Sampled per request from its id, so one request's answer does not change between calls; `Pragma:
    /// server-timing` asks for it whatever the rate.
    private static func wantsServerTiming(_ setting: ServerTiming, context: Context) -> Bool {
        let pragma = context.requestHeaders["pragma"].contains { value in
            value.split(separator: ",").contains { $0.trimmingSpaces.lowercased() == "server-timing" }
        }
        return pragma || samplePoint(context.requestID) < setting.samplingRate
    }

    /// A point in [0, 100) with four decimals, from the request id.
    static func samplePoint(_ requestID: String) -> Double {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in requestID.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return Double(hash % 1_000_000) / 10_000
    }

    /// CloudFront's `cdn-*` metrics (aws-behaviour §1.1). A hit carries only CloudFront's; a response from the
    /// origin keeps the origin's own `Server-Timing` after them.
    private static func addServerTiming(to headers: inout HTTPHeaders, context: Context) {
        let pop = "cdn-pop;desc=\"" + context.pop + "\",cdn-rid;desc=\"" + context.requestID + "\""
        var value: String
        switch context.result {
        case .hit: value = "cdn-cache-hit," + pop + ",cdn-hit-layer;desc=\"EDGE\""
        case .refreshHit: value = "cdn-cache-refresh," + pop + ",cdn-hit-layer;desc=\"EDGE\""
        default: value = "cdn-upstream-layer;desc=\"EDGE\",cdn-cache-miss," + pop
        }
        let fromOrigin = headers["server-timing"]
        headers.remove(name: "server-timing")
        if context.result != .hit, context.result != .refreshHit, !fromOrigin.isEmpty {
            value += "," + fromOrigin.joined(separator: ",")
        }
        headers.add(name: "Server-Timing", value: value)
    }
}

extension ResponseHeadersPolicy {
    /// The edge's call, once a response to `request` is otherwise complete.
    func apply(to response: inout EdgeResponse, request: ViewerRequest, pop: String) {
        let context = Context(
            method: request.method,
            requestHeaders: request.headers,
            result: response.result,
            pop: pop,
            requestID: response.requestID
        )
        apply(to: &response.headers, context: context)
    }
}
