import ContentCoding
import HTTPSemantics
import NIOHTTP1

/// When CloudFront compresses an origin response itself, and with what (aws-behaviour §1.14). Every condition must
/// hold; the first that fails is the reason, so tests and logs can say why an object went out uncompressed.
struct CompressionRule {
    /// Why a response is not compressed.
    enum Refusal: Error, Equatable, Sendable {
        case behaviorCompressOff
        case cachingDisabled
        case viewerAcceptsNeither
        case acceptEncodingInPolicyHeaders
        case alreadyEncoded
        case noTransform
        case lengthMissingOrInvalid
        case lengthOutOfRange
        case status
        case contentType
    }

    /// The viewer's `Accept-Encoding` as the cache key normalised it (br preferred, HTTP/1.0 viewers and disabled
    /// codings already taken out); nil when the policy enables neither coding.
    var viewerEncoding: AcceptEncoding?
    var behavior: CacheBehavior
    var settings: CompressionSettings

    /// CloudFront compresses bodies of 1,000 to 10,000,000 bytes inclusive.
    static let lengths = 1_000...10_000_000
    static let statuses: Set<UInt> = [200, 403, 404]
    static let contentTypes: Set<String> = [
        "application/dash+xml", "application/eot", "application/font", "application/font-sfnt", "application/javascript",
        "application/json", "application/opentype", "application/otf", "application/pkcs7-mime", "application/protobuf",
        "application/rss+xml", "application/truetype", "application/ttf", "application/vnd.apple.mpegurl",
        "application/vnd.mapbox-vector-tile", "application/vnd.ms-fontobject", "application/xhtml+xml", "application/xml",
        "application/x-font-opentype", "application/x-font-truetype", "application/x-font-ttf", "application/x-httpd-cgi",
        "application/x-javascript", "application/x-mpegurl", "application/x-opentype", "application/x-otf", "application/x-perl",
        "application/x-ttf", "font/eot", "font/opentype", "font/otf", "font/ttf", "image/svg+xml", "text/css", "text/csv",
        "text/html", "text/javascript", "text/js", "text/plain", "text/richtext", "text/tab-separated-values", "text/xml",
        "text/x-component", "text/x-java-source", "text/x-script", "vnd.apple.mpegurl",
    ]

    /// The coding to compress an origin response with, or why it stays as it is.
    func decide(status: UInt, headers: HTTPHeaders) -> Result<ContentCoding, Refusal> {
        let policy = behavior.cachePolicy
        guard behavior.compress else { return .failure(.behaviorCompressOff) }
        // CachingDisabled (every TTL 0) means no compression.
        guard policy.cachingEnabled else { return .failure(.cachingDisabled) }
        // The normalised value only names codings the policy enables and only for HTTP/1.1+ viewers.
        guard let coding = viewerEncoding?.preferredContentCoding.flatMap(ContentCoding.init(rawValue:)) else {
            return .failure(.viewerAcceptsNeither)
        }
        if case .whitelist(let names) = policy.headers, names.contains(where: { $0.lowercased() == "accept-encoding" }) {
            return .failure(.acceptEncodingInPolicyHeaders)
        }
        // Any Content-Encoding, identity included, means the origin already chose the encoding.
        guard !headers.contains(name: "content-encoding") else { return .failure(.alreadyEncoded) }
        // CloudFront's page does not list it, so RFC 9110 §7.7 decides: an intermediary must not transform the content.
        guard !CacheControl(headers["cache-control"]).noTransform else { return .failure(.noTransform) }
        let lengths = headers["content-length"]
        let digits = lengths.count == 1 ? Substring(lengths[0]).trimmingSpaces : ""
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), let length = Int(digits) else {
            return .failure(.lengthMissingOrInvalid)
        }
        guard Self.lengths.contains(length) else { return .failure(.lengthOutOfRange) }
        guard Self.statuses.contains(status) else { return .failure(.status) }
        guard let type = headers.first(name: "content-type"), Self.contentTypes.contains(mediaType(type)) else {
            return .failure(.contentType)
        }
        return .success(coding)
    }

    /// The media type compared against CloudFront's list: lowercased, and without parameters unless settings say
    /// they count.
    private func mediaType(_ value: String) -> String {
        let type = settings.ignoresContentTypeParameters ? Substring(value).prefix { $0 != ";" } : Substring(value)
        return String(type.trimmingSpaces).lowercased()
    }
}
