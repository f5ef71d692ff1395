import Edge
import ReadCache
import Testing

@testable import StackConfig

/// A stack file using every field, and the values it must load into.
@Suite struct FullStackTests {
    static let yaml = """
        buckets:
          site: { path: ./site, missingKeyStatus: 404 }
          media: ./media/
        edge:
          pops: [IAD89-P1, LHR50-C2]
          cacheCapacity: 64KiB
          evictionPolicy: sieve
        cachePolicies:
          - name: ShortLived
            comment: API responses for a minute
            minTTL: 0
            defaultTTL: 60
            maxTTL: 300
            queryStrings: { queryStringBehavior: whitelist, queryStrings: [v] }
            headers: { headerBehavior: whitelist, headers: [Origin] }
            cookies: { cookieBehavior: none }
            enableAcceptEncodingGzip: true
            enableAcceptEncodingBrotli: true
          - name: HourLong
            maxTTL: 3600
            cookies: { cookieBehavior: allExcept, cookies: [session] }
        originRequestPolicies:
          - name: ForwardLocale
            headers: { headerBehavior: allExcept, headers: [Cookie] }
            cookies: { cookieBehavior: all }
            queryStrings: { queryStringBehavior: whitelist, queryStrings: [lang] }
        distributions:
          - id: E2EDGESIMAPP01
            comment: the app
            aliases: [app.example.test, "*.preview.example.test"]
            defaultRootObject: index.html
            origins:
              - { id: site, bucket: site }
              - { id: api, gateway: shows }
              - id: legacy
                domainName: "http://127.0.0.1:9000/"
                originPath: /v1
                connectionTimeout: 5
                readTimeout: 60
                customHeaders: { X-From: edge }
            defaultCacheBehavior:
              targetOriginId: site
              viewerProtocolPolicy: allow-all
              cachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6
              compress: true
            cacheBehaviors:
              - &api
                pathPattern: /api/*
                targetOriginId: api
                viewerProtocolPolicy: https-only
                allowedMethods: [GET, HEAD, OPTIONS, PUT, POST, PATCH, DELETE]
                cachedMethods: [GET, HEAD, OPTIONS]
                cachePolicy: ShortLived
                originRequestPolicy: ForwardLocale
              - <<: *api
                pathPattern: /legacy/*
                targetOriginId: legacy
              - { pathPattern: "*.jpg", targetOriginId: site, allowedMethods: [get, head, options], cachePolicy: HourLong }
            customErrorResponses:
              - { errorCode: 404, responsePagePath: /404.html, responseCode: 404, errorCachingMinTTL: 30 }
              - { errorCode: 503, errorCachingMinTTL: 0 }
          - aliases: [admin.example.test]
            origins: [{ id: media, bucket: media }]
            defaultCacheBehavior: { targetOriginId: media }
        apis:
          - name: shows
            routes: [{ routeKey: GET /api/shows, integration: { type: table, tableName: shows } }]
        tables:
          - { tableName: shows, keySchema: [{ attributeName: id, keyType: HASH }], attributeDefinitions: [{ attributeName: id, attributeType: S }] }
        readCache: { backend: redis, url: "redis://127.0.0.1:6379/1", ttl: 120 }
        hostedZones: []
        """

    @Test func everyFieldLoadsIntoItsValue() throws {
        let fixture = try StackFixture()
        defer { fixture.remove() }
        let stack = try fixture.load(Self.yaml)

        #expect(stack.file == "edgesim.yml")
        #expect(
            stack.buckets == [
                "site": .init(name: "site", path: fixture.directory + "/site", missingKeyStatus: .noSuchKey),
                "media": .init(name: "media", path: fixture.directory + "/media", missingKeyStatus: .accessDenied),
            ]
        )
        #expect(stack.edge == .init(pops: ["IAD89-P1", "LHR50-C2"], cacheCapacity: 65_536, evictionPolicy: .sieve))

