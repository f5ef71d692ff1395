/// An HTTP content coding the edge produces for viewers (RFC 9110 §8.4.1, aws-behaviour §1.14).
///
/// The raw value is the token used in `Accept-Encoding` and `Content-Encoding`.
public enum ContentCoding: String, Sendable {
    /// RFC 1952 gzip, the coding every viewer that asks for compression understands.
    case gzip
    /// RFC 7932 Brotli, which CloudFront prefers when the viewer accepts both.
    case br
}
