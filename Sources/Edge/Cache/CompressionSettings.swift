import ContentCoding

/// How the edge compresses (aws-behaviour §1.14) where CloudFront's behaviour is not confirmed.
public struct CompressionSettings: Sendable, Equatable {
    /// Whether a response the edge compressed gets `Vary: Accept-Encoding` when the origin did not send it.
    /// Unconfirmed for CloudFront (aws-behaviour §8 question 3); on by default, since a downstream cache must not
    /// hand the compressed body to a viewer that did not ask for it.
    public var addsVaryAcceptEncoding: Bool
    /// Whether `Content-Type` parameters (`; charset=utf-8`) are ignored when matching CloudFront's list of
    /// compressible types. Unconfirmed (aws-behaviour §1.14); on by default, or nearly every HTML page would go out
    /// uncompressed.
    public var ignoresContentTypeParameters: Bool
    /// The gzip level and Brotli quality.
    public var levels: ContentEncoder.Configuration

    public init(addsVaryAcceptEncoding: Bool = true, ignoresContentTypeParameters: Bool = true, levels: ContentEncoder.Configuration = .init()) {
        self.addsVaryAcceptEncoding = addsVaryAcceptEncoding
        self.ignoresContentTypeParameters = ignoresContentTypeParameters
        self.levels = levels
    }
}
