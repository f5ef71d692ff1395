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
            let outcome1 = policy.admit(1, size: 10)
            #expect(outcome1 == .admitted)
            let outcome2 = policy.lookup(1)
            #expect(outcome2)
        }
        #expect(throws: EvictionPolicyError.needsFuture(.belady)) {
            _ = try EvictionPolicyKind.belady.makePolicy(capacity: .objects(10))
        }
        #expect(EvictionPolicyError.needsFuture(.belady).description.contains("edgesim replay"))
    }

    @Test func factoryPassesOptionsThrough() throws {
        let options = EvictionPolicyOptions(s3fifo: .libCacheSim)
        var policy = try EvictionPolicyKind.s3fifo.makePolicy(capacity: .bytes(1_000), options: options)
        let outcome3 = policy.admit(1, size: 500)
        #expect(outcome3 == .rejectedByPolicy)
    }
}
