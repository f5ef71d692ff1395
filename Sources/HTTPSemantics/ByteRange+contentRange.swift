extension ByteRange {
    /// The `Content-Range` value of a 206: `bytes first-last/completeLength` (RFC 9110 §14.4).
    public static func contentRange(first: Int, last: Int, completeLength: Int) -> String {
        "bytes \(first)-\(last)/\(completeLength)"
    }

    /// The `Content-Range` value RFC 9110 §15.5.17 asks of a 416: `bytes */completeLength`.
    public static func unsatisfiedContentRange(completeLength: Int) -> String {
        "bytes */\(completeLength)"
    }
}
