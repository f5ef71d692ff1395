import HTTPSemantics
import Testing

@Suite("AcceptEncoding.normalized")
struct AcceptEncodingTests {
    static let http11 = (major: 1, minor: 1)

    @Test(
        "both encodings enabled, HTTP/1.1 (CachingOptimized)",
        arguments: [
            (["gzip, deflate, br"], AcceptEncoding.brotliAndGzip),
            (["gzip, deflate, br, zstd"], .brotliAndGzip),
            (["br,gzip"], .brotliAndGzip),
            (["GZIP, BR"], .brotliAndGzip),
            (["gzip", "br"], .brotliAndGzip),
            (["gzip , br ; q=0.8"], .brotliAndGzip),
            (["gzip"], .gzip),
            (["br"], .brotli),
            (["deflate"], .identity),
            (["identity"], .identity),
            (["deflate, zstd, compress"], .identity),
            ([""], .identity),
            (["*"], .identity),
            (["x-gzip"], .identity),
            (["gzipped, brotli"], .identity),
            (["gzip/1"], .identity),
            ([], .absent),
        ]
    )
    func bothEnabled(values: [String], expected: AcceptEncoding) {
        #expect(AcceptEncoding.normalized(values, gzipEnabled: true, brotliEnabled: true, httpVersion: Self.http11) == expected)
    }

    /// RFC 9110 §12.4.2: a weight of 0 means "not acceptable".
    @Test(
        "weights: q=0 refuses",
        arguments: [
            (["gzip;q=0, br"], AcceptEncoding.brotli),
            (["gzip, br;q=0"], .gzip),
            (["gzip;q=0"], .identity),
            (["gzip; q=0.000"], .identity),
            (["gzip;Q=0"], .identity),
            (["gzip ; q = 0"], .identity),
            (["gzip;q=0.0, br;q=0.00"], .identity),
            (["gzip;q=0.5, br;q=1.0"], .brotliAndGzip),
            (["gzip;q=0.001"], .gzip),
            (["gzip;q=1"], .gzip),
            (["gzip;q=1.000"], .gzip),
            (["gzip;q=1.5"], .identity),
            (["gzip;q=1.001"], .identity),
            (["gzip;q=0.0001"], .identity),
            (["gzip;q=abc"], .identity),
            (["gzip;q="], .identity),
            (["gzip;q"], .identity),
            (["gzip;q=2"], .identity),
            (["gzip;level=1;q=0.5"], .gzip),
            (["gzip;level=9"], .gzip),
            (["gzip;foo=\"a;q=0\""], .gzip),
            (["gzip;q=0", "gzip"], .identity),
            (["gzip", "gzip;q=0"], .identity),
            (["gzip;", "br"], .brotli),
        ]
    )
    func weights(values: [String], expected: AcceptEncoding) {
        #expect(AcceptEncoding.normalized(values, gzipEnabled: true, brotliEnabled: true, httpVersion: Self.http11) == expected)
    }

    @Test(
        "only the enabled encodings count",
        arguments: [
            (["gzip, br"], true, false, AcceptEncoding.gzip),
            (["gzip, br"], false, true, .brotli),
            (["br"], true, false, .identity),
            (["gzip"], false, true, .identity),
            ([], true, false, .absent),
        ]
    )
    func oneEnabled(values: [String], gzip: Bool, brotli: Bool, expected: AcceptEncoding) {
        #expect(AcceptEncoding.normalized(values, gzipEnabled: gzip, brotliEnabled: brotli, httpVersion: Self.http11) == expected)
    }

    @Test("with both disabled the field is an ordinary header")
    func bothDisabled() {
        #expect(AcceptEncoding.normalized(["gzip, br"], gzipEnabled: false, brotliEnabled: false, httpVersion: Self.http11) == nil)
        #expect(AcceptEncoding.normalized([String](), gzipEnabled: false, brotliEnabled: false, httpVersion: Self.http11) == nil)
    }

    @Test(
        "viewers before HTTP/1.1 get nothing",
        arguments: [((1, 0), AcceptEncoding.absent), ((0, 9), .absent), ((1, 1), .brotliAndGzip), ((2, 0), .brotliAndGzip), ((3, 0), .brotliAndGzip)]
    )
    func httpVersions(version: (Int, Int), expected: AcceptEncoding) {
        let normalized = AcceptEncoding.normalized(
            ["gzip, deflate, br"],
            gzipEnabled: true,
            brotliEnabled: true,
            httpVersion: (major: version.0, minor: version.1)
        )
        #expect(normalized == expected)
    }

    @Test(
        "key, forwarded and served values",
        arguments: [
            (AcceptEncoding.brotliAndGzip, "br,gzip" as String?, "br,gzip" as String?, "br" as String?),
            (.gzip, "gzip", "gzip", "gzip"),
            (.brotli, "br", "br", "br"),
            (.identity, nil, "identity", nil),
            (.absent, nil, nil, nil),
        ]
    )
    func values(encoding: AcceptEncoding, key: String?, forwarded: String?, served: String?) {
        #expect(encoding.cacheKeyValue == key)
        #expect(encoding.forwardedValue == forwarded)
        #expect(encoding.preferredContentCoding == served)
    }
}
