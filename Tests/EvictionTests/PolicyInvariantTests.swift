import Testing

@testable import Eviction

/// Drives every policy through seeded random traces with the live-cache API and checks it against a
/// shadow model built only from what the policy reports: hits only on resident keys, the capacity never
/// exceeded, evicted keys reported exactly once, removed keys gone.
@Suite("Policy invariants on random traces")
struct PolicyInvariantTests {
    static let capacities: [EvictionCapacity] = [.objects(1), .objects(7), .objects(64), .bytes(40_000), .bytes(300_000)]

    @Test(arguments: EvictionPolicyKind.allCases, capacities)
    func liveOperationsKeepInvariants(kind: EvictionPolicyKind, capacity: EvictionCapacity) {
        for seed in UInt64(1)...3 {
            let operations = RandomOperations(seed: seed, keys: 300, count: 6_000)
            var policy = kind.makePolicy(capacity: capacity, future: operations.requestKeys)
            var shadow: [UInt64: Int] = [:]
            for operation in operations.list {
                switch operation {
                case .request(let key, let size):
                    let wasResident = shadow[key] != nil
                    let hit = policy.lookup(key)
                    #expect(hit == wasResident, "\(kind) lookup(\(key)) = \(hit), resident: \(wasResident)")
                    if !hit {
                        var evicted: [UInt64] = []
                        let admission = policy.admit(key, size: size) { evicted.append($0) }
                        for victim in evicted {
                            #expect(victim != key, "\(kind) reported the admitted key as evicted")
                            #expect(shadow.removeValue(forKey: victim) != nil, "\(kind) evicted \(victim), which was not resident")
                        }
                        #expect(policy.contains(key) == admission.isAdmitted)
                        if admission.isAdmitted {
                            shadow[key] = size
                        } else if capacity.weight(ofSize: size) > capacity.limit {
                            #expect(admission == .rejectedTooLarge)
                        }
                    }
                case .remove(let key):
                    let removed = policy.remove(key)
                    #expect(removed == (shadow.removeValue(forKey: key) != nil))
                    #expect(!policy.contains(key))
                }
                #expect(policy.usedCapacity <= capacity.limit)
                #expect(policy.count == shadow.count)
                #expect(policy.usedBytes == shadow.values.reduce(0, +))
                #expect(policy.usedCapacity == (capacity.countsObjects ? shadow.count : policy.usedBytes))
            }
            for key in UInt64(0)..<300 {
                #expect(policy.contains(key) == (shadow[key] != nil), "\(kind) contains(\(key)) disagrees with its reports")
            }
        }
    }

    /// `access` is `lookup` plus, on a miss, `admit`: the replay path and the live path agree request by request.
    @Test(arguments: EvictionPolicyKind.allCases, capacities)
    func accessMatchesLookupThenAdmit(kind: EvictionPolicyKind, capacity: EvictionCapacity) {
        let operations = RandomOperations(seed: 9, keys: 500, count: 8_000, removals: false)
        var replayed = kind.makePolicy(capacity: capacity, future: operations.requestKeys)
        var live = kind.makePolicy(capacity: capacity, future: operations.requestKeys)
        for case .request(let key, let size) in operations.list {
            let replayHit = replayed.access(key, size: size)
            let liveHit = live.lookup(key)
            if !liveHit { live.admit(key, size: size) }
            #expect(replayHit == liveHit)
            #expect(replayed.usedCapacity == live.usedCapacity)
        }
    }

    /// The same seeded inputs give the same outcomes: no hidden randomness or hash-order dependence.
    @Test(arguments: EvictionPolicyKind.allCases)
    func replaysAreDeterministic(kind: EvictionPolicyKind) {
        let operations = RandomOperations(seed: 4, keys: 2_000, count: 20_000, removals: false)
        func outcomes() -> [Bool] {
            var policy = kind.makePolicy(capacity: .bytes(500_000), future: operations.requestKeys)
            return operations.list.compactMap { operation in
                guard case .request(let key, let size) = operation else { return nil }
                return policy.access(key, size: size)
            }
        }
        #expect(outcomes() == outcomes())
    }
}

/// A seeded mix of requests (skewed keys, one size per key, occasionally a new size) and removals.
struct RandomOperations {
    enum Operation {
        case request(key: UInt64, size: Int)
        case remove(key: UInt64)
    }

    private(set) var list: [Operation] = []

    init(seed: UInt64, keys: Int, count: Int, removals: Bool = true) {
        var random = SplitMix64(seed: seed)
        var sizes = (0..<keys).map { _ in Int(random.next() % 20_000) + 1 }
        for _ in 0..<count {
            // Squaring a uniform draw skews popularity toward low keys.
            let uniform = Double(random.next() % 1_000_000) / 1_000_000
            let key = Int(uniform * uniform * Double(keys))
            let roll = random.next() % 100
            if removals && roll < 4 {
                list.append(.remove(key: UInt64(key)))
            } else {
                if roll == 99 { sizes[key] = Int(random.next() % 60_000) }
                list.append(.request(key: UInt64(key), size: sizes[key]))
            }
        }
    }

    /// The request keys in order: Belady's future.
    var requestKeys: ContiguousArray<UInt64> {
        ContiguousArray(list.compactMap { if case .request(let key, _) = $0 { key } else { nil } })
    }
}
