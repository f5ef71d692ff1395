import Testing

@testable import StackConfig

@Suite struct StackNodeTests {
    @Test func mergeKeysShareSettingsAndWrittenKeysWin() throws {
        let root = try #require(
            try StackNode.parse(
                yaml: """
                    base: &base { a: 1, b: 1 }
                    other: &other { b: 2, c: 2 }
                    merged:
                      <<: [*base, *other]
                      a: 3
                    """
            )
        )
        let merged = try #require(root["merged"])
        #expect(merged.pairs?.map { $0.key.string ?? "" } == ["a", "b", "c"])
        #expect(merged["a"]?.int == 3)
        #expect(merged["b"]?.int == 1)
        #expect(merged["c"]?.int == 2)
    }

    @Test func topLevelExtensionKeysHoldSharedSettings() throws {
        let fixture = try StackFixture()
        defer { fixture.remove() }
        let stack = try fixture.load(
            """
            x-behavior: &spa { targetOriginId: site, compress: true, viewerProtocolPolicy: https-only }
            buckets: { site: ./site }
            distributions:
              - origins: [{ id: site, bucket: site }]
                defaultCacheBehavior: { <<: *spa, viewerProtocolPolicy: allow-all }
            """
        )
        let behavior = try #require(stack.distributions.first?.defaultCacheBehavior)
        #expect(behavior.targetOriginId == "site")
        #expect(behavior.compress)
        #expect(behavior.viewerProtocolPolicy == .allowAll)
        #expect(
            fixture.problems("y-behavior: {}\n") == [
                #"edgesim.yml:1:1: y-behavior: unknown key; expected one of buckets, edge, invalidation, distributions, cachePolicies, originRequestPolicies, responseHeadersPolicies, apis, usagePlans, apiKeys, domainNames, tables, store, readCache, hostedZones"#
            ]
        )
    }

    @Test func onlyUnquotedNullWordsAreNull() throws {
        let root = try #require(try StackNode.parse(yaml: "a:\nb: ~\nc: null\nd: \"null\"\ne: ''\n"))
        #expect(root["a"]?.isNull == true)
        #expect(root["b"]?.isNull == true)
        #expect(root["c"]?.isNull == true)
        #expect(root["d"]?.string == "null")
        #expect(root["e"]?.string == "")
    }

    @Test func scalarsAreReadByWhatTheFieldNeeds() throws {
        let root = try #require(try StackNode.parse(yaml: "n: 31_536_000\nq: \"404\"\nh: 0x1F\nyes: yes\nt: True\nf: false\n"))
        #expect(root["n"]?.int == 31_536_000)
        #expect(root["q"]?.int == 404)
        #expect(root["h"]?.int == nil)
        #expect(root["yes"]?.bool == nil)
        #expect(root["yes"]?.string == "yes")
        #expect(root["t"]?.bool == true)
        #expect(root["f"]?.bool == false)
    }

    @Test func quotedNumbersAreAcceptedAsCloudFormationWritesThem() throws {
        let fixture = try StackFixture()
        defer { fixture.remove() }
        let stack = try fixture.load(
            """
            buckets: { site: { path: ./site, missingKeyStatus: "404" } }
            """
        )
        #expect(stack.buckets["site"]?.missingKeyStatus == .noSuchKey)
    }

    @Test func nodesKeepTheirPlace() throws {
        let root = try #require(try StackNode.parse(yaml: "# comment\nlist:\n  - { x: [1, 2] }\n"))
        let list = try #require(root["list"])
        #expect([list.line, list.column] == [3, 3])
        let x = try #require(list.elements?.first?["x"])
        #expect([x.line, x.column] == [3, 10])
        #expect(x.elements.map { $0.map { [$0.line, $0.column] } } == [[3, 11], [3, 14]])
    }
}
