/// A CloudFront web distribution: the domains it answers for and how it treats each path.
public struct Distribution: Sendable {
    /// `E` + 13 upper-case alphanumerics, as CloudFront's ids look.
    public var id: String
    /// `d` + 13 lower-case alphanumerics + `.cloudfront.net` (aws-behaviour §1.20).
    public var domainName: String
    public var aliases: [String]
    public var origins: [OriginDefinition]
    /// Ordered; the first whose pattern matches wins. The default behaviour is kept apart and matched last.
    public var cacheBehaviors: [CacheBehavior]
    public var defaultCacheBehavior: CacheBehavior
    /// Without a leading `/` (`index.html`); applies to the exact `/` only (aws-behaviour §1.9).
    public var defaultRootObject: String?
    public var customErrorResponses: [CustomErrorResponse]

    public init(
        id: String,
        domainName: String? = nil,
        aliases: [String] = [],
        origins: [OriginDefinition] = [],
        cacheBehaviors: [CacheBehavior] = [],
        defaultCacheBehavior: CacheBehavior,
        defaultRootObject: String? = "index.html",
        customErrorResponses: [CustomErrorResponse] = []
    ) {
        self.id = id
        self.domainName = domainName ?? Self.domainName(forID: id)
        self.aliases = aliases
        self.origins = origins
        self.cacheBehaviors = cacheBehaviors
        self.defaultCacheBehavior = defaultCacheBehavior
        self.defaultRootObject = defaultRootObject
        self.customErrorResponses = customErrorResponses
    }

    /// The first behaviour whose pattern matches `path` (query string excluded), else the default.
    public func behavior(forPath path: Substring) -> CacheBehavior {
        for behavior in cacheBehaviors where behavior.pathPattern.matches(path) {
            return behavior
        }
        return defaultCacheBehavior
    }

    /// The key under which the server registers this distribution's origin `id`.
    public func originKey(_ id: String) -> String { self.id + "/" + id }

    public func customErrorResponse(for status: Int) -> CustomErrorResponse? {
        customErrorResponses.first { $0.errorCode == status }
    }

    /// A stable `d…cloudfront.net` name derived from the id, so logs and `Via` stay the same across restarts.
    public static func domainName(forID id: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
        var name = "d"
        for _ in 0..<13 {
            name.unicodeScalars.append(Unicode.Scalar(alphabet[Int(hash % 36)]))
            hash = hash / 36 &+ (hash &* 31)
        }
        return name + ".cloudfront.net"
    }
}
