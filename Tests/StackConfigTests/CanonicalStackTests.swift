import Edge
import Foundation
import Testing

@testable import StackConfig

@Suite struct CanonicalStackTests {
    @Test func canonicalSPAIsTheStackTheIssueDescribes() throws {
        let fixture = try StackFixture()
        defer { fixture.remove() }
        let stack = try Stack.canonicalSPA(folder: fixture.directory + "/site")

        #expect(stack.file == nil)
        #expect(stack.buckets == ["site": .init(name: "site", path: fixture.directory + "/site", missingKeyStatus: .accessDenied)])
        #expect(stack.edge == .init(pops: ["IAD89-P1"], cacheCapacity: 268_435_456, evictionPolicy: .s3fifo))
        #expect(stack.cachePolicies.isEmpty && stack.originRequestPolicies.isEmpty)
        #expect(stack.readCache.backend == .inProcess(.init()) && stack.hostedZones == nil)
        try #require(stack.distributions.count == 1)
        let distribution = stack.distributions[0]
        #expect(DistributionID.isValid(distribution.id))
        #expect(distribution.id == DistributionID.generate(from: "app.edgesim.test"))
        #expect(distribution.domainName == Distribution.domainName(forID: distribution.id))
        #expect(distribution.aliases == ["app.edgesim.test", "localhost"])
        #expect(distribution.defaultRootObject == "index.html")
        #expect(distribution.origins == [.init(id: "site", target: .bucket("site")), .init(id: "api", target: .gateway("spa"))])

        let site = distribution.defaultCacheBehavior
        #expect(site.pathPattern == .default)
        #expect(site.targetOriginId == "site")
        #expect(site.viewerProtocolPolicy == .redirectToHTTPS)
        #expect(site.allowedMethods == .getHead)
        #expect(site.cachePolicy.id == "658327ea-f89d-4fab-a63d-7e88639e58f6")
        #expect(site.originRequestPolicy == nil)
        #expect(site.compress)

        try #require(distribution.cacheBehaviors.count == 1)
        let api = distribution.cacheBehaviors[0]
        #expect(api.pathPattern.description == "/api/*")
        #expect(api.targetOriginId == "api")
        #expect(api.viewerProtocolPolicy == .redirectToHTTPS)
        #expect(api.allowedMethods == .all)
        #expect(api.cachePolicy.id == "4135ea2d-6df8-44a3-9df3-4b5a84be39ad")
        #expect(api.originRequestPolicy?.id == "b689b0a8-53d0-40ab-baf2-68738e2966ac")

        #expect(
            distribution.customErrorResponses == [
                .init(errorCode: 403, responsePagePath: "/index.html", responseCode: 200, errorCachingMinTTL: 10),
                .init(errorCode: 404, responsePagePath: "/index.html", responseCode: 200, errorCachingMinTTL: 10),
            ]
        )
        #expect(stack.summary == "1 distribution, 1 bucket, 1 API, 2 tables")
    }

    @Test func theExampleStackFileIsTheCanonicalStackWrittenOut() throws {
        let file = repositoryRoot.appendingPathComponent("edgesim.yml").path
        let stack = try StackLoader.load(path: file)
        let canonical = try Stack.canonicalSPA(folder: repositoryRoot.appendingPathComponent("site").path)

        #expect(stack.file == file)
        #expect(stack.baseDirectory == repositoryRoot.standardizedFileURL.path)
        #expect(stack.buckets == canonical.buckets)
        #expect(stack.edge == canonical.edge)
        try #require(stack.distributions.count == 1)
        expectSame(stack.distributions[0], canonical.distributions[0])
        #expect(stack.cachePolicies.isEmpty && stack.originRequestPolicies.isEmpty)
        #expect(stack.readCache.backend == .inProcess(.init()) && stack.hostedZones == nil)
    }

    @Test func aMissingFolderIsRefused() throws {
        let fixture = try StackFixture()
        defer { fixture.remove() }
        let folder = fixture.directory + "/dist"
        let error = #expect(throws: StackConfigError.self) { try Stack.canonicalSPA(folder: folder) }
        #expect(
            error?.description
                == "\(folder): no such folder; build the app first, or name the folder that holds its index.html (or a stack file with --config)"
        )
        let file = fixture.directory + "/site/index.html"
        #expect(throws: StackConfigError.self) { try Stack.canonicalSPA(folder: file) }
    }
}
