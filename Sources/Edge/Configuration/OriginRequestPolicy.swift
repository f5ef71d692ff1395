/// Which viewer values CloudFront forwards to the origin beyond those in the cache key (aws-behaviour §1.4).
public struct OriginRequestPolicy: Sendable, Equatable {
    public enum Headers: Sendable, Equatable {
        case none
        case whitelist([String])
        case allViewer
        case allViewerExcept([String])
    }

    public var name: String
    public var id: String
    public var headers: Headers
    public var cookies: CachePolicy.KeyValues
    public var queryStrings: CachePolicy.KeyValues

    public init(
        name: String,
        id: String = "",
        headers: Headers = .none,
        cookies: CachePolicy.KeyValues = .none,
        queryStrings: CachePolicy.KeyValues = .none
    ) {
        self.name = name
        self.id = id
        self.headers = headers
        self.cookies = cookies
        self.queryStrings = queryStrings
    }

    /// Whether the viewer's `Host` reaches the origin (only AllViewer-style policies forward it).
    public var forwardsHost: Bool {
        switch headers {
        case .allViewer: true
        case .whitelist(let names): names.contains { $0.lowercased() == "host" }
        case .none, .allViewerExcept: false
        }
    }
}

extension OriginRequestPolicy {
    public static let corsS3Origin = OriginRequestPolicy(
        name: "CORS-S3Origin",
        id: "88a5eaf4-2fd4-4709-b370-b4c650ea3fcf",
        headers: .whitelist(["Origin", "Access-Control-Request-Headers", "Access-Control-Request-Method"])
    )
    public static let corsCustomOrigin = OriginRequestPolicy(
        name: "CORS-CustomOrigin",
        id: "59781a5b-3903-41f3-afcb-af62929ccde1",
        headers: .whitelist(["Origin"])
    )
    public static let allViewer = OriginRequestPolicy(
        name: "AllViewer",
        id: "216adef6-5c7f-47e4-b989-5492eafa07d3",
        headers: .allViewer,
        cookies: .all,
        queryStrings: .all
    )
    public static let allViewerExceptHostHeader = OriginRequestPolicy(
        name: "AllViewerExceptHostHeader",
        id: "b689b0a8-53d0-40ab-baf2-68738e2966ac",
        headers: .allViewerExcept(["Host"]),
        cookies: .all,
        queryStrings: .all
    )

    public static let managed: [OriginRequestPolicy] = [.corsS3Origin, .corsCustomOrigin, .allViewer, .allViewerExceptHostHeader]

    public static func managed(named nameOrID: String) -> OriginRequestPolicy? {
        managed.first { $0.name == nameOrID || $0.id == nameOrID }
    }
}
