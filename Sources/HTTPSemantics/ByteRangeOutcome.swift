/// What a `Range` request field asks of a representation.
public enum ByteRangeOutcome: Equatable, Sendable {
    /// Ignore the field: `200` with the whole representation and no `Content-Range`.
    case whole
    /// `206 Partial Content` with bytes `first...last` (inclusive, both within the representation) and
    /// `Content-Range: bytes first-last/length`.
    case partial(first: Int, last: Int)
    /// `416 Range Not Satisfiable` (S3's `InvalidRange`).
    case unsatisfiable
}
