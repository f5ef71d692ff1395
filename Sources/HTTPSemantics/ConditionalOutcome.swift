/// What the preconditions of a request decide (RFC 9110 §13.2.2).
public enum ConditionalOutcome: Equatable, Sendable {
    /// Carry on with the request (then apply `Range`, if any).
    case proceed
    /// `304 Not Modified`: no body, the validators and cache fields of a 200.
    case notModified
    /// `412 Precondition Failed`; `condition` is the field that failed (`If-Match`, `If-Unmodified-Since` or
    /// `If-None-Match`), which S3 reports in the error's `<Condition>` element.
    case preconditionFailed(condition: String)
}
