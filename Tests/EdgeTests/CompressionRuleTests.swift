import ContentCoding
import HTTPSemantics
import NIOHTTP1
import Testing

@testable import Edge

/// aws-behaviour §1.14: every condition of CloudFront's automatic compression, one at a time.
@Suite struct CompressionRuleTests {
    static let compressible = HTTPHeaders([("Content-Type", "text/javascript"), ("Content-Length", "5000")])

    static func rule(
        acceptEncoding: String? = "gzip, deflate, br",
        version: (Int, Int) = (1, 1),
        compress: Bool = true,
        policy: CachePolicy = .cachingOptimized,
        settings: CompressionSettings = .init()
    ) -> CompressionRule {
        let encoding = AcceptEncoding.normalized(
            acceptEncoding.map { [$0] } ?? [],
            gzipEnabled: policy.enableAcceptEncodingGzip,
            brotliEnabled: policy.enableAcceptEncodingBrotli,
            httpVersion: version
        )
        return CompressionRule(
            viewerEncoding: encoding,
            behavior: CacheBehavior(targetOriginId: "site", cachePolicy: policy, compress: compress),
            settings: settings
        )
    }

    static func headers(_ changes: [(String, String?)]) -> HTTPHeaders {
        var headers = compressible
        for (name, value) in changes {
            headers.remove(name: name)
            if let value { headers.add(name: name, value: value) }
        }
        return headers
    }

    @Test func brIsPreferredWhenTheViewerAcceptsBoth() {
        #expect(Self.rule().decide(status: 200, headers: Self.compressible) == .success(.br))
    }

    @Test func gzipWhenTheViewerOrThePolicyOffersOnlyGzip() {
        #expect(Self.rule(acceptEncoding: "gzip").decide(status: 200, headers: Self.compressible) == .success(.gzip))
        let gzipOnly = CachePolicy(name: "GzipOnly", minTTL: 1, enableAcceptEncodingGzip: true)
        #expect(Self.rule(policy: gzipOnly).decide(status: 200, headers: Self.compressible) == .success(.gzip))
    }

    @Test func theBehaviourMustHaveCompressOn() {
        #expect(Self.rule(compress: false).decide(status: 200, headers: Self.compressible) == .failure(.behaviorCompressOff))
    }

    @Test func cachingDisabledMeansNoCompression() {
        var disabled = CachePolicy.cachingDisabled
        disabled.enableAcceptEncodingGzip = true
        #expect(Self.rule(policy: disabled).decide(status: 200, headers: Self.compressible) == .failure(.cachingDisabled))
    }

    @Test func thePolicyMustEnableACodingTheViewerAccepts() {
        #expect(
            Self.rule(policy: .cachingOptimizedForUncompressedObjects).decide(status: 200, headers: Self.compressible)
                == .failure(.viewerAcceptsNeither)
        )
        let gzipOnly = CachePolicy(name: "GzipOnly", minTTL: 1, enableAcceptEncodingGzip: true)
        #expect(Self.rule(acceptEncoding: "br", policy: gzipOnly).decide(status: 200, headers: Self.compressible) == .failure(.viewerAcceptsNeither))
    }

    @Test(arguments: [nil, "deflate", "identity", "gzip;q=0, br;q=0"])
    func theViewerMustAskForGzipOrBr(acceptEncoding: String?) {
        #expect(Self.rule(acceptEncoding: acceptEncoding).decide(status: 200, headers: Self.compressible) == .failure(.viewerAcceptsNeither))
    }

    @Test func http10ViewersGetNothingCompressed() {
        #expect(Self.rule(version: (1, 0)).decide(status: 200, headers: Self.compressible) == .failure(.viewerAcceptsNeither))
    }

    @Test func acceptEncodingListedInThePolicyHeadersTurnsCompressionOff() {
        var policy = CachePolicy.cachingOptimized
        policy.headers = .whitelist(["Accept-Encoding"])
        #expect(Self.rule(policy: policy).decide(status: 200, headers: Self.compressible) == .failure(.acceptEncodingInPolicyHeaders))
    }

    @Test(arguments: ["gzip", "br", "identity", "x-custom"])
    func anyOriginContentEncodingMeansAlreadyEncoded(value: String) {
        #expect(Self.rule().decide(status: 200, headers: Self.headers([("Content-Encoding", value)])) == .failure(.alreadyEncoded))
    }

    @Test func noTransformIsHonoured() {
        let headers = Self.headers([("Cache-Control", "max-age=60, no-transform")])
        #expect(Self.rule().decide(status: 200, headers: headers) == .failure(.noTransform))
    }

    @Test(arguments: [nil, "", "abc", "+5000", "-5000", "50 00"])
    func theContentLengthMustBeValid(value: String?) {
        #expect(Self.rule().decide(status: 200, headers: Self.headers([("Content-Length", value)])) == .failure(.lengthMissingOrInvalid))
    }

    @Test func twoContentLengthsAreInvalid() {
        var headers = Self.compressible
        headers.add(name: "Content-Length", value: "5000")
        #expect(Self.rule().decide(status: 200, headers: headers) == .failure(.lengthMissingOrInvalid))
    }

    @Test(arguments: [(999, false), (1_000, true), (10_000_000, true), (10_000_001, false), (749, false)])
    func theLengthMustBeBetween1000And10000000(length: Int, compressed: Bool) {
        let decision = Self.rule().decide(status: 200, headers: Self.headers([("Content-Length", String(length))]))
        #expect(decision == (compressed ? .success(.br) : .failure(.lengthOutOfRange)))
    }

    @Test(arguments: [(200, true), (403, true), (404, true), (206, false), (301, false), (500, false), (410, false)])
    func onlyStatus200403And404(status: UInt, compressed: Bool) {
        #expect(Self.rule().decide(status: status, headers: Self.compressible) == (compressed ? .success(.br) : .failure(.status)))
    }

    @Test(arguments: [
        ("text/html", true), ("TEXT/HTML", true), ("text/html; charset=utf-8", true), ("application/json", true),
        ("image/svg+xml", true), ("font/woff2", false), ("image/png", false), ("application/octet-stream", false),
        ("vnd.apple.mpegurl", true), ("text/x-component", true),
    ])
    func onlyTheListedContentTypes(type: String, compressed: Bool) {
        let decision = Self.rule().decide(status: 200, headers: Self.headers([("Content-Type", type)]))
        #expect(decision == (compressed ? .success(.br) : .failure(.contentType)))
    }

    @Test func aMissingContentTypeIsNotCompressed() {
        #expect(Self.rule().decide(status: 200, headers: Self.headers([("Content-Type", nil)])) == .failure(.contentType))
    }

    @Test func contentTypeParametersCountWhenSettingsSaySo() {
        let strict = CompressionSettings(ignoresContentTypeParameters: false)
        let headers = Self.headers([("Content-Type", "text/html; charset=utf-8")])
        #expect(Self.rule(settings: strict).decide(status: 200, headers: headers) == .failure(.contentType))
    }
}
