/// Turns a textual cache key into the 64-bit key the policies take, the same way everywhere.
///
/// Stable across runs, processes and platforms (64-bit FNV-1a over the UTF-8 bytes, then a SplitMix64
/// finaliser to spread the bits), unlike `Hasher`. The live edge cache and `edgesim replay` must derive keys
/// alike so that a replay of the access log reproduces the live run: W-TinyLFU's frequency sketch depends
/// on the key bits, not just on key equality.
public enum EvictionKey {
    /// The key for `text` (for a CloudFront log line: host + uri-stem, plus `?` + query when there is one).
    public static func hash(_ text: some StringProtocol) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return finalize(hash)
    }

    /// The key for raw UTF-8 bytes; equal to ``hash(_:)`` of the same text.
    public static func hash(bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return finalize(hash)
    }

    private static func finalize(_ value: UInt64) -> UInt64 {
        var mixed = value
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
