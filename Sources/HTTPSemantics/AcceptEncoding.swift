/// CloudFront's normalised `Accept-Encoding` (aws-behaviour §1.4 "Compression support in the key", §1.14):
/// what goes into the cache key, what is forwarded to the origin, and which encoding may be served.
public enum AcceptEncoding: Sendable, Equatable {
    /// The viewer accepts both and the policy enables both: `br,gzip` in the key and to the origin; br is
    /// served when both are stored.
    case brotliAndGzip
    /// `gzip` in the key and to the origin.
    case gzip
    /// `br` in the key and to the origin.
    case brotli
    /// The viewer sent the field, but nothing it accepts is enabled (`deflate` only, `identity`, q=0):
    /// nothing in the key, and the origin receives `Accept-Encoding: identity`.
    case identity
    /// No field, or an HTTP/1.0 viewer (whose field CloudFront removes): nothing in the key, nothing forwarded.
    case absent

    /// Normalises the viewer's `Accept-Encoding` field lines for a cache policy.
    ///
    /// - Codings are matched without regard to case and only by name: `gzip` and `br`. Others, `x-gzip`
    ///   and `*` included, do not count: CloudFront looks for the two names it compresses with.
    /// - A coding whose weight is `q=0` is refused (RFC 9110 §12.4.2), as is one whose weight is not a
    ///   valid qvalue, the way nginx reads it; a refusal anywhere in the field wins over an acceptance.
    /// - Viewers older than HTTP/1.1 get ``absent``.
    ///
    /// - Parameters:
    ///   - viewerValues: every `Accept-Encoding` field line of the request, in order; empty when absent.
    ///   - gzipEnabled: the cache policy's `EnableAcceptEncodingGzip`.
    ///   - brotliEnabled: the cache policy's `EnableAcceptEncodingBrotli`.
    ///   - httpVersion: the viewer's HTTP version.
    /// - Returns: nil when the policy enables neither encoding: `Accept-Encoding` is then an ordinary header,
    ///   keyed and forwarded only as the policy lists it.
    @inlinable
    public static func normalized(
        _ viewerValues: some Sequence<some StringProtocol>,
        gzipEnabled: Bool,
        brotliEnabled: Bool,
        httpVersion: (major: Int, minor: Int)
    ) -> AcceptEncoding? {
        guard gzipEnabled || brotliEnabled else { return nil }
        var isPresent = false
        var codings = AcceptedCodings()
        for value in viewerValues {
            isPresent = true
            withUTF8Bytes(value) { codings.record(fieldValue: $0) }
        }
        return normalized(codings, isPresent: isPresent, gzipEnabled: gzipEnabled, brotliEnabled: brotliEnabled, httpVersion: httpVersion)
    }

    @usableFromInline
    static func normalized(
        _ codings: AcceptedCodings,
        isPresent: Bool,
        gzipEnabled: Bool,
        brotliEnabled: Bool,
        httpVersion: (major: Int, minor: Int)
    ) -> AcceptEncoding {
        guard isPresent, httpVersion.major > 1 || (httpVersion.major == 1 && httpVersion.minor >= 1) else { return .absent }
        switch (brotliEnabled && codings.brotli == .accepted, gzipEnabled && codings.gzip == .accepted) {
        case (true, true): return .brotliAndGzip
        case (true, false): return .brotli
        case (false, true): return .gzip
        case (false, false): return .identity
        }
    }

    /// The value CloudFront puts in the cache key, or nil when the key has none.
    public var cacheKeyValue: String? {
        switch self {
        case .brotliAndGzip: return "br,gzip"
        case .gzip: return "gzip"
        case .brotli: return "br"
        case .identity, .absent: return nil
        }
    }

    /// The `Accept-Encoding` value sent to the origin, or nil when none is sent.
    public var forwardedValue: String? {
        switch self {
        case .identity: return "identity"
        default: return cacheKeyValue
        }
    }

    /// The content coding to serve when it is available: br before gzip (aws-behaviour §1.14).
    public var preferredContentCoding: String? {
        switch self {
        case .brotliAndGzip, .brotli: return "br"
        case .gzip: return "gzip"
        case .identity, .absent: return nil
        }
    }
}
