/// An S3 object key that a folder bucket can store: a relative path under the bucket's folder.
///
/// S3 keys are any UTF-8 string up to 1,024 bytes. A folder bucket maps each key to one file, so it only admits keys
/// whose `/`-separated segments are plain file names: no empty segment (`a//b`), no `.` or `..`, no backslash and
/// no NUL, at most 255 bytes a segment. A request for any other key is answered as S3 answers a key that does not
/// exist, which is also what keeps every request inside the folder.
public struct ObjectKey: Hashable, Sendable, CustomStringConvertible {
    /// The key as S3 spells it, for example `assets/index-4f2a.js`.
    public let rawValue: String

    /// The prefix of the temporary files that uploads write before renaming them into place; such names are never keys.
    static let uploadFilePrefix = ".edgesim-upload-"

    /// Validates `rawValue` as a key that names a file in the folder (a trailing `/` names a folder).
    public init?(_ rawValue: String) {
        guard Self.isStorable(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// The key that a request path names: one leading `/` dropped, then percent-decoded exactly once.
    ///
    /// `path` is the path of the request target as received (still percent-encoded), without the query.
    /// Returns nil for the empty key (the bucket itself) and for anything ``init(_:)`` refuses.
    public init?(requestPath path: some StringProtocol) {
        guard let decoded = Self.decodedPath(path) else { return nil }
        self.init(decoded)
    }

    public var description: String { rawValue }

    /// True for keys that end in `/`: S3's "folder" placeholder objects, which a folder bucket keeps as directories.
    public var isFolder: Bool { rawValue.utf8.last == UInt8(ascii: "/") }

    /// The key's extension-bearing last segment, for content-type lookup.
    var lastSegment: Substring {
        guard let slash = rawValue.lastIndex(of: "/") else { return rawValue[...] }
        return rawValue[rawValue.index(after: slash)...]
    }

    /// A request path with its leading `/` removed and its percent escapes decoded once, or nil when an escape is
    /// malformed or the bytes are not UTF-8. The result may be empty or end in `/` (website index lookups need both).
    public static func decodedPath(_ path: some StringProtocol) -> String? {
        var utf8 = Substring(path).utf8[...]
        if utf8.first == UInt8(ascii: "/") { utf8 = utf8.dropFirst() }
        return percentDecoded(utf8)
    }

    /// Percent-decodes `bytes` once (`+` stays `+`, as in a URL path); nil for a malformed escape or invalid UTF-8.
    static func percentDecoded(_ bytes: Substring.UTF8View, plusAsSpace: Bool = false) -> String? {
        guard bytes.contains(UInt8(ascii: "%")) || (plusAsSpace && bytes.contains(UInt8(ascii: "+"))) else {
            return String(Substring(bytes))
        }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                let high = bytes.index(after: index)
                guard high != bytes.endIndex else { return nil }
                let low = bytes.index(after: high)
                guard low != bytes.endIndex, let h = hexValue(bytes[high]), let l = hexValue(bytes[low]) else { return nil }
                decoded.append(h << 4 | l)
                index = bytes.index(after: low)
            } else {
                decoded.append(plusAsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index = bytes.index(after: index)
            }
        }
        return String(validating: decoded, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// S3's limit on a key's length in UTF-8 bytes.
    static let maximumLength = 1024
    /// The longest file name most file systems accept (NAME_MAX).
    static let maximumSegmentLength = 255

    private static func isStorable(_ key: String) -> Bool {
        let utf8 = key.utf8
        guard !utf8.isEmpty, utf8.count <= maximumLength else { return false }
        var segmentStart = utf8.startIndex
        var index = utf8.startIndex
        while true {
            let atEnd = index == utf8.endIndex
            if atEnd || utf8[index] == UInt8(ascii: "/") {
                let segment = utf8[segmentStart..<index]
                // A trailing "/" leaves one empty final segment: the folder form of a key.
                let isTrailingSlash = atEnd && segment.isEmpty && segmentStart != utf8.startIndex
                if !isTrailingSlash && !isStorableSegment(segment) { return false }
                if atEnd { return true }
                segmentStart = utf8.index(after: index)
            } else if utf8[index] == 0 || utf8[index] == UInt8(ascii: "\\") {
                return false
            }
            index = utf8.index(after: index)
        }
    }

    private static func isStorableSegment(_ segment: Substring.UTF8View.SubSequence) -> Bool {
        guard !segment.isEmpty, segment.count <= maximumSegmentLength else { return false }
        if segment.elementsEqual(".".utf8) || segment.elementsEqual("..".utf8) { return false }
        return !segment.starts(with: uploadFilePrefix.utf8)
    }
}
