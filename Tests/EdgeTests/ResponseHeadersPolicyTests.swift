import NIOHTTP1
import Testing

@testable import Edge

/// One policy applied to one response, as the edge applies it.
func applying(
    _ policy: ResponseHeadersPolicy,
    method: HTTPMethod = .GET,
    request: [(String, String)] = [],
    response: [(String, String)] = [],
    result: EdgeResult = .miss,
    requestID: String = "LkTZQMFfMypK76XAwvdqtfny-Q3_XLWNt2Uyy0x3mo0pmnSQY4eTZg=="
) -> HTTPHeaders {
    var headers = HTTPHeaders(response)
    let context = ResponseHeadersPolicy.Context(
        method: method,
        requestHeaders: HTTPHeaders(request),
        result: result,
        pop: "IAD89-P1",
        requestID: requestID
    )
    policy.apply(to: &headers, context: context)
    return headers
}

@Suite struct ResponseHeadersPolicyTests {
    static let preflight = [("Origin", "https://app.example.com"), ("Access-Control-Request-Method", "PUT")]

    @Test func managedPoliciesHaveCloudFrontsNamesAndIDs() {
        #expect(ResponseHeadersPolicy.managed(named: "SimpleCORS")?.id == "60669652-455b-4ae9-85a4-c4c02393f86c")
        #expect(ResponseHeadersPolicy.managed(named: "CORS-With-Preflight")?.id == "5cc3b908-e619-4b99-88e5-2cf7f45965bd")
        #expect(ResponseHeadersPolicy.managed(named: "SecurityHeadersPolicy")?.id == "67f7725c-6f97-4210-82d7-5512b31e9d03")
        #expect(ResponseHeadersPolicy.managed(named: "CORS-and-SecurityHeadersPolicy")?.id == "e61eb60c-9c35-4d20-a928-2b84e02af89c")
        #expect(ResponseHeadersPolicy.managed(named: "CORS-with-preflight-and-SecurityHeadersPolicy")?.id == "eaab4381-ed33-4a86-88ca-d9558dc6cd63")
        #expect(ResponseHeadersPolicy.managed(named: "Managed-SimpleCORS")?.name == "SimpleCORS")
        #expect(ResponseHeadersPolicy.managed(named: "5cc3b908-e619-4b99-88e5-2cf7f45965bd")?.name == "CORS-With-Preflight")
        #expect(ResponseHeadersPolicy.managed(named: "SimpleCors") == nil)
    }

    @Test func simpleCORSAnswersCORSRequestsOnly() {
        let cors = applying(.simpleCORS, request: [("Origin", "https://app.example.com")])
        #expect(cors["Access-Control-Allow-Origin"] == ["*"])
        #expect(!cors.contains(name: "Access-Control-Allow-Methods"))
        #expect(!cors.contains(name: "Vary"))
        #expect(!applying(.simpleCORS).contains(name: "Access-Control-Allow-Origin"))
        // Without OriginOverride the origin's own header stays.
        let own = applying(
            .simpleCORS,
            request: [("Origin", "https://app.example.com")],
            response: [("Access-Control-Allow-Origin", "https://app.example.com")]
        )
        #expect(own["Access-Control-Allow-Origin"] == ["https://app.example.com"])
    }

