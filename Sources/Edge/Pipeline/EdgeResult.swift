/// CloudFront's classification of a response, as `X-Cache` and the access log's `x-edge-result-type` show it.
public enum EdgeResult: String, Sendable, CaseIterable {
    case hit = "Hit"
    case refreshHit = "RefreshHit"
    case miss = "Miss"
    case error = "Error"
    case redirect = "Redirect"
    case limitExceeded = "LimitExceeded"

    /// The `X-Cache` value (lower-case "cloudfront", aws-behaviour §1.1).
    public var xCache: String {
        switch self {
        case .hit: "Hit from cloudfront"
        case .refreshHit: "RefreshHit from cloudfront"
        case .miss: "Miss from cloudfront"
        case .error: "Error from cloudfront"
        case .redirect: "Redirect from cloudfront"
        case .limitExceeded: "LimitExceeded from cloudfront"
        }
    }
}
