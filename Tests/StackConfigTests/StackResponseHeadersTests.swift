import Edge
import Testing

@testable import StackConfig

/// `responseHeadersPolicies:`, behaviours' `responseHeadersPolicy`, `invalidation:` and buckets' `autoInvalidate`.
@Suite struct StackResponseHeadersTests {
    static let yaml = """
        buckets:
          site: { path: ./site, autoInvalidate: false }
          media: ./media
        invalidation:
          completionDelay: 0.5
        responseHeadersPolicies:
          - name: AppHeaders
            comment: the app's headers
            corsConfig:
              accessControlAllowOrigins: [https://app.example.com, "https://*.preview.example.com"]
              accessControlAllowHeaders: [Authorization, Content-Type]
              accessControlAllowMethods: [get, POST]
              accessControlAllowCredentials: true
              accessControlExposeHeaders: [X-Request-Id]
              accessControlMaxAgeSec: 600
              originOverride: true
            securityHeadersConfig:
              strictTransportSecurity: { accessControlMaxAgeSec: 63072000, includeSubdomains: true, preload: true, override: true }
              contentTypeOptions: { override: true }
              frameOptions: { frameOption: DENY, override: false }
              referrerPolicy: { referrerPolicy: same-origin, override: true }
              contentSecurityPolicy: { contentSecurityPolicy: "default-src 'self'", override: true }
              xssProtection: { protection: true, reportUri: https://r.example/xss, override: false }
            customHeadersConfig:
              - { header: Cache-Control, value: no-store, override: true }
            removeHeadersConfig: [X-Powered-By]
            serverTimingHeadersConfig: { enabled: true, samplingRate: 12.5 }
        distributions:
          - aliases: [app.example.test]
            origins: [{ id: site, bucket: site }]
            defaultCacheBehavior: { targetOriginId: site, responseHeadersPolicy: AppHeaders }
            cacheBehaviors:
              - { pathPattern: /api/*, targetOriginId: site, responseHeadersPolicyId: 5cc3b908-e619-4b99-88e5-2cf7f45965bd }
              - { pathPattern: /a/*, targetOriginId: site, responseHeadersPolicy: Managed-SecurityHeadersPolicy }
              - { pathPattern: /b/*, targetOriginId: site }
        """

    @Test func everyFieldIsRead() throws {
        let fixture = try StackFixture()
        defer { fixture.remove() }
        let stack = try fixture.load(Self.yaml)

        #expect(stack.buckets["site"]?.autoInvalidate == false)
        #expect(stack.buckets["media"]?.autoInvalidate == true)
        #expect(stack.invalidation == .init(completionDelay: 0.5))

        let expected = ResponseHeadersPolicy(
            name: "AppHeaders",
            comment: "the app's headers",
            cors: .init(
                allowOrigins: ["https://app.example.com", "https://*.preview.example.com"],
                allowHeaders: ["Authorization", "Content-Type"],
                allowMethods: ["GET", "POST"],
                allowCredentials: true,
                exposeHeaders: ["X-Request-Id"],
                maxAgeSeconds: 600,
                originOverride: true
            ),
            securityHeaders: SecurityHeaders(
                contentSecurityPolicy: .init("default-src 'self'", override: true),
                contentTypeOptions: .init(override: true),
                frameOptions: .init(.deny, override: false),
                referrerPolicy: .init(.sameOrigin, override: true),
                strictTransportSecurity: .init(.init(maxAgeSeconds: 63_072_000, includeSubdomains: true, preload: true), override: true),
                xssProtection: .init(.init(protection: true, reportURI: "https://r.example/xss"), override: false)
            ),
            customHeaders: [.init(name: "Cache-Control", value: "no-store", override: true)],
            removeHeaders: ["X-Powered-By"],
            serverTiming: .init(samplingRate: 12.5)
        )
        #expect(stack.responseHeadersPolicies == [expected])
        let distribution = try #require(stack.distributions.first)
        #expect(distribution.defaultCacheBehavior.responseHeadersPolicy == expected)
        #expect(distribution.cacheBehaviors.map(\.responseHeadersPolicy?.name) == ["CORS-With-Preflight", "SecurityHeadersPolicy", nil])
    }

    @Test func theCanonicalStackAutoInvalidatesWithTheDefaultDelay() throws {
        let fixture = try StackFixture()
        defer { fixture.remove() }
        let stack = try Stack.canonicalSPA(folder: fixture.directory + "/site")
        #expect(stack.buckets["site"]?.autoInvalidate == true)
        #expect(stack.invalidation == InvalidationLedger.Configuration())
        #expect(stack.responseHeadersPolicies.isEmpty)
        #expect(stack.distributions.allSatisfy { $0.defaultCacheBehavior.responseHeadersPolicy == nil })
    }

