extension RequestEvent {
    /// CloudFront's classification of a response, as the access log's `x-edge-result-type` spells it
    /// (aws-behaviour §1.19).
    public enum ResultType: String, Sendable, CaseIterable, Codable, CustomStringConvertible {
        case hit = "Hit"
        case refreshHit = "RefreshHit"
        case miss = "Miss"
        case limitExceeded = "LimitExceeded"
        case capacityExceeded = "CapacityExceeded"
        case error = "Error"
        case redirect = "Redirect"

        public var description: String { rawValue }

        /// `Error`, `LimitExceeded` and `CapacityExceeded`: CloudFront's report counts all three as errors.
        public var isError: Bool { self == .error || self == .limitExceeded || self == .capacityExceeded }

        /// A dense index for per-result arrays.
        var index: Int {
            switch self {
            case .hit: 0
            case .refreshHit: 1
            case .miss: 2
            case .limitExceeded: 3
            case .capacityExceeded: 4
            case .error: 5
            case .redirect: 6
            }
        }

        static let ordered: [ResultType] = [.hit, .refreshHit, .miss, .limitExceeded, .capacityExceeded, .error, .redirect]
    }

    /// The cache tier that answered (aws-behaviour §1.18).
    public enum Tier: String, Sendable, CaseIterable, Codable, CustomStringConvertible {
        /// The POP the viewer reached.
        case edge
        /// The regional edge cache behind the POPs.
        case regional

        public var description: String { rawValue }
    }

    /// Where the bytes of a response came from.
    public enum ServedFrom: String, Sendable, CaseIterable, Codable {
        /// The tier's cache: hits, refresh hits (revalidated, then served from the cache), cached errors, stale copies.
        case cache
        /// The origin (or the next tier): misses and requests passed through uncached.
        case origin
        /// Written by the edge itself: redirects, CloudFront's own error pages.
        case generated

        init(defaultFor result: ResultType) {
            switch result {
            case .hit, .refreshHit: self = .cache
            case .miss: self = .origin
            case .limitExceeded, .capacityExceeded, .error, .redirect: self = .generated
            }
        }
    }

    /// `cs-protocol-version`: `HTTP/1.0`, `HTTP/1.1`, `HTTP/2.0`.
    public struct HTTPVersion: Sendable, Hashable {
        public var major: Int
        public var minor: Int

        public init(major: Int, minor: Int) {
            self.major = major
            self.minor = minor
        }

        public static let http1_0 = HTTPVersion(major: 1, minor: 0)
        public static let http1_1 = HTTPVersion(major: 1, minor: 1)
        public static let http2 = HTTPVersion(major: 2, minor: 0)
    }
}
