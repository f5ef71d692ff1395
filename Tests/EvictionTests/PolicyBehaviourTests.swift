import Testing

@testable import Eviction

/// Small hand-worked sequences showing what distinguishes each policy.
@Suite("Policy behaviour")
struct PolicyBehaviourTests {
    /// Requests `keys` (size 1) and returns which were hits.
    private func hits(_ policy: inout some EvictionPolicy, _ keys: [UInt64]) -> [Bool] {
        keys.map { policy.access($0, size: 1) }
    }

    private func resident(_ policy: some EvictionPolicy, among keys: ClosedRange<UInt64>) -> [UInt64] {
        keys.filter { policy.contains($0) }
    }

    @Test func lruEvictsTheLeastRecentlyUsed() {
        var policy = LRUPolicy(capacity: .objects(2))
        let outcome = hits(&policy, [1, 2, 1, 3])
        #expect(outcome == [false, false, true, false])
        #expect(resident(policy, among: 1...3) == [1, 3])
    }

    @Test func fifoIgnoresHits() {
        var policy = FIFOPolicy(capacity: .objects(2))
        let outcome = hits(&policy, [1, 2, 1, 3])
        #expect(outcome == [false, false, true, false])
        #expect(resident(policy, among: 1...3) == [2, 3])
    }

    @Test func clockGivesReferencedObjectsASecondChance() {
        var policy = ClockPolicy(capacity: .objects(2))
        _ = hits(&policy, [1, 2, 1, 3])
        #expect(resident(policy, among: 1...3) == [1, 3])
        // 1 was reinserted at the head with its bit cleared, so 2 goes next, then 1 (unreferenced) before 3.
        _ = hits(&policy, [4])
        #expect(resident(policy, among: 1...4) == [3, 4])
    }

    @Test func twoBitClockKeepsFrequentObjectsLonger() {
        var policy = ClockPolicy(capacity: .objects(2), counterBits: 2)
        _ = hits(&policy, [1, 1, 1, 2, 3, 4])
        #expect(policy.contains(1))
    }

    @Test func sieveKeepsVisitedObjectsInPlaceAndMovesTheHand() {
        var policy = SievePolicy(capacity: .objects(3))
        _ = hits(&policy, [1, 2, 3, 1, 4])
        // The hand starts at the tail (1, visited: cleared), moves to 2 and evicts it.
        #expect(resident(policy, among: 1...4) == [1, 3, 4])
        // The hand rests at 3, newer than 2: 3 goes next although 1 is older, since 1 does not move.
        _ = hits(&policy, [5])
        #expect(resident(policy, among: 1...5) == [1, 4, 5])
    }

    @Test func s3fifoSendsOneHitWondersToTheGhostAndGhostHitsToMain() {
        // 10 objects: S holds 1, M 9, G 9.
        var policy = S3FIFOPolicy(capacity: .objects(10))
        _ = hits(&policy, Array(1...10))
        // All ten entered S; filling the cache pushed the early unhit ones out of S to G (and M, when S overflowed).
        _ = hits(&policy, [11])
        #expect(!policy.contains(1))
        // 1 is a ghost: requesting it again is a miss that admits it straight into M ...
        let ghostHit = hits(&policy, [1])
        #expect(ghostHit == [false])
        // ... where it survives a burst of new objects that flows through S.
        _ = hits(&policy, Array(20...40))
        #expect(policy.contains(1))
    }

    @Test func s3fifoMovesObjectsHitInTheSmallQueueToMain() {
        var paper = S3FIFOPolicy(capacity: .objects(10))
        var libCacheSim = S3FIFOPolicy(capacity: .objects(10), configuration: .libCacheSim)
        // 100 is hit once while in S: enough for threshold 1, not for threshold 2.
        _ = hits(&paper, [100, 100] + Array(1...30))
        _ = hits(&libCacheSim, [100, 100] + Array(1...30))
        #expect(paper.contains(100))
        #expect(!libCacheSim.contains(100))
    }

    @Test func s3fifoLargeObjectRule() {
        var cdn = S3FIFOPolicy(capacity: .bytes(1_000))
        var libCacheSim = S3FIFOPolicy(capacity: .bytes(1_000), configuration: .libCacheSim)
        // 500 bytes is more than S's 100 bytes but fits the cache.
        let cdnAdmission = cdn.admit(1, size: 500)
        #expect(cdnAdmission == .admitted)
        let libCacheSimAdmission = libCacheSim.admit(1, size: 500)
        #expect(libCacheSimAdmission == .rejectedByPolicy)
        let oversizeAdmission = cdn.admit(2, size: 1_001)
        #expect(oversizeAdmission == .rejectedTooLarge)
    }

