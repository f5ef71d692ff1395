/// What a log said happened to a request (CloudFront's `x-edge-result-type`).
public enum LoggedResult: UInt8, Sendable, Codable {
    case hit
    case refreshHit
    case miss
    /// `Error`, `LimitExceeded`, `CapacityExceeded`.
    case error
    case redirect
    /// Not logged, or a value this version does not know.
    case other

    /// Parses CloudFront's spelling (`Hit`, `RefreshHit`, `Miss`, `LimitExceeded`, …).
    public init(cloudFront value: some StringProtocol) {
        switch value {
        case "Hit": self = .hit
        case "RefreshHit": self = .refreshHit
        case "Miss": self = .miss
        case "Error", "LimitExceeded", "CapacityExceeded": self = .error
        case "Redirect": self = .redirect
        default: self = .other
        }
    }
}
