/// What a cache policy puts into the cache key and how long objects live (CloudFront's `CachePolicyConfig`).
public struct CachePolicy: Sendable, Equatable {
    /// Which values of one kind (query strings, headers or cookies) go into the cache key.
    public enum KeyValues: Sendable, Equatable {
        case none
        case whitelist([String])
        case allExcept([String])
        case all
    }

    public var name: String
    public var id: String
    public var minTTL: Int
    public var defaultTTL: Int
    public var maxTTL: Int
    public var queryStrings: KeyValues
    public var headers: KeyValues
    public var cookies: KeyValues
    public var enableAcceptEncodingGzip: Bool
    public var enableAcceptEncodingBrotli: Bool

    public init(
        name: String,
        id: String = "",
        minTTL: Int = 0,
        defaultTTL: Int = 86_400,
        maxTTL: Int = 31_536_000,
        queryStrings: KeyValues = .none,
        headers: KeyValues = .none,
        cookies: KeyValues = .none,
        enableAcceptEncodingGzip: Bool = false,
        enableAcceptEncodingBrotli: Bool = false
    ) {
        self.name = name
        self.id = id
        self.minTTL = minTTL
        self.defaultTTL = defaultTTL
        self.maxTTL = maxTTL
        self.queryStrings = queryStrings
        self.headers = headers
        self.cookies = cookies
        self.enableAcceptEncodingGzip = enableAcceptEncodingGzip
        self.enableAcceptEncodingBrotli = enableAcceptEncodingBrotli
    }

    /// A policy whose MaxTTL is 0 never stores anything (CachingDisabled).
    public var cachingEnabled: Bool { maxTTL > 0 }
}

extension CachePolicy {
    /// aws-behaviour §1.4, managed cache policies.
    public static let cachingOptimized = CachePolicy(
        name: "CachingOptimized",
        id: "658327ea-f89d-4fab-a63d-7e88639e58f6",
        minTTL: 1,
        defaultTTL: 86_400,
        maxTTL: 31_536_000,
        enableAcceptEncodingGzip: true,
        enableAcceptEncodingBrotli: true
    )

    public static let cachingOptimizedForUncompressedObjects = CachePolicy(
        name: "CachingOptimizedForUncompressedObjects",
        id: "b2884449-e4de-46a7-ac36-70bc7f1ddd6d",
        minTTL: 1,
        defaultTTL: 86_400,
        maxTTL: 31_536_000
    )

    public static let cachingDisabled = CachePolicy(
        name: "CachingDisabled",
        id: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
        minTTL: 0,
        defaultTTL: 0,
        maxTTL: 0
    )

    public static let amplify = CachePolicy(
        name: "Amplify",
        id: "2e54312d-136d-493c-8eb9-b001f22f67d2",
        minTTL: 2,
        defaultTTL: 2,
        maxTTL: 600,
        queryStrings: .all,
        headers: .whitelist(["Authorization", "CloudFront-Viewer-Country", "Host"]),
        cookies: .all,
        enableAcceptEncodingGzip: true,
        enableAcceptEncodingBrotli: true
    )

    public static let elementalMediaPackage = CachePolicy(
        name: "Elemental-MediaPackage",
        id: "08627262-05a9-4f76-9ded-b50ca2e3a84f",
        minTTL: 0,
        defaultTTL: 86_400,
        maxTTL: 31_536_000,
        queryStrings: .whitelist(["aws.manifestfilter", "start", "end", "m"]),
        headers: .whitelist(["Origin"]),
        enableAcceptEncodingGzip: true
    )

    /// The managed policies, looked up by name or by id.
    public static let managed: [CachePolicy] = [
        .cachingOptimized, .cachingOptimizedForUncompressedObjects, .cachingDisabled, .amplify, .elementalMediaPackage,
    ]

    public static func managed(named nameOrID: String) -> CachePolicy? {
        managed.first { $0.name == nameOrID || $0.id == nameOrID }
    }
}