    @Test func arcAdaptsItsTargetOnGhostHits() {
        var policy = ARCPolicy(capacity: .objects(4))
        // 1 moves to T2; when 5 arrives the full cache demotes T1's LRU (2) to the ghost list B1.
        _ = hits(&policy, [1, 2, 1, 3, 4, 5])
        #expect(!policy.contains(2))
        #expect(policy.target == 0)
        // A B1 ghost hit raises T1's target by max(|B2|/|B1|, 1) = 1 and admits 2 into T2; T1's LRU (3) goes.
        let ghostHit = hits(&policy, [2])
        #expect(ghostHit == [false])
        #expect(policy.target == 1)
        #expect(resident(policy, among: 1...5) == [1, 2, 4, 5])
    }

    @Test func arcKeepsFrequentObjectsThroughAScan() {
        var arc = ARCPolicy(capacity: .objects(4))
        var lru = LRUPolicy(capacity: .objects(4))
        let warm: [UInt64] = [1, 2, 1, 2]
        let scan = Array(UInt64(10)...20)
        _ = hits(&arc, warm + scan)
        _ = hits(&lru, warm + scan)
        #expect(arc.contains(1) && arc.contains(2))
        #expect(!lru.contains(1) && !lru.contains(2))
    }

    @Test func lfuEvictsTheLeastFrequentFirstInFirstOut() {
        var policy = LFUPolicy(capacity: .objects(3))
        _ = hits(&policy, [1, 1, 2, 2, 3, 4])
        // 3 and 4 both have count 1; 3 reached it first.
        #expect(resident(policy, among: 1...4) == [1, 2, 4])
        _ = policy.remove(1)
        let readmission = policy.admit(1, size: 1)
        #expect(readmission == .admitted)
        _ = hits(&policy, [5])
        // Re-admitted, 1 restarted at count 1, after 4 reached it: 4 goes first.
        #expect(resident(policy, among: 1...5) == [1, 2, 5])
    }

    @Test func wTinyLFUFiltersAScanOutOfTheMainRegion() {
        var policy = WTinyLFUPolicy(capacity: .objects(100))
        let popular = Array(UInt64(1)...50)
        for _ in 0..<5 { _ = hits(&policy, popular) }
        _ = hits(&policy, Array(UInt64(1_000)...3_000))
        #expect(popular.filter { policy.contains($0) }.count >= 45)
    }

    @Test func beladyEvictsTheObjectNeededFurthestInTheFuture() {
        let future: ContiguousArray<UInt64> = [1, 2, 3, 1, 2, 4, 1, 2, 3]
        var policy = BeladyPolicy(capacity: .objects(2), future: future)
        let outcome = future.map { policy.access($0, size: 1) }
        // On 3 it evicts 2 (needed after 1), so 1 hits. Every miss is admitted (demand paging, as libCacheSim):
        // 4, never needed again, still displaces 2 (needed later than 1).
        #expect(outcome == [false, false, false, true, false, false, true, false, false])
    }

    @Test func beladyTreatsAnUnexpectedKeyAsNeverNeededAgain() {
        var policy = BeladyPolicy(capacity: .objects(1), future: [1, 1])
        let strangerHit = policy.access(7, size: 1)
        #expect(!strangerHit)
        #expect(policy.contains(7))
        let expectedHit = policy.access(1, size: 1)
        #expect(!expectedHit)
        #expect(policy.contains(1))
    }

    @Test(arguments: EvictionPolicyKind.allCases)
    func objectsLargerThanTheCapacityAreNotAdmitted(kind: EvictionPolicyKind) {
        var policy = kind.makePolicy(capacity: .bytes(1_000), future: [1, 2, 3])
        let fittingHit = policy.access(1, size: 600)
        #expect(fittingHit == false)
        let oversizeHit = policy.access(2, size: 1_001)
        #expect(oversizeHit == false)
        #expect(!policy.contains(2))
        #expect(policy.contains(1))
        var evicted: [UInt64] = []
        let admission = policy.admit(3, size: 5_000) { evicted.append($0) }
        #expect(admission == .rejectedTooLarge)
        #expect(evicted.isEmpty)
    }

    @Test(arguments: EvictionPolicyKind.allCases)
    func zeroCapacityStoresNothing(kind: EvictionPolicyKind) {
        var policy = kind.makePolicy(capacity: .objects(0), future: [1, 1])
        let firstHit = policy.access(1, size: 1)
        #expect(!firstHit)
        let secondHit = policy.access(1, size: 1)
        #expect(!secondHit)
        #expect(policy.isEmpty)
    }

    @Test(arguments: EvictionPolicyKind.allCases)
    func admittingAResidentKeyReplacesItsSize(kind: EvictionPolicyKind) {
        var policy = kind.makePolicy(capacity: .bytes(10_000), future: [1, 1])
        _ = policy.access(1, size: 100)
        let replacement = policy.admit(1, size: 300)
        #expect(replacement == .admitted)
        #expect(policy.usedBytes == 300)
        #expect(policy.count == 1)
    }

    @Test func objectModeCountsEveryObjectAsOne() {
        var policy = LRUPolicy(capacity: .objects(2))
        _ = hits(&policy, [1])
        let admission = policy.admit(2, size: 1_000_000)
        #expect(admission == .admitted)
        #expect(policy.usedCapacity == 2)
        #expect(policy.usedBytes == 1_000_001)
    }
}
