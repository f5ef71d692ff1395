import Eviction
import Testing

@testable import Replay

@Suite("Capacity specs")
struct CapacitySpecTests {
    @Test(arguments: [
        ("1%", CapacitySpec.fraction(0.01)), ("0.5%", .fraction(0.005)), ("100MB", .bytes(100_000_000)),
        ("64KiB", .bytes(65_536)), ("1.5 GiB", .bytes(1_610_612_736)), ("2gb", .bytes(2_000_000_000)), ("5000", .count(5_000)),
        ("10_000", .count(10_000)), ("512B", .bytes(512)),
    ])
    func parses(text: String, spec: CapacitySpec) throws {
        #expect(try CapacitySpec(parsing: text) == spec)
    }

    @Test(arguments: ["", "abc", "150%", "-5", "12 parsecs", "%"])
    func rejects(text: String) {
        #expect(throws: ReplayError.self) { _ = try CapacitySpec(parsing: text) }
    }

    @Test func parsesLists() throws {
        #expect(try CapacitySpec.parseList("1%, 10%,100MB") == [.fraction(0.01), .fraction(0.1), .bytes(100_000_000)])
        #expect(throws: ReplayError.self) { _ = try CapacitySpec.parseList(",") }
    }

    @Test func resolvesLikeLibCacheSim() throws {
        // The reference table's sizes: shares of 96,568 objects, rounded down.
        #expect(try CapacitySpec.fraction(0.01).resolve(objects: 96_568, bytes: 0, countsObjects: true) == .objects(965))
        #expect(try CapacitySpec.fraction(0.1).resolve(objects: 96_568, bytes: 0, countsObjects: true) == .objects(9_656))
        #expect(try CapacitySpec.fraction(0.01).resolve(objects: 1, bytes: 2_977_574_529, countsObjects: false) == .bytes(29_775_745))
        #expect(try CapacitySpec.count(500).resolve(objects: 1, bytes: 1, countsObjects: false) == .bytes(500))
        #expect {
            _ = try CapacitySpec.bytes(100).resolve(objects: 1, bytes: 1, countsObjects: true)
        } throws: { error in
            "\(error)".contains("--count-objects")
        }
    }

    @Test func describesItself() {
        #expect(CapacitySpec.fraction(0.1).description == "10%")
        #expect(CapacitySpec.fraction(0.005).description == "0.5%")
        #expect(CapacitySpec.bytes(100_000_000).description == "100 MB")
        #expect(CapacitySpec.bytes(65_536).description == "64 KiB")
    }
}
