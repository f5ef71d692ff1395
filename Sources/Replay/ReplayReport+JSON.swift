import Foundation

extension ReplayReport {
    /// The report as pretty-printed JSON with sorted keys, field names as hitrate.md §6 has them.
    /// Ratios whose denominator is zero are left out. Timings are not included, so equal runs give equal files.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