    static let cases: [BadStack] = [
        BadStack(
            name: "response headers policies",
            yaml: """
                responseHeadersPolicies:
                  - name: SimpleCORS
                  - name: Broken
                    corsConfig:
                      accessControlAllowOrigins: ["https://app.*.com", "*.example.com"]
                      accessControlAllowMethods: [GET, FETCH]
                      accessControlAllowHeaders: ["bad header"]
                    securityHeadersConfig:
                      frameOptions: { frameOption: ALLOW }
                      xssProtection: { protection: true, modeBlock: true, reportUri: https://r.example, override: true }
                      contentSecurityPolicy: { override: true }
                    customHeadersConfig:
                      - { header: X-A, value: "1", override: true }
                      - { header: x-a, value: "2", override: false }
                    removeHeadersConfig: [X-Cache, Content-Length]
                    serverTimingHeadersConfig: { enabled: true, samplingRate: 100.00001 }
                  - name: NoOrigins
                    corsConfig: { accessControlAllowMethods: [GET] }
                    serverTimingHeadersConfig: { enabled: true }
                """,
            expected: [
                #"edgesim.yml:2:11: responseHeadersPolicies[0].name: "SimpleCORS" is a managed response headers policy; behaviours use it by name without defining it, so pick another name"#,
                #"edgesim.yml:5:35: responseHeadersPolicies[1].corsConfig.accessControlAllowOrigins[0]: "https://app.*.com" is not an allowed origin: write "*", an origin like https://app.example.com, or one with a wildcard leftmost label like https://*.example.com"#,
                #"edgesim.yml:6:40: responseHeadersPolicies[1].corsConfig.accessControlAllowMethods[1]: "FETCH" is not one of GET, DELETE, HEAD, OPTIONS, PATCH, POST, PUT, ALL"#,
                #"edgesim.yml:7:35: responseHeadersPolicies[1].corsConfig.accessControlAllowHeaders[0]: "bad header" is not a header name (letters, digits and !#$%&'*+-.^_`|~)"#,
                "edgesim.yml:9:21: responseHeadersPolicies[1].securityHeadersConfig.frameOptions.override: is required: true replaces the origin's header, false keeps the origin's when it sends one",
                #"edgesim.yml:9:36: responseHeadersPolicies[1].securityHeadersConfig.frameOptions.frameOption: must be one of DENY, SAMEORIGIN; got "ALLOW""#,
                "edgesim.yml:10:59: responseHeadersPolicies[1].securityHeadersConfig.xssProtection.reportUri: give modeBlock: true or a reportUri, not both (CloudFront refuses X-XSS-Protection with both)",
                "edgesim.yml:11:30: responseHeadersPolicies[1].securityHeadersConfig.contentSecurityPolicy.contentSecurityPolicy: is required; the header's value",
                "edgesim.yml:14:19: responseHeadersPolicies[1].customHeadersConfig[1].header: header x-a is listed twice (header names ignore case)",
                "edgesim.yml:15:27: responseHeadersPolicies[1].removeHeadersConfig[0]: CloudFront cannot remove X-Cache with a response headers policy (it refuses the policy); take it out of this list",
                "edgesim.yml:15:36: responseHeadersPolicies[1].removeHeadersConfig[1]: CloudFront cannot remove Content-Length with a response headers policy (it refuses the policy); take it out of this list",
                #"edgesim.yml:16:63: responseHeadersPolicies[1].serverTimingHeadersConfig.samplingRate: must be a percentage from 0 to 100 with at most four decimals; got "100.00001""#,
                "edgesim.yml:18:17: responseHeadersPolicies[2].corsConfig.accessControlAllowOrigins: is required; the origins allowed, like [https://app.example.com] or [\"*\"]",
                "edgesim.yml:19:32: responseHeadersPolicies[2].serverTimingHeadersConfig.samplingRate: is required with enabled: true; the percent of responses that get the header, 0 to 100",
            ]
        ),
        BadStack(
            name: "a behaviour's response headers policy, invalidation and autoInvalidate",
            yaml: """
                buckets:
                  site: { path: ./site, autoInvalidate: yes }
                invalidation: { completionDelay: soon }
                distributions:
                  - origins: [{ id: site, bucket: site }]
                    defaultCacheBehavior: { targetOriginId: site, responseHeadersPolicy: SimpleCors, responseHeadersPolicyId: SimpleCORS }
                """,
            expected: [
                #"edgesim.yml:2:41: buckets.site.autoInvalidate: must be true or false; got "yes""#,
                #"edgesim.yml:3:34: invalidation.completionDelay: must be a number of seconds from 0 to 3600 (how long an invalidation stays InProgress); got "soon""#,
                #"edgesim.yml:6:74: distributions[0].defaultCacheBehavior.responseHeadersPolicy: no response headers policy is named "SimpleCors"; did you mean "SimpleCORS"?"#,
                "edgesim.yml:6:86: distributions[0].defaultCacheBehavior.responseHeadersPolicyId: give responseHeadersPolicy or responseHeadersPolicyId, not both (each takes a policy's name or id)",
            ]
        ),
    ]

    @Test(arguments: cases)
    func problemsAreReportedWithTheirPlace(_ stack: BadStack) throws {
        let fixture = try StackFixture()
        defer { fixture.remove() }
        #expect(fixture.problems(stack.yaml) == stack.expected)
    }
}
