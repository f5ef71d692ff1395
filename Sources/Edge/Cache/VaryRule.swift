import HTTPSemantics
import NIOHTTP1

/// What the edge does with an origin's `Vary` for one behaviour.
///
/// - Towards viewers only `Accept-Encoding`, `Cookie`, the names of forwarded headers, and `User-Agent` when the
///   device-type headers are forwarded survive; other names are removed (aws-behaviour §1.17). `*` stays, since it
///   is what keeps the response from being reused (§1.5).
/// - For storage the response is selected (RFC 9111 §4.1) by those kept fields the origin could have seen and the
///   cache key does not already hold: a field the origin never received cannot have chosen the response, and one
///   in the key (a whitelisted header, the normalised `Accept-Encoding`, all cookies) is matched by the key itself.
struct VaryRule: Equatable {
    /// The `Vary` value viewers get, or nil when nothing is left.
    var viewerValue: String?
    /// Whether the origin's `Vary` lost names, so the stored headers need `viewerValue` instead.
    var rewritesHeader: Bool
    /// The request fields that select among stored responses for one key.
    var selectingFields: [String]
    var isWildcard: Bool

    static let deviceHeaders: Set<String> = [
        "cloudfront-is-desktop-viewer", "cloudfront-is-mobile-viewer", "cloudfront-is-smarttv-viewer", "cloudfront-is-tablet-viewer",
        "cloudfront-is-ios-viewer", "cloudfront-is-android-viewer",
    ]

    init(originHeaders: HTTPHeaders, behavior: CacheBehavior) {
        let values = originHeaders["vary"]
        let vary = Vary(values)
        let forwarding = Forwarding(behavior)
        let kept = vary.fieldNames.filter { name in
            name == "accept-encoding" || name == "cookie" || forwarding.forwards(name)
                || (name == "user-agent" && Self.deviceHeaders.contains { forwarding.forwards($0) })
        }
        // The origin's own spelling of the names that stay.
        let members = values.flatMap { $0.split(separator: ",") }.map { $0.trimmingSpaces }
        let spelled = members.filter { $0 == "*" || kept.contains($0.lowercased()) }
        var seen: Set<String> = []
        let unique = spelled.filter { seen.insert($0.lowercased()).inserted }
        self.viewerValue = unique.isEmpty ? nil : unique.joined(separator: ", ")
        self.rewritesHeader = kept.count != vary.fieldNames.count
        self.selectingFields = kept.filter { forwarding.forwards($0) && !forwarding.keys($0) }
        self.isWildcard = vary.isWildcard
    }

    /// The selection of one request under this rule.
    func selection(for request: HTTPHeaders) -> VarySelection {
        guard !selectingFields.isEmpty || isWildcard else { return .none }
        return VarySelection(fields: selectingFields, isWildcard: isWildcard, request: request)
    }

    /// Which request fields reach the origin and which the cache key holds, for one behaviour (aws-behaviour §1.4,
    /// §1.16).
    private struct Forwarding {
        var keyHeaders: Set<String> = []
        var policyHeaders: Set<String> = []
        var forwardsAll = false
        var excluded: Set<String> = []
        var normalisesEncoding: Bool
        var keyCookies: CachePolicy.KeyValues
        var forwardsCookies: Bool

        init(_ behavior: CacheBehavior) {
            let policy = behavior.cachePolicy
            if case .whitelist(let names) = policy.headers { keyHeaders = Set(names.map { $0.lowercased() }) }
            switch behavior.originRequestPolicy?.headers ?? OriginRequestPolicy.Headers.none {
            case .whitelist(let names): policyHeaders = Set(names.map { $0.lowercased() })
            case .allViewer: forwardsAll = true
            case .allViewerExcept(let names):
                forwardsAll = true
                excluded = Set(names.map { $0.lowercased() })
            case .none: break
            }
            normalisesEncoding = policy.enableAcceptEncodingGzip || policy.enableAcceptEncodingBrotli
            keyCookies = policy.cookies
            forwardsCookies = policy.cookies != .none || (behavior.originRequestPolicy.map { $0.cookies != .none } ?? false)
        }

        func forwards(_ name: String) -> Bool {
            switch name {
            case "cookie": return forwardsCookies
            case "accept-encoding": return normalisesEncoding || keyHeaders.contains(name) || policyHeaders.contains(name) || forwardsAll
            default: return keyHeaders.contains(name) || policyHeaders.contains(name) || (forwardsAll && !excluded.contains(name))
            }
        }

        func keys(_ name: String) -> Bool {
            switch name {
            case "cookie": return keyCookies == .all
            case "accept-encoding": return normalisesEncoding || keyHeaders.contains(name)
            default: return keyHeaders.contains(name)
            }
        }
    }
}
