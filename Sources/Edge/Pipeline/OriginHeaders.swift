import HTTPSemantics
import NIOHTTP1

/// The headers CloudFront sends to an origin (aws-behaviour §1.16): what the cache key and the origin request
/// policy name, plus `Via`, `X-Forwarded-For`, `X-Amz-Cf-Id`, `User-Agent` and the normalised `Accept-Encoding`.
enum OriginHeaders {
    /// Never forwarded unless a policy names them.
    static let removedByDefault: Set<String> = [
        "accept", "accept-charset", "accept-language", "referer", "cookie", "expect", "te", "trailer", "upgrade",
        "x-forwarded-proto", "x-http-method-override", "x-real-ip", "connection", "keep-alive", "proxy-connection",
        "proxy-authorization", "proxy-authenticate", "transfer-encoding", "host", "via", "x-forwarded-for", "x-amz-cf-id",
        "accept-encoding", "user-agent",
    ]

    /// Forwarded as they are on requests the edge passes through (aws-behaviour §1.16 "Forwarded as-is").
    static func forwardedAsIs(_ name: String) -> Bool {
        name.hasPrefix("content-") || name.hasPrefix("if-") || name == "cache-control" || name == "pragma" || name == "origin"
            || name == "range"
    }

    static func make(for request: ViewerRequest, behavior: CacheBehavior, via: String, requestID: String, passThrough: Bool) -> HTTPHeaders {
        var headers = HTTPHeaders()
        let policy = behavior.cachePolicy
        var named: Set<String> = []
        if case .whitelist(let names) = policy.headers { named.formUnion(names.map { $0.lowercased() }) }
        var forwardAll = false
        var excluded: Set<String> = []
        if let requestPolicy = behavior.originRequestPolicy {
            switch requestPolicy.headers {
            case .none: break
            case .whitelist(let names): named.formUnion(names.map { $0.lowercased() })
            case .allViewer: forwardAll = true
            case .allViewerExcept(let names):
                forwardAll = true
                excluded = Set(names.map { $0.lowercased() })
            }
        }
        let forwardsCookies = policy.cookies != .none || (behavior.originRequestPolicy.map { $0.cookies != .none } ?? false)
        for (name, value) in request.headers {
            let lower = name.lowercased()
            if lower == "cookie" {
                if forwardsCookies { headers.add(name: name, value: value) }
                continue
            }
            if lower == "host" || lower == "accept-encoding" || lower == "x-forwarded-for" || lower.hasPrefix("x-edge-") { continue }
            let wanted =
                named.contains(lower) || (forwardAll && !excluded.contains(lower) && !hopByHop(lower))
                || (passThrough && forwardedAsIs(lower))
            if wanted { headers.add(name: name, value: value) }
        }
        if named.contains("host") || (forwardAll && !excluded.contains("host")) {
            headers.add(name: "Host", value: String(request.host))
        }
        if !named.contains("user-agent"), !forwardAll || excluded.contains("user-agent") {
            headers.replaceOrAdd(name: "User-Agent", value: "Amazon CloudFront")
        }
        let forwardedFor = request.headers["x-forwarded-for"] + [request.clientAddress]
        headers.add(name: "X-Forwarded-For", value: forwardedFor.joined(separator: ", "))
        headers.add(name: "Via", value: request.version.major == 2 ? "2.0" + via.dropFirst(3) : via)
        headers.add(name: "X-Amz-Cf-Id", value: requestID)
        if policy.enableAcceptEncodingGzip || policy.enableAcceptEncodingBrotli {
            let normalized = AcceptEncoding.normalized(
                request.headers["accept-encoding"],
                gzipEnabled: policy.enableAcceptEncodingGzip,
                brotliEnabled: policy.enableAcceptEncodingBrotli,
                httpVersion: (Int(request.version.major), Int(request.version.minor))
            )
            if let value = normalized?.forwardedValue {
                headers.add(name: "Accept-Encoding", value: value)
            }
        } else if named.contains("accept-encoding") || forwardAll {
            for value in request.headers["accept-encoding"] { headers.add(name: "Accept-Encoding", value: value) }
        }
        headers.add(name: "Connection", value: "Keep-Alive")
        return headers
    }

    private static func hopByHop(_ name: String) -> Bool {
        ["connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade", "transfer-encoding"].contains(name)
    }

    /// The query string the origin sees: what the key or the origin request policy keeps.
    static func forwardedQuery(_ query: Substring?, behavior: CacheBehavior) -> String? {
        guard let query, !query.isEmpty else { return nil }
        let fromKey = CacheKey.select(query: query, behavior.cachePolicy.queryStrings)
        let fromPolicy = behavior.originRequestPolicy.map { CacheKey.select(query: query, $0.queryStrings) } ?? ""
        let kept = fromPolicy.count > fromKey.count ? fromPolicy : fromKey
        return kept.isEmpty ? nil : String(kept)
    }
}