        let shortLived = CachePolicy(
            name: "ShortLived",
            minTTL: 0,
            defaultTTL: 60,
            maxTTL: 300,
            queryStrings: .whitelist(["v"]),
            headers: .whitelist(["Origin"]),
            cookies: .none,
            enableAcceptEncodingGzip: true,
            enableAcceptEncodingBrotli: true
        )
        // DefaultTTL left out: a day, or MaxTTL when that is lower.
        let hourLong = CachePolicy(name: "HourLong", minTTL: 0, defaultTTL: 3600, maxTTL: 3600, cookies: .allExcept(["session"]))
        #expect(stack.cachePolicies == [shortLived, hourLong])
        let forwardLocale = OriginRequestPolicy(
            name: "ForwardLocale",
            headers: .allViewerExcept(["Cookie"]),
            cookies: .all,
            queryStrings: .whitelist(["lang"])
        )
        #expect(stack.originRequestPolicies == [forwardLocale])

        try #require(stack.distributions.count == 2)
        let api = CacheBehavior(
            pathPattern: try PathPattern("/api/*"),
            targetOriginId: "api",
            viewerProtocolPolicy: .httpsOnly,
            allowedMethods: .all,
            cacheOptions: true,
            cachePolicy: shortLived,
            originRequestPolicy: forwardLocale,
            compress: false
        )
        var legacy = api
        legacy.pathPattern = try PathPattern("/legacy/*")
        legacy.targetOriginId = "legacy"
        let expected = Distribution(
            id: "E2EDGESIMAPP01",
            aliases: ["app.example.test", "*.preview.example.test"],
            origins: [
                .init(id: "site", target: .bucket("site")),
                .init(id: "api", target: .gateway("shows")),
                .init(
                    id: "legacy",
                    target: .http("http://127.0.0.1:9000"),
                    originPath: "/v1",
                    customHeaders: ["X-From": "edge"],
                    connectionTimeout: 5,
                    readTimeout: 60
                ),
            ],
            cacheBehaviors: [
                api,
                legacy,
                CacheBehavior(
                    pathPattern: try PathPattern("*.jpg"),
                    targetOriginId: "site",
                    allowedMethods: .getHeadOptions,
                    cachePolicy: hourLong,
                    compress: false
                ),
            ],
            defaultCacheBehavior: CacheBehavior(
                targetOriginId: "site",
                viewerProtocolPolicy: .allowAll,
                cachePolicy: .cachingOptimized,
                compress: true
            ),
            defaultRootObject: "index.html",
            customErrorResponses: [
                .init(errorCode: 404, responsePagePath: "/404.html", responseCode: 404, errorCachingMinTTL: 30),
                .init(errorCode: 503, errorCachingMinTTL: 0),
            ]
        )
        expectSame(stack.distributions[0], expected)

        // Left out: an id made from the first alias, no root object, and CloudFormation's defaults.
        let admin = stack.distributions[1]
        #expect(admin.id == DistributionID.generate(from: "admin.example.test"))
        #expect(DistributionID.isValid(admin.id))
        expectSame(
            admin,
            Distribution(
                id: admin.id,
                aliases: ["admin.example.test"],
                origins: [.init(id: "media", target: .bucket("media"))],
                defaultCacheBehavior: CacheBehavior(
                    targetOriginId: "media",
                    viewerProtocolPolicy: .redirectToHTTPS,
                    allowedMethods: .getHead,
                    cachePolicy: .cachingOptimized,
                    compress: false
                ),
                defaultRootObject: nil
            )
        )

        #expect(stack.gateway.apis.map(\.name) == ["shows"])
        #expect(stack.store.tables.map(\.name) == ["shows"])
        #expect(stack.readCache.backend == .redis(url: RedisURL(host: "127.0.0.1", database: 1)))
        #expect(stack.readCache.cache.ttl == .seconds(120))
        #expect(stack.hostedZones?.elements == [])
        #expect(stack.summary == "2 distributions, 2 buckets, 1 API, 1 table")
    }

    @Test func distributionIDsAreStable() {
        let id = DistributionID.generate(from: "app.edgesim.test")
        #expect(DistributionID.generate(from: "app.edgesim.test") == id)
        #expect(DistributionID.generate(from: "api.edgesim.test") != id)
        #expect(DistributionID.isValid(id))
        #expect(!DistributionID.isValid("E2edgesimapp01"))
        #expect(!DistributionID.isValid("X2EDGESIMAPP01"))
        #expect(!DistributionID.isValid("E2EDGESIMAPP0"))
    }
}
