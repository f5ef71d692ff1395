/// How CloudFront treats requests over plain HTTP (aws-behaviour §1.10).
public enum ViewerProtocolPolicy: String, Sendable, CaseIterable {
    case allowAll = "allow-all"
    case redirectToHTTPS = "redirect-to-https"
    case httpsOnly = "https-only"
}

/// The three method sets a behaviour may allow (aws-behaviour §1.3).
public enum AllowedMethods: Sendable, Equatable, CaseIterable {
    case getHead
    case getHeadOptions
    case all

    public var methods: [String] {
        switch self {
        case .getHead: ["GET", "HEAD"]
        case .getHeadOptions: ["GET", "HEAD", "OPTIONS"]
        case .all: ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"]
        }
    }

    public func allows(_ method: String) -> Bool {
        switch method {
        case "GET", "HEAD": true
        case "OPTIONS": self != .getHead
        case "PUT", "POST", "PATCH", "DELETE": self == .all
        default: false
        }
    }

    /// Reads CloudFront's list form (`[GET, HEAD, OPTIONS]`); nil for a set CloudFront does not offer.
    public init?(methods: [String]) {
        let set = Set(methods.map { $0.uppercased() })
        guard let match = Self.allCases.first(where: { Set($0.methods) == set }) else { return nil }
        self = match
    }
}

/// One entry of a distribution's ordered `cacheBehaviors` (or its default behaviour, pattern `*`).
public struct CacheBehavior: Sendable {
    public var pathPattern: PathPattern
    public var targetOriginId: String
    public var viewerProtocolPolicy: ViewerProtocolPolicy
    public var allowedMethods: AllowedMethods
    /// Whether OPTIONS responses are cached too (GET and HEAD always are when the policy caches).
    public var cacheOptions: Bool
    public var cachePolicy: CachePolicy
    /// Values forwarded to the origin beyond the cache key; nil forwards only what the key holds.
    public var originRequestPolicy: OriginRequestPolicy?
    public var compress: Bool
    /// Headers added to and removed from this behaviour's responses; nil leaves them as the origin sent them.
    public var responseHeadersPolicy: ResponseHeadersPolicy?

    public init(
        pathPattern: PathPattern = .default,
        targetOriginId: String,
        viewerProtocolPolicy: ViewerProtocolPolicy = .redirectToHTTPS,
        allowedMethods: AllowedMethods = .getHead,
        cacheOptions: Bool = false,
        cachePolicy: CachePolicy = .cachingOptimized,
        originRequestPolicy: OriginRequestPolicy? = nil,
        compress: Bool = true,
        responseHeadersPolicy: ResponseHeadersPolicy? = nil
    ) {
        self.pathPattern = pathPattern
        self.targetOriginId = targetOriginId
        self.viewerProtocolPolicy = viewerProtocolPolicy
        self.allowedMethods = allowedMethods
        self.cacheOptions = cacheOptions
        self.cachePolicy = cachePolicy
        self.originRequestPolicy = originRequestPolicy
        self.compress = compress
        self.responseHeadersPolicy = responseHeadersPolicy
    }

    /// GET and HEAD are cached, OPTIONS when configured; other methods never (aws-behaviour §1.3).
    func caches(_ method: String) -> Bool {
        guard cachePolicy.cachingEnabled else { return false }
        return method == "GET" || method == "HEAD" || (method == "OPTIONS" && cacheOptions)
    }
}
