/// The precondition fields of a request (RFC 9110 §13.1), as received.
///
/// A field sent on several lines is one comma-separated list (RFC 9110 §5.3): join the lines with `", "`.
/// A field whose value is empty or only whitespace counts as absent.
public struct ConditionalHeaders: Sendable {
    public var ifMatch: String?
    public var ifNoneMatch: String?
    public var ifModifiedSince: String?
    public var ifUnmodifiedSince: String?

    public init(ifMatch: String? = nil, ifNoneMatch: String? = nil, ifModifiedSince: String? = nil, ifUnmodifiedSince: String? = nil) {
        self.ifMatch = ifMatch
        self.ifNoneMatch = ifNoneMatch
        self.ifModifiedSince = ifModifiedSince
        self.ifUnmodifiedSince = ifUnmodifiedSince
    }

    /// Whether any precondition is present, so a caller can skip evaluation for the common request.
    public var isEmpty: Bool {
        Self.present(ifMatch) == nil && Self.present(ifNoneMatch) == nil && Self.present(ifModifiedSince) == nil
            && Self.present(ifUnmodifiedSince) == nil
    }

    /// `value` if it holds anything but whitespace.
    static func present(_ value: String?) -> String? {
        guard let value else { return nil }
        for byte in value.utf8 where !byte.isOptionalWhitespace {
            return value
        }
        return nil
    }
}
