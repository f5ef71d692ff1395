/// CloudFront distribution ids: `E` and 13 upper-case letters or digits.
enum DistributionID {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

    static func isValid(_ id: String) -> Bool {
        id.count == 14 && id.first == "E" && id.dropFirst().allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
    }

    /// A stable id made from `seed` (the first alias): the same stack file gets the same id, and so the same
    /// `d….cloudfront.net` name in `Via` and the logs, on every run.
    static func generate(from seed: String) -> String {
        // FNV-1a for the seed, then SplitMix64 for as many characters as needed.
        var state: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in seed.utf8 {
            state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        var id = "E"
        for _ in 0..<13 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xbf58_476d_1ce4_e5b9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94d0_49bb_1331_11eb
            mixed ^= mixed >> 31
            id.append(alphabet[Int(mixed % UInt64(alphabet.count))])
        }
        return id
    }
}
