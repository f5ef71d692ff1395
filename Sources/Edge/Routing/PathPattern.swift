/// A cache behaviour's path pattern (aws-behaviour §1.3): `*` matches any run of characters including `/`,
/// `?` exactly one, matching is case-sensitive, and a leading `/` makes no difference.
public struct PathPattern: Sendable, Equatable, CustomStringConvertible {
    public static let `default` = PathPattern(validated: "*")
    /// CloudFront's limit on a pattern's length.
    public static let maximumLength = 255

    public let description: String
    /// The pattern's bytes with any leading `/` removed, compared against the path's bytes likewise.
    private let bytes: [UInt8]

    private init(validated pattern: String) {
        self.description = pattern
        self.bytes = Array(pattern.utf8.drop { $0 == UInt8(ascii: "/") })
    }

    /// Characters CloudFront accepts in a path pattern (`&` arrives as `&amp;`).
    static let allowedCharacters = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.*$/~\"'@:+&;?")

    public struct Invalid: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    public init(_ pattern: String) throws(Invalid) {
        guard !pattern.isEmpty else { throw Invalid(description: "a path pattern cannot be empty; use \"*\" for everything") }
        guard pattern.count <= Self.maximumLength else {
            throw Invalid(description: "a path pattern is at most \(Self.maximumLength) characters; this one has \(pattern.count)")
        }
        if let bad = pattern.first(where: { !Self.allowedCharacters.contains($0) }) {
            throw Invalid(description: "'\(bad)' is not allowed in a path pattern (allowed: A-Z a-z 0-9 _ - . * $ / ~ \" ' @ : + &)")
        }
        self.init(validated: pattern)
    }

    /// Glob match with backtracking to the last `*`; linear in practice and allocation-free.
    public func matches(_ path: Substring) -> Bool {
        var text = path.utf8[...]
        while text.first == UInt8(ascii: "/") { text = text.dropFirst() }
        return bytes.withUnsafeBufferPointer { pattern in
            var p = 0
            var t = text.startIndex
            var starP = -1
            var starT = text.startIndex
            while t < text.endIndex {
                if p < pattern.count, pattern[p] == UInt8(ascii: "?") || pattern[p] == text[t] {
                    p += 1
                    t = text.index(after: t)
                } else if p < pattern.count, pattern[p] == UInt8(ascii: "*") {
                    starP = p
                    starT = t
                    p += 1
                } else if starP >= 0 {
                    p = starP + 1
                    starT = text.index(after: starT)
                    t = starT
                } else {
                    return false
                }
            }
            while p < pattern.count, pattern[p] == UInt8(ascii: "*") { p += 1 }
            return p == pattern.count
        }
    }
}
