/// Gives string object ids (CSV ids that are not numbers, CloudFront cache keys) dense 64-bit keys.
/// Interning keeps keys exact: two strings share a key only if they are equal.
struct KeyInterner {
    private var keys: [String: UInt64] = [:]
    /// Added to every interned number, so interned keys stay apart from numeric ids in the same file.
    private let base: UInt64

    init(base: UInt64) {
        self.base = base
    }

    mutating func key(for name: String) -> UInt64 {
        if let known = keys[name] { return known }
        let key = base &+ UInt64(keys.count)
        keys[name] = key
        return key
    }
}
