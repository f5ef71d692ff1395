import ContentCoding
import HTTPSemantics
import NIOCore
import NIOHTTP1

extension EdgeLocation {
    /// An origin response as the edge stores it: the viewer's headers with `Vary` cut to what CloudFront keeps
    /// (aws-behaviour §1.17), the request's `Vary` selection (RFC 9111 §4.1), and the body compressed once, here,
    /// when §1.14 allows, so that no hit ever compresses. A response the edge does not store is passed on as the
    /// origin sent it.
    func storedObject(from response: OriginResponse, exchange: Exchange, key: CacheKey, freshness: Freshness, now: Double) -> CachedObject {
        let vary = VaryRule(originHeaders: response.headers, behavior: exchange.behavior)
        var headers = Self.viewerHeaders(from: response.headers, bodyLength: response.body.readableBytes, vary: vary)
        var body = response.body
        let originETag = headers.first(name: "etag")
        let rule = CompressionRule(
            viewerEncoding: Self.viewerEncoding(of: exchange.request, policy: exchange.behavior.cachePolicy),
            behavior: exchange.behavior,
            settings: compression
        )
        var isEncoded = false
        // Compression is best effort: a codec failure stores the body as the origin sent it (§1.14).
        if case .success(let coding) = rule.decide(status: response.status.code, headers: response.headers),
            let encoded = try? ContentEncoder.encode(body, as: coding, allocator: Self.allocator, configuration: compression.levels)
        {
            body = encoded
            isEncoded = true
            Self.describeEncoding(&headers, coding: coding, length: encoded.readableBytes, addsVary: compression.addsVaryAcceptEncoding)
        }
        return CachedObject(
            key: key,
            status: response.status,
            headers: headers,
            body: body,
            storedAt: now,
            freshness: freshness,
            isError: response.status.code >= 400,
            selection: vary.selection(for: exchange.request.headers),
            originETag: originETag,
            isEncodedAtEdge: isEncoded
        )
    }

    /// The headers of a body the edge compressed: its coding and length, a strong `ETag` made weak (a weak one is
    /// kept, an invalid one removed), and `Vary: Accept-Encoding` when settings ask for it (aws-behaviour §1.14).
    static func describeEncoding(_ headers: inout HTTPHeaders, coding: ContentCoding, length: Int, addsVary: Bool) {
        headers.replaceOrAdd(name: "Content-Encoding", value: coding.rawValue)
        headers.replaceOrAdd(name: "Content-Length", value: String(length))
        if let value = headers.first(name: "etag") {
            if let tag = EntityTag(parsing: value) {
                headers.replaceOrAdd(name: "ETag", value: EntityTag(opaque: tag.opaque, isWeak: true).headerValue)
            } else {
                headers.remove(name: "etag")
            }
        }
        if addsVary, !Vary(headers["vary"]).contains("accept-encoding"), !Vary(headers["vary"]).isWildcard {
            headers.add(name: "Vary", value: "Accept-Encoding")
        }
    }

    /// The viewer's `Accept-Encoding` normalised for a policy (aws-behaviour §1.4), as the cache key holds it.
    static func viewerEncoding(of request: ViewerRequest, policy: CachePolicy) -> AcceptEncoding? {
        AcceptEncoding.normalized(
            request.headers["accept-encoding"],
            gzipEnabled: policy.enableAcceptEncodingGzip,
            brotliEnabled: policy.enableAcceptEncodingBrotli,
            httpVersion: (Int(request.version.major), Int(request.version.minor))
        )
    }

    static let allocator = ByteBufferAllocator()
}
