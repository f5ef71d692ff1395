/// One path of an invalidation batch (aws-behaviour §1.15), checked and ready to match cache keys.
///
/// A path starts with `/`, is at most 4,000 characters, and may end with one `*` that stands for any run of
/// characters (`/` and `?` included); a `*` anywhere else is refused. Matching is case-sensitive. A path without
/// `*` names one object: the part before `?` is compared with the key's path, and the part after it with the query
/// string the cache policy kept in the key (none when the path has no `?`). Header, cookie and encoding variants
/// of a matching key always go too: invalidation ignores them.
///
/// Both sides are compared in one URL-encoded form: non-ASCII bytes and RFC 1738's unsafe characters are
/// percent-encoded and existing escapes get upper-case hex digits, so `/café.html`, `/caf%C3%A9.html` and
/// `/caf%c3%a9.html` are one path. Other characters are not decoded: as CloudFront's documentation warns,
/// `/%61.html` does not invalidate `/a.html`.
public struct InvalidationPath: Sendable, Hashable, CustomStringConvertible {
    /// CloudFront's limit on one path's length.
    public static let maximumLength = 4_000

    /// As the caller wrote it; the API echoes it unchanged.
    public let description: String
    public let isWildcard: Bool
    /// The encoded form, without the trailing `*` (and without a `?` that has no query after it).
    let canonical: String

    /// Nil when CloudFront would refuse the path.
    public init?(_ path: String) {
        guard path.utf8.first == UInt8(ascii: "/"), path.count <= Self.maximumLength else { return nil }
        let stars = path.utf8.lazy.filter { $0 == UInt8(ascii: "*") }.count
        guard stars == 0 || (stars == 1 && path.utf8.last == UInt8(ascii: "*")) else { return nil }
        guard !path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return nil }
        self.description = path
        self.isWildcard = stars == 1
        var canonical = Self.encoded(isWildcard ? path.utf8.dropLast() : path.utf8[...])
        if !isWildcard, canonical.hasSuffix("?") { canonical.removeLast() }
        self.canonical = canonical
    }

    /// Whether a cached object with this key goes when the path is invalidated (the distribution is the caller's check).
    public func matches(_ key: CacheKey) -> Bool {
        let text = Self.matchText(of: key)
        return isWildcard ? text.utf8.starts(with: canonical.utf8) : text == canonical
    }

    /// What paths are compared with: the key's path and kept query string, `?`-joined, in the encoded form.
    static func matchText(of key: CacheKey) -> String {
        let query = key.queryComponent
        let path = encoded(key.path.utf8[...])
        return query.isEmpty ? path : path + "?" + encoded(query.utf8)
    }

    /// The one URL-encoded form both sides are compared in.
    static func encoded(_ bytes: Substring.UTF8View) -> String {
        guard bytes.contains(where: { $0 >= 0x80 || unsafe.contains($0) || $0 == UInt8(ascii: "%") }) else { return String(Substring(bytes)) }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 8)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"),
                let first = bytes.index(index, offsetBy: 1, limitedBy: bytes.endIndex), first < bytes.endIndex,
                let second = bytes.index(first, offsetBy: 1, limitedBy: bytes.endIndex), second < bytes.endIndex,
                let high = hexValue(bytes[first]), let low = hexValue(bytes[second])
            {
                result.append(contentsOf: [UInt8(ascii: "%"), hexDigits[Int(high)], hexDigits[Int(low)]])
                index = bytes.index(after: second)
                continue
            }
            if byte >= 0x80 || unsafe.contains(byte) || byte == UInt8(ascii: "%") {
                result.append(contentsOf: [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]])
            } else {
                result.append(byte)
            }
            index = bytes.index(after: index)
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// RFC 1738 §2.2's unsafe characters, `%` aside (it starts the escapes themselves).
    private static let unsafe: Set<UInt8> = Set(" <>\"#{}|\\^~[]`".utf8)
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
