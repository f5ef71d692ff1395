import Testing

@testable import Replay

@Suite("Synthetic workloads")
struct SyntheticWorkloadTests {
    @Test func parsesSpecs() throws {
        let zipf = try SyntheticWorkload(spec: "zipf:alpha=0.8,objects=100000,requests=1000000,seed=42")
        #expect(zipf == .zipf(ZipfWorkload(alpha: 0.8, objects: 100_000, requests: 1_000_000, seed: 42)))
        let fixed = try SyntheticWorkload(spec: "zipf:sizes=fixed,size=512,requests=10")
        #expect(fixed == .zipf(ZipfWorkload(requests: 10, sizes: .fixed(512))))
        #expect(try SyntheticWorkload(spec: "onehit:share=0.5") == .oneHitWonders(OneHitWonderWorkload(share: 0.5)))
        #expect(try SyntheticWorkload(spec: "hotset:hot=10,period=50") == .movingHotSet(HotSetWorkload(hot: 10, period: 50)))
        #expect(try SyntheticWorkload(spec: "spa:deploys=2") == .spa(SPAWorkload(deploys: 2)))
    }

    @Test(arguments: [
        ("zipf:alpha=0.8,colour=blue", "unknown parameter \"colour\""), ("lognormal:alpha=1", "unknown kind"),
        ("zipf:alpha", "not key=value"), ("zipf:objects=0", "objects must be"), ("onehit:share=2", "share must be"),
        ("hotset:objects=10,hot=20", "larger than objects"),
    ])
    func explainsBadSpecs(spec: String, message: String) {
        #expect {
            _ = try SyntheticWorkload(spec: spec)
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test func sameSpecSameTrace() throws {
        for spec in ["zipf:requests=5000,seed=3", "onehit:requests=5000", "hotset:requests=5000,hot=50,period=1000", "spa:requests=5000"] {
            let workload = try SyntheticWorkload(spec: spec)
            let first = workload.makeTrace(source: spec)
            let second = workload.makeTrace(source: spec)
            #expect(first.keys == second.keys && first.sizes == second.sizes, "\(spec)")
            #expect(first.count == 5_000)
        }
    }

    @Test func oneHitWondersAreRequestedOnce() {
        let trace = OneHitWonderWorkload(share: 0.4, objects: 1_000, requests: 20_000).makeTrace(source: "t")
        let fresh = trace.keys.filter { $0 > 1_000 }
        #expect(Set(fresh).count == fresh.count)
        #expect(abs(Double(fresh.count) / 20_000 - 0.4) < 0.02)
    }

    @Test func hotSetMoves() {
        let trace = HotSetWorkload(objects: 10_000, hot: 100, period: 5_000, share: 1, requests: 10_000).makeTrace(source: "t")
        let early = Set(trace.keys.prefix(5_000))
        let late = Set(trace.keys.suffix(5_000))
        #expect(early.isDisjoint(with: late))
        #expect(early.allSatisfy { (1...100).contains($0) })
    }

    @Test func spaTrafficHasPagesBundlesAndAPICalls() {
        let trace = SPAWorkload(requests: 20_000, assets: 5, deploys: 2, returning: 0.5, apiUncacheable: 0.3).makeTrace(source: "t")
        let kinds = Dictionary(grouping: trace.keys, by: { $0 >> 56 }).mapValues(\.count)
        #expect(kinds[1, default: 0] > 0 && kinds[2, default: 0] > 0 && kinds[3, default: 0] > 0)
        // Two deploys: two index documents and two sets of five bundles.
        #expect(Set(trace.keys.filter { $0 >> 56 == 1 }).count == 2)
        #expect(Set(trace.keys.filter { $0 >> 56 == 2 }).count == 10)
        #expect(trace.cacheable.contains(false))
        #expect(zip(trace.keys, trace.cacheable).allSatisfy { key, cacheable in cacheable || key >> 56 == 3 })
    }
}