    @Test func corsWithPreflightAddsMethodsToPreflightsOnly() {
        let preflight = applying(.corsWithPreflight, method: .OPTIONS, request: Self.preflight)
        #expect(preflight["Access-Control-Allow-Origin"] == ["*"])
        #expect(preflight["Access-Control-Allow-Methods"] == ["DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"])
        #expect(preflight["Access-Control-Expose-Headers"] == ["*"])
        let simple = applying(.corsWithPreflight, request: [("Origin", "https://app.example.com")])
        #expect(simple["Access-Control-Allow-Origin"] == ["*"] && simple["Access-Control-Expose-Headers"] == ["*"])
        #expect(!simple.contains(name: "Access-Control-Allow-Methods"))
        // An OPTIONS without Access-Control-Request-Method is no preflight.
        #expect(
            !applying(.corsWithPreflight, method: .OPTIONS, request: [("Origin", "https://a.example")]).contains(name: "Access-Control-Allow-Methods")
        )
    }

    @Test func securityHeadersPolicyAddsMozillasSetAndOverridesOnlyNosniff() {
        let added = applying(.securityHeadersPolicy)
        #expect(added["Referrer-Policy"] == ["strict-origin-when-cross-origin"])
        #expect(added["Strict-Transport-Security"] == ["max-age=31536000"])
        #expect(added["X-Content-Type-Options"] == ["nosniff"])
        #expect(added["X-Frame-Options"] == ["SAMEORIGIN"])
        #expect(added["X-XSS-Protection"] == ["1; mode=block"])
        #expect(!added.contains(name: "Access-Control-Allow-Origin"))
        let origin = applying(.securityHeadersPolicy, response: [("X-Frame-Options", "DENY"), ("X-Content-Type-Options", "sniff-away")])
        #expect(origin["X-Frame-Options"] == ["DENY"])
        #expect(origin["X-Content-Type-Options"] == ["nosniff"])
    }

    @Test func combinedManagedPoliciesCarryBothSections() {
        let headers = applying(.corsWithPreflightAndSecurityHeadersPolicy, method: .OPTIONS, request: Self.preflight)
        #expect(headers["Access-Control-Allow-Methods"].count == 1 && headers["X-Frame-Options"] == ["SAMEORIGIN"])
        let simple = applying(.corsAndSecurityHeadersPolicy, request: [("Origin", "https://x.example")])
        #expect(simple["Access-Control-Allow-Origin"] == ["*"] && simple["Strict-Transport-Security"] == ["max-age=31536000"])
    }

    @Test func listedOriginsAreEchoedWithVary() {
        let cors = ResponseHeadersPolicy.CORS(
            allowOrigins: ["https://app.example.com", "https://*.preview.example.com", "localhost:5173"],
            allowHeaders: ["Authorization", "Content-Type"],
            allowMethods: ["GET", "POST"],
            allowCredentials: true,
            exposeHeaders: ["X-Request-Id"],
            maxAgeSeconds: 600
        )
        let policy = ResponseHeadersPolicy(name: "Api", cors: cors)
        let preflight = applying(policy, method: .OPTIONS, request: Self.preflight, response: [("Vary", "Accept-Encoding")])
        #expect(preflight["Access-Control-Allow-Origin"] == ["https://app.example.com"])
        #expect(preflight["Vary"] == ["Accept-Encoding", "Origin"])
        #expect(preflight["Access-Control-Allow-Credentials"] == ["true"])
        #expect(preflight["Access-Control-Allow-Methods"] == ["GET, POST"])
        #expect(preflight["Access-Control-Allow-Headers"] == ["Authorization, Content-Type"])
        #expect(preflight["Access-Control-Max-Age"] == ["600"])
        #expect(preflight["Access-Control-Expose-Headers"] == ["X-Request-Id"])

        #expect(
            applying(policy, request: [("Origin", "https://pr-7.preview.example.com")])["Access-Control-Allow-Origin"] == [
                "https://pr-7.preview.example.com"
            ]
        )
        #expect(applying(policy, request: [("Origin", "http://localhost:5173")])["Access-Control-Allow-Origin"] == ["http://localhost:5173"])
        for refused in ["https://evil.example", "https://preview.example.com", "https://app.example.com.evil", "https://a/b.preview.example.com"] {
            let headers = applying(policy, request: [("Origin", refused)])
            #expect(!headers.contains(name: "Access-Control-Allow-Origin"), "\(refused)")
            #expect(!headers.contains(name: "Access-Control-Allow-Credentials"), "\(refused)")
        }
    }

    @Test func originOverrideReplacesTheOriginsCORSHeaders() {
        let keep = ResponseHeadersPolicy(name: "Keep", cors: .init(allowOrigins: ["*"], exposeHeaders: ["X-A"]))
        let replace = ResponseHeadersPolicy(name: "Replace", cors: .init(allowOrigins: ["*"], exposeHeaders: ["X-A"], originOverride: true))
        let origin = [("Access-Control-Allow-Origin", "https://o.example"), ("Access-Control-Expose-Headers", "X-B")]
        let request = [("Origin", "https://o.example")]
        #expect(applying(keep, request: request, response: origin)["Access-Control-Expose-Headers"] == ["X-B"])
        let replaced = applying(replace, request: request, response: origin)
        #expect(replaced["Access-Control-Allow-Origin"] == ["*"] && replaced["Access-Control-Expose-Headers"] == ["X-A"])
    }

    @Test(arguments: [false, true])
    func customAndSecurityHeadersFollowTheirOverride(override: Bool) {
        let security = SecurityHeaders(
            contentSecurityPolicy: .init("default-src 'self'", override: override),
            strictTransportSecurity: .init(.init(maxAgeSeconds: 63_072_000, includeSubdomains: true, preload: true), override: override),
            xssProtection: .init(.init(protection: true, reportURI: "https://r.example/xss"), override: override)
        )
        let policy = ResponseHeadersPolicy(
            name: "Custom",
            securityHeaders: security,
            customHeaders: [
                .init(name: "Cache-Control", value: "no-store", override: override), .init(name: "X-Team", value: "web", override: override),
            ]
        )
        let added = applying(policy)
        #expect(added["Strict-Transport-Security"] == ["max-age=63072000; includeSubDomains; preload"])
        #expect(added["X-XSS-Protection"] == ["1; report=https://r.example/xss"])
        #expect(added["Content-Security-Policy"] == ["default-src 'self'"])
        #expect(added["Cache-Control"] == ["no-store"] && added["X-Team"] == ["web"])
        let fromOrigin = applying(policy, response: [("Cache-Control", "max-age=60"), ("Content-Security-Policy", "none")])
        #expect(fromOrigin["Cache-Control"] == [override ? "no-store" : "max-age=60"])
        #expect(fromOrigin["Content-Security-Policy"] == [override ? "default-src 'self'" : "none"])
    }

    @Test func removedHeadersGoFirstAndServerBecomesCloudFront() {
        let policy = ResponseHeadersPolicy(
            name: "Strip",
            customHeaders: [.init(name: "X-Powered-By", value: "edge", override: false)],
            removeHeaders: ["X-Powered-By", "Vary", "Server", "X-Cache"]
        )
        let headers = applying(
            policy,
            response: [("X-Powered-By", "php"), ("Vary", "Accept"), ("Server", "AmazonS3"), ("X-Cache", "Hit from cloudfront")]
        )
        // Removed, then added again by the policy's own section.
        #expect(headers["X-Powered-By"] == ["edge"])
        #expect(!headers.contains(name: "Vary"))
        #expect(headers["Server"] == ["CloudFront"])
        // X-Cache cannot be removed (aws-behaviour §1.1).
        #expect(headers["X-Cache"] == ["Hit from cloudfront"])
        #expect(ResponseHeadersPolicy.isUnremovable("x-amz-cf-pop") && ResponseHeadersPolicy.isUnremovable("Content-Length"))
        #expect(!ResponseHeadersPolicy.isUnremovable("X-Powered-By"))
    }

    @Test func serverTimingCarriesTheCDNMetrics() {
        let policy = ResponseHeadersPolicy(name: "Timing", serverTiming: .init(samplingRate: 100))
        let rid = "cdn-rid;desc=\"LkTZQMFfMypK76XAwvdqtfny-Q3_XLWNt2Uyy0x3mo0pmnSQY4eTZg==\""
        #expect(
            applying(policy, response: [("Server-Timing", "db;dur=53")], result: .hit)["Server-Timing"]
                == ["cdn-cache-hit,cdn-pop;desc=\"IAD89-P1\",\(rid),cdn-hit-layer;desc=\"EDGE\""]
        )
        #expect(
            applying(policy, result: .refreshHit)["Server-Timing"] == [
                "cdn-cache-refresh,cdn-pop;desc=\"IAD89-P1\",\(rid),cdn-hit-layer;desc=\"EDGE\""
            ]
        )
        #expect(
            applying(policy, response: [("Server-Timing", "db;dur=53")], result: .miss)["Server-Timing"]
                == ["cdn-upstream-layer;desc=\"EDGE\",cdn-cache-miss,cdn-pop;desc=\"IAD89-P1\",\(rid),db;dur=53"]
        )
    }

    @Test func serverTimingIsSampledAndPragmaAsksForIt() {
        let never = ResponseHeadersPolicy(name: "Never", serverTiming: .init(samplingRate: 0))
        #expect(!applying(never).contains(name: "Server-Timing"))
        #expect(applying(never, request: [("Pragma", "no-cache, server-timing")]).contains(name: "Server-Timing"))
        #expect(!applying(ResponseHeadersPolicy(name: "Off"), request: [("Pragma", "server-timing")]).contains(name: "Server-Timing"))

        let half = ResponseHeadersPolicy(name: "Half", serverTiming: .init(samplingRate: 50))
        let sampled = (0..<2_000).count { applying(half, requestID: "request-\($0)").contains(name: "Server-Timing") }
        #expect((850...1_150).contains(sampled))
        // One request's answer does not change between calls.
        #expect(
            applying(half, requestID: "fixed").contains(name: "Server-Timing") == applying(half, requestID: "fixed").contains(name: "Server-Timing")
        )
    }
}
