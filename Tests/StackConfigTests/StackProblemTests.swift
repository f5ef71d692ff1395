import Testing

@testable import StackConfig

/// A stack file with mistakes and exactly the lines `edgesim validate` must print for it. `{dir}` stands for
/// the folder the file is in.
struct BadStack: Sendable, CustomTestStringConvertible {
    var name: String
    var yaml: String
    var expected: [String]

    var testDescription: String { name }
}

@Suite struct StackProblemTests {
    static let cases: [BadStack] = [
        BadStack(
            name: "an enumeration value",
            yaml: """
                buckets:
                  site: ./site
                distributions:
                  - origins:
                      - { id: site, bucket: site }
                    defaultCacheBehavior:
                      targetOriginId: site
                      viewerProtocolPolicy: redirect-to-http
                """,
            expected: [
                #"edgesim.yml:8:29: distributions[0].defaultCacheBehavior.viewerProtocolPolicy: must be one of allow-all, redirect-to-https, https-only; got "redirect-to-http""#
            ]
        ),
        BadStack(
            name: "a misspelt key",
            yaml: """
                buckets:
                  site: ./site
                distributions:
                  - origins:
                      - { id: site, bucket: site }
                    defaultCacheBehavior: { targetOriginId: site }
                    cacheBehaviors:
                      - pathPatern: /api/*
                        targetOriginId: site
                """,
            expected: [
                #"edgesim.yml:8:9: distributions[0].cacheBehaviors[0].pathPatern: unknown key; did you mean "pathPattern"?"#,
                #"edgesim.yml:8:9: distributions[0].cacheBehaviors[0].pathPattern: is required; the paths this behaviour serves, like /api/*"#,
            ]
        ),
        BadStack(
            name: "origin references",
            yaml: """
                buckets:
                  site: ./site
                distributions:
                  - origins:
                      - { id: site, bucket: site }
                      - { id: api, gateway: shows }
                    defaultCacheBehavior: { targetOriginId: sit }
                    cacheBehaviors:
                      - { pathPattern: /api/*, cachePolicy: CachingDisabled }
                """,
            expected: [
                #"edgesim.yml:6:29: distributions[0].origins[1].gateway: no API is named "shows"; define it under apis:"#,
                #"edgesim.yml:7:45: distributions[0].defaultCacheBehavior.targetOriginId: no origin of this distribution has id "sit"; did you mean "site"?"#,
                #"edgesim.yml:9:9: distributions[0].cacheBehaviors[0].targetOriginId: is required; name one of this distribution's origins (site, api)"#,
            ]
        ),
        BadStack(
            name: "TTL order and caching disabled",
            yaml: """
                cachePolicies:
                  - name: Broken
                    minTTL: 600
                    maxTTL: 300
                  - name: NoCache
                    minTTL: 0
                    defaultTTL: 0
                    maxTTL: 0
                    headers: { headerBehavior: whitelist, headers: [Origin] }
                    enableAcceptEncodingGzip: true
                  - name: Short
                    minTTL: 10
                    defaultTTL: 5
                    maxTTL: 100
                """,
            expected: [
                "edgesim.yml:3:13: cachePolicies[0].minTTL: must not be above maxTTL (300); got 600",
                "edgesim.yml:9:32: cachePolicies[1].headers.headerBehavior: The parameter HeaderBehavior is invalid for policy with caching disabled. Set headerBehavior to none, or maxTTL above 0.",
                "edgesim.yml:10:31: cachePolicies[1].enableAcceptEncodingGzip: The parameter EnableAcceptEncodingGzip is invalid for policy with caching disabled. Set enableAcceptEncodingGzip to false, or maxTTL above 0.",
                "edgesim.yml:13:17: cachePolicies[2].defaultTTL: must be at least minTTL (10); got 5",
            ]
        ),
        BadStack(
            name: "cache key lists",
            yaml: """
                cachePolicies:
                  - name: Keyed
                    queryStrings: { queryStringBehavior: whitelist }
                    cookies: { cookieBehavior: all, cookies: [session] }
                    headers: { headerBehavior: allViewer }
                """,
            expected: [
                "edgesim.yml:3:42: cachePolicies[0].queryStrings.queryStrings: queryStringBehavior whitelist needs the names in queryStrings: [...]",
                "edgesim.yml:4:46: cachePolicies[0].cookies.cookies: names are read only when cookieBehavior is whitelist or allExcept; remove them or change cookieBehavior",
                #"edgesim.yml:5:32: cachePolicies[0].headers.headerBehavior: must be one of none, whitelist; got "allViewer""#,
            ]
        ),
        BadStack(
            name: "an alias on two distributions",
            yaml: """
                buckets:
                  site: ./site
                distributions:
                  - aliases: [app.example.com]
                    origins: [{ id: site, bucket: site }]
                    defaultCacheBehavior: { targetOriginId: site }
                  - aliases: [www.example.com, App.Example.com, "bad name.com"]
                    origins: [{ id: site, bucket: site }]
                    defaultCacheBehavior: { targetOriginId: site }
                """,
            expected: [
                #"edgesim.yml:7:32: distributions[1].aliases[1]: "App.Example.com" is already an alias of distributions[0]; an alias belongs to one distribution (CloudFront answers CNAMEAlreadyExists)"#,
                #"edgesim.yml:7:49: distributions[1].aliases[2]: "bad name.com" is not a domain name; an alias is like app.example.com or *.example.com"#,
            ]
        ),
        BadStack(
            name: "custom error responses and the root object",
            yaml: """
                buckets:
                  site: ./site
                distributions:
                  - origins: [{ id: site, bucket: site }]
                    defaultCacheBehavior: { targetOriginId: site }
                    defaultRootObject: /index.html
                    customErrorResponses:
                      - { errorCode: 401, responsePagePath: /index.html, responseCode: 200 }
                      - { errorCode: 404, responsePagePath: index.html, responseCode: 201 }
                      - { errorCode: 403, responsePagePath: /index.html }
                      - { errorCode: 404, errorCachingMinTTL: -1 }
                """,
            expected: [
                #"edgesim.yml:6:24: distributions[0].defaultRootObject: must not start with "/": CloudFront refuses it at create time and answers every request for / with 403; write "index.html""#,
                "edgesim.yml:8:22: distributions[0].customErrorResponses[0].errorCode: must be one of 400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504; got 401",
                #"edgesim.yml:9:45: distributions[0].customErrorResponses[1].responsePagePath: must start with "/", like /index.html; got "index.html""#,
                "edgesim.yml:9:71: distributions[0].customErrorResponses[1].responseCode: must be one of 200, 400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504; got 201",
                "edgesim.yml:10:9: distributions[0].customErrorResponses[2].responseCode: is required with responsePagePath: the status the page is sent with (200 for an SPA fallback)",
                "edgesim.yml:11:22: distributions[0].customErrorResponses[3].errorCode: 404 is mapped by customErrorResponses[1] already; each errorCode once",
                "edgesim.yml:11:47: distributions[0].customErrorResponses[3].errorCachingMinTTL: must be at least 0 seconds; got -1",
            ]
        ),
        BadStack(
            name: "method sets",
            yaml: """
                buckets:
                  site: ./site
                distributions:
                  - origins: [{ id: site, bucket: site }]
                    defaultCacheBehavior:
                      targetOriginId: site
                      allowedMethods: [GET, POST]
                    cacheBehaviors:
                      - { pathPattern: "/img/*.jpg", targetOriginId: site, allowedMethods: [GET, HEAD, FETCH] }
                      - { pathPattern: /fonts/*, targetOriginId: site, cachedMethods: [GET, HEAD, OPTIONS] }
                """,
            expected: [
                "edgesim.yml:7:23: distributions[0].defaultCacheBehavior.allowedMethods: must be one of [GET, HEAD], [GET, HEAD, OPTIONS] or [GET, HEAD, OPTIONS, PUT, POST, PATCH, DELETE]; got [GET, POST]",
                #"edgesim.yml:9:88: distributions[0].cacheBehaviors[0].allowedMethods[2]: "FETCH" is not a method CloudFront forwards (GET, HEAD, OPTIONS, PUT, POST, PATCH, DELETE)"#,
                "edgesim.yml:10:71: distributions[0].cacheBehaviors[1].cachedMethods: caches OPTIONS, which allowedMethods does not allow; add OPTIONS to allowedMethods or remove it here",
            ]
        ),
        BadStack(
            name: "path patterns",
            yaml: """
                buckets:
                  site: ./site
                distributions:
                  - origins: [{ id: site, bucket: site }]
                    defaultCacheBehavior: { pathPattern: "*", targetOriginId: site }
                    cacheBehaviors:
                      - pathPattern: "/api/{id}"
                        targetOriginId: site
                      - pathPattern: api/*
                        targetOriginId: site
                      - pathPattern: /api/*
                        targetOriginId: site
                """,
            expected: [
                #"edgesim.yml:5:29: distributions[0].defaultCacheBehavior.pathPattern: the default behaviour's pattern is always "*"; to match a path, add a behaviour under cacheBehaviors"#,
                #"edgesim.yml:7:22: distributions[0].cacheBehaviors[0].pathPattern: '{' is not allowed in a path pattern (allowed: A-Z a-z 0-9 _ - . * $ / ~ " ' @ : + &)"#,
                #"edgesim.yml:11:22: distributions[0].cacheBehaviors[2].pathPattern: "/api/*" is the pattern of cacheBehaviors[1] too, which matches first, so this behaviour would never be used"#,
            ]
        ),
        BadStack(
            name: "buckets",
            yaml: """
                buckets:
                  Site_Files: { path: ./missing }
                  assets: { path: ./site, missingKeyStatus: 500 }
                  index: ./site/index.html
                distributions:
                  - origins:
                      - { id: site, bucket: site }
                    defaultCacheBehavior: { targetOriginId: site }
                """,
            expected: [
                "edgesim.yml:2:3: buckets.Site_Files: a bucket name is 3 to 63 lower-case letters, digits, dots or hyphens, starting and ending with a letter or digit",
                #"edgesim.yml:2:23: buckets.Site_Files.path: folder "{dir}/missing" does not exist; build the app first or fix the path (a relative path starts at the stack file's folder)"#,
                "edgesim.yml:3:45: buckets.assets.missingKeyStatus: must be 403 (AccessDenied: S3 behind origin access control without s3:ListBucket) or 404 (NoSuchKey); got 500",
                #"edgesim.yml:4:10: buckets.index: "{dir}/site/index.html" is a file; a bucket serves a folder"#,
                #"edgesim.yml:7:29: distributions[0].origins[0].bucket: no bucket is named "site"; did you mean "Site_Files"?"#,
            ]
        ),
        BadStack(
            name: "origins",
            yaml: """
                distributions:
                  - origins:
                      - { id: legacy, domainName: "127.0.0.1:9000" }
                      - { id: both, bucket: site, gateway: shows }
                      - { id: other, domainName: "https://api.example.com/v1", originPath: v1/, connectionTimeout: 30 }
                      - { id: none }
                      - { id: hdr, gateway: shows, customHeaders: { "X From": edge } }
                      - { id: hdr, domainName: "http://localhost:99999" }
                    defaultCacheBehavior: { targetOriginId: legacy }
                """,
            expected: [
                #"edgesim.yml:3:35: distributions[0].origins[0].domainName: must be a URL with its scheme, like http://127.0.0.1:9000 or https://api.example.com; got "127.0.0.1:9000""#,
                "edgesim.yml:4:35: distributions[0].origins[1].gateway: an origin is one of bucket, gateway or domainName; this one has bucket and gateway",
                #"edgesim.yml:5:34: distributions[0].origins[2].domainName: must be scheme, host and port only; put a path in originPath; got "https://api.example.com/v1""#,
                #"edgesim.yml:5:76: distributions[0].origins[2].originPath: must start with "/" and not end with one, like /v1; got "v1/""#,
                "edgesim.yml:5:100: distributions[0].origins[2].connectionTimeout: must be between 1 and 10 seconds; got 30",
                "edgesim.yml:6:9: distributions[0].origins[3]: needs one of bucket (a bucket of this stack), gateway (an API of the gateway) or domainName (an http:// or https:// URL)",
                #"edgesim.yml:7:29: distributions[0].origins[4].gateway: no API is named "shows"; define it under apis:"#,
                #"edgesim.yml:7:53: distributions[0].origins[4].customHeaders["X From"]: "X From" is not a header name (letters, digits and !#$%&'*+-.^_`|~)"#,
                #"edgesim.yml:8:15: distributions[0].origins[5].id: origin id "hdr" is used twice in this distribution; ids must be unique"#,
                #"edgesim.yml:8:32: distributions[0].origins[5].domainName: has port "99999"; a port is a number from 1 to 65535"#,
            ]
        ),
        BadStack(
            name: "edge settings",
            yaml: """
                edge:
                  pops: [iad89, IAD89-P1, IAD89-P1]
                  cacheCapacity: 1.5XB
                  evictionPolicy: belady
                """,
            expected: [
                #"edgesim.yml:2:10: edge.pops[0]: "iad89" is not a POP code: an IATA airport code, a number, "-", C, P or E and a digit, like IAD89-P1"#,
                "edgesim.yml:2:27: edge.pops[2]: POP IAD89-P1 is listed twice",
                #"edgesim.yml:3:18: edge.cacheCapacity: must be a size like 256MiB, 64KiB, 1GB or a number of bytes, above 0; got "1.5XB""#,
                #"edgesim.yml:4:19: edge.evictionPolicy: must be one of lru, fifo, clock, sieve, s3fifo, w-tinylfu, arc, lfu; got "belady""#,
            ]
        ),
        BadStack(
            name: "policy names and references",
            yaml: """
                cachePolicies:
                  - name: CachingOptimized
                  - name: Short Lived
                distributions:
                  - origins: [{ id: site, gateway: app }]
                    defaultCacheBehavior:
                      targetOriginId: site
                      cachePolicy: CachingOptimised
                      originRequestPolicy: AllViewer
                      originRequestPolicyId: 216adef6-5c7f-47e4-b989-5492eafa07d3
                    cacheBehaviors:
                      - { pathPattern: /a, targetOriginId: site, cachePolicy: Nothing, originRequestPolicy: AllViewerExceptHost }
                """,
            expected: [
                #"edgesim.yml:2:11: cachePolicies[0].name: "CachingOptimized" is a managed cache policy; behaviours use it by name without defining it, so pick another name"#,
                #"edgesim.yml:3:11: cachePolicies[1].name: a policy name is up to 128 letters, digits, hyphens and underscores; got "Short Lived""#,
                #"edgesim.yml:5:36: distributions[0].origins[0].gateway: no API is named "app"; define it under apis:"#,
                #"edgesim.yml:8:20: distributions[0].defaultCacheBehavior.cachePolicy: no cache policy is named "CachingOptimised"; did you mean "CachingOptimized"?"#,
                "edgesim.yml:10:7: distributions[0].defaultCacheBehavior.originRequestPolicyId: give originRequestPolicy or originRequestPolicyId, not both (each takes a policy's name or id)",
                #"edgesim.yml:12:63: distributions[0].cacheBehaviors[0].cachePolicy: no cache policy is named "Nothing"; use a managed one (CachingOptimized, CachingOptimizedForUncompressedObjects, CachingDisabled, Amplify, Elemental-MediaPackage) or define it under cachePolicies"#,
                #"edgesim.yml:12:93: distributions[0].cacheBehaviors[0].originRequestPolicy: no origin request policy is named "AllViewerExceptHost"; did you mean "AllViewerExceptHostHeader"?"#,
            ]
        ),
        BadStack(
            name: "required parts of a distribution",
            yaml: """
                distributions:
                  - id: E123
                    aliases: [app.example.com]
                """,
            expected: [
                "edgesim.yml:2:5: distributions[0].origins: is required; list where behaviours send requests, like - { id: site, bucket: site }",
                "edgesim.yml:2:5: distributions[0].defaultCacheBehavior: is required; it serves every path no cache behaviour matches",
                "edgesim.yml:2:9: distributions[0].id: a distribution id is E and 13 upper-case letters or digits, like E2EDGESIMAPP01; leave it out to have one made from the first alias",
            ]
        ),
        BadStack(
            name: "sections and types",
            yaml: """
                bucket:
                  site: ./site
                apis: shows
                tables: shows
                distributions:
                  origins: []
                Resources: {}
                """,
            expected: [
                #"edgesim.yml:1:1: bucket: unknown key; did you mean "buckets"?"#,
                #"edgesim.yml:3:7: apis: must be a list; got "shows""#,
                #"edgesim.yml:4:9: tables: must be a list; got "shows""#,
                "edgesim.yml:6:3: distributions: must be a list; got a mapping",
                "edgesim.yml:7:1: Resources: this is not a CloudFormation template: write the sections (buckets, distributions, ...) at the top level",
            ]
        ),
        BadStack(
            name: "scalar types",
            yaml: """
                buckets:
                  site: ./site
                distributions:
                  - origins: [{ id: site, bucket: site, readTimeout: soon }]
                    defaultCacheBehavior: { targetOriginId: [site], compress: yes }
                    aliases: app.example.com
                """,
            expected: [
                #"edgesim.yml:4:54: distributions[0].origins[0].readTimeout: must be a whole number; got "soon""#,
                "edgesim.yml:5:45: distributions[0].defaultCacheBehavior.targetOriginId: must be a string; got a list",
                #"edgesim.yml:5:63: distributions[0].defaultCacheBehavior.compress: must be true or false; got "yes""#,
                #"edgesim.yml:6:14: distributions[0].aliases: must be a list; got "app.example.com""#,
            ]
        ),
        BadStack(
            name: "a YAML syntax error",
            yaml: """
                buckets:
                  site: { path: ./site
                distributions: []
                """,
            expected: [
                "edgesim.yml:3:14: invalid YAML: did not find expected ',' or '}' (while parsing a flow mapping at line 2, column 9)"
            ]
        ),
        BadStack(
            name: "a duplicate key",
            yaml: """
                buckets:
                  site: ./site
                  site: ./other
                """,
            expected: [#"edgesim.yml:2:3: duplicate key "site"; a key may appear only once in a mapping"#]
        ),
        BadStack(
            name: "an empty file",
            yaml: "# nothing yet\n",
            expected: ["edgesim.yml: the stack file is empty; describe at least a bucket and a distribution (see the example edgesim.yml)"]
        ),
    ]

    @Test(arguments: cases)
    func everyProblemIsReportedWithItsPlaceAndFix(_ stack: BadStack) throws {
        let fixture = try StackFixture()
        defer { fixture.remove() }
        let expected = stack.expected.map { $0.replacingOccurrences(of: "{dir}", with: fixture.directory) }
        #expect(fixture.problems(stack.yaml) == expected)
    }
}
