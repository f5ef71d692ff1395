import Testing

@testable import Eviction

@Suite("Flat data structures")
struct DataStructureTests {
    @Test func keyIndexAgreesWithADictionary() {
        var index = KeyIndex(minimumCapacity: 4)
        var model: [UInt64: Int32] = [:]
        var random = SplitMix64(seed: 11)
        for step in 0..<50_000 {
            // Few distinct keys, some with equal low bits, force long probe runs and wrap-around.
            let key = (random.next() % 3_000) << (step % 2 == 0 ? 0 : 40)
            if model[key] != nil, random.next() % 2 == 0 {
                index.remove(key)
                model[key] = nil
            } else if model[key] == nil {
                index.insert(key, node: Int32(step))
                model[key] = Int32(step)
            }
            #expect(index.count == model.count)
        }
        for (key, node) in model {
            #expect(index.find(key) == node)
        }
        for key in UInt64(0)..<3_000 where model[key] == nil {
            #expect(index.find(key) == -1)
        }
    }

    @Test func sketchCountsAndAges() {
        var sketch = FrequencySketch(expectedEntries: 1_024)
        for _ in 0..<5 { sketch.record(42) }
        #expect(sketch.frequency(42) == 5)
        #expect(sketch.frequency(7) == 0)
        for _ in 0..<20 { sketch.record(42) }
        #expect(sketch.frequency(42) == 15)
        // 1,024 counters a row: after 10,240 increments every counter halves, so 42's estimate drops to 7
        // (plus what the few keys after the reset add to its counters).
        for key in UInt64(1_000)..<11_500 { sketch.record(key) }
        #expect((7...8).contains(sketch.frequency(42)))
    }

    @Test func sketchGrowsWithTheCache() {
        var sketch = FrequencySketch(expectedEntries: 16)
        sketch.ensureCapacity(5_000)
        #expect(sketch.width == 8_192)
    }
}
