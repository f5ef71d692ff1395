import Testing

@testable import Eviction

@Suite("Policy names and factory")
struct EvictionPolicyKindTests {
    @Test(arguments: [
        ("lru", EvictionPolicyKind.lru), ("FIFO", .fifo), ("clock", .clock), ("sieve", .sieve), ("s3fifo", .s3fifo),
        ("S3-FIFO", .s3fifo), ("wtinylfu", .wtinylfu), ("W-TinyLFU", .wtinylfu), ("tinylfu", .wtinylfu), ("arc", .arc),
        ("lfu", .lfu), ("belady", .belady), ("opt", .belady), ("OPT", .belady),
    ])
    func parsesNames(name: String, kind: EvictionPolicyKind) {
        #expect(EvictionPolicyKind(name) == kind)
    }

    @Test(arguments: ["", "lru2", "random", "s4fifo"])
    func rejectsUnknownNames(name: String) {
        #expect(EvictionPolicyKind(name) == nil)
    }

    @Test func namesRoundTrip() {
        for kind in EvictionPolicyKind.allCases {
            #expect(EvictionPolicyKind(kind.description) == kind)
            #expect(EvictionPolicyKind(kind.displayName) == kind)
        }
    }

    @Test func livePoliciesBuildExceptBelady() throws {
        for kind in EvictionPolicyKind.allCases where kind != .belady {
            var policy = try kind.makePolicy(capacity: .bytes(1_000))
            let admission = policy.admit(1, size: 10)
            #expect(admission == .admitted)
            let hit = policy.lookup(1)
            #expect(hit)
        }
        #expect(throws: EvictionPolicyError.needsFuture(.belady)) {
            _ = try EvictionPolicyKind.belady.makePolicy(capacity: .objects(10))
        }
        #expect(EvictionPolicyError.needsFuture(.belady).description.contains("edgesim replay"))
    }

    @Test func factoryPassesOptionsThrough() throws {
        let options = EvictionPolicyOptions(s3fifo: .libCacheSim)
        var policy = try EvictionPolicyKind.s3fifo.makePolicy(capacity: .bytes(1_000), options: options)
        let admission = policy.admit(1, size: 500)
        #expect(admission == .rejectedByPolicy)
    }
}

@Suite("Textual keys")
struct EvictionKeyTests {
    @Test func hashIsStableAndSpreads() {
        #expect(EvictionKey.hash("example.com/index.html") == EvictionKey.hash(bytes: Array("example.com/index.html".utf8)))
        #expect(EvictionKey.hash("a") != EvictionKey.hash("b"))
        let keys = Set((0..<10_000).map { EvictionKey.hash("/assets/\($0).js") })
        #expect(keys.count == 10_000)
        // Values computed independently (FNV-1a 64, then SplitMix64's finaliser): the keys must not change
        // between releases, or replays of old logs would stop matching their live runs.
        #expect(EvictionKey.hash("") == 0xF52A_15E9_A9B5_E89B)
        #expect(EvictionKey.hash("d111111abcdef8.cloudfront.net/index.html") == 0x31CC_EF09_58B6_F375)
    }
}
