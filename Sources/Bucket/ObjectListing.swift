/// The parameters of ListObjects (v1) and ListObjectsV2 (aws-behaviour §2.8), parsed and checked.
struct ListObjectsRequest: Sendable, Equatable {
    enum Version: Sendable { case v1, v2 }

    var version: Version
    var bucket: String
    var prefix = ""
    /// Empty when no delimiter was sent.
    var delimiter = ""
    /// The `max-keys` sent (default 1,000); a page never holds more than 1,000 entries whatever was asked.
    var maxKeys = 1000
    /// v1 `marker`.
    var marker: String?
    /// v2 `continuation-token`, as sent.
    var continuationToken: String?
    /// v2 `start-after`.
    var startAfter: String?
    var encodeAsURL = false
    /// v2 `fetch-owner`; v1 always lists owners.
    var fetchOwner = false

    init(version: Version, bucket: String) {
        self.version = version
        self.bucket = bucket
    }

    /// Reads the query parameters; S3's 400 errors for a bad `max-keys`, `encoding-type` or continuation token.
    init(version: Version, bucket: String, query: QueryParameters) throws(S3Error) {
        self.init(version: version, bucket: bucket)
        prefix = query["prefix"] ?? ""
        delimiter = query["delimiter"] ?? ""
        if let text = query["max-keys"] {
            guard let value = Int(text), value >= 0 else {
                throw .invalidArgument("Provided max-keys not an integer or within integer range", name: "max-keys", value: text)
            }
            maxKeys = value
        }
        if let encoding = query["encoding-type"] {
            guard encoding == "url" else {
                throw .invalidArgument("Invalid Encoding Method specified in Request", name: "encoding-type", value: encoding)
            }
            encodeAsURL = true
        }
        switch version {
        case .v1:
            marker = query["marker"]
            fetchOwner = true
        case .v2:
            startAfter = query["start-after"]
            fetchOwner = query["fetch-owner"] == "true"
            if let token = query["continuation-token"] {
                guard Self.decodeToken(token) != nil else {
                    throw .invalidArgument("The continuation token provided is incorrect", name: "continuation-token", value: token)
                }
                continuationToken = token
            }
        }
    }

    /// The key (or rolled-up prefix) the page starts after.
    var after: String? {
        switch version {
        case .v1: return marker
        case .v2:
            if let continuationToken { return Self.decodeToken(continuationToken) }
            return startAfter
        }
    }

    /// Continuation tokens are opaque to clients; this one carries the last key or prefix of the previous page.
    static func encodeToken(_ last: String) -> String { Base64.encode(Array(last.utf8)) }

    static func decodeToken(_ token: String) -> String? {
        guard let bytes = Base64.decode(token), !bytes.isEmpty else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }
}

/// One page of a listing: the objects and rolled-up prefixes S3 would return.
struct ListingPage: Sendable, Equatable {
    var contents: [ScannedFile] = []
    var commonPrefixes: [String] = []
    var isTruncated = false
    /// The last key or prefix on the page, where the next page starts after.
    var last: String?

    /// `KeyCount`: objects and prefixes together.
    var keyCount: Int { contents.count + commonPrefixes.count }
}

enum ObjectListing {
    /// S3 returns at most this many entries a page, whatever `max-keys` asks for.
    static let pageLimit = 1000

    /// Pages `files` (sorted in UTF-8 binary order, all starting with `prefix`) as S3 does.
    ///
    /// With a delimiter, keys that contain it after the prefix roll up into one common prefix each (up to and
    /// including the delimiter), which counts once toward `maxKeys`. A page starts after `after`; a common prefix is
    /// listed only if it sorts after `after`, so continuing from a rolled-up prefix skips all of its keys.
    static func page(_ files: [ScannedFile], prefix: String, delimiter: String, after: String?, maxKeys: Int) -> ListingPage {
        var page = ListingPage()
        let limit = min(maxKeys, pageLimit)
        var lastPrefix: Substring?
        for file in files {
            let key = file.key.rawValue
            if let after, !after.utf8.lexicographicallyPrecedes(key.utf8) { continue }
            if let commonPrefix = rolledUpPrefix(of: key, prefix: prefix, delimiter: delimiter) {
                if let lastPrefix, lastPrefix == commonPrefix { continue }
                if let after, !after.utf8.lexicographicallyPrecedes(commonPrefix.utf8) { continue }
                guard page.keyCount < limit else {
                    page.isTruncated = limit > 0
                    break
                }
                lastPrefix = commonPrefix
                page.commonPrefixes.append(String(commonPrefix))
                page.last = String(commonPrefix)
            } else {
                guard page.keyCount < limit else {
                    page.isTruncated = limit > 0
                    break
                }
                page.contents.append(file)
                page.last = key
            }
        }
        return page
    }

    /// The key's common prefix: up to and including the first delimiter after `prefix`, or nil.
    static func rolledUpPrefix(of key: String, prefix: String, delimiter: String) -> Substring? {
        guard !delimiter.isEmpty else { return nil }
        let utf8 = key.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: prefix.utf8.count)
        let delimiterBytes = Array(delimiter.utf8)
        var index = start
        while index != utf8.endIndex {
            if utf8[index...].starts(with: delimiterBytes) {
                let end = utf8.index(index, offsetBy: delimiterBytes.count)
                return key[..<end]
            }
            index = utf8.index(after: index)
        }
        return nil
    }

    /// S3's `encoding-type=url`: unreserved characters and `/` kept, space as `+`, everything else `%XX`.
    static func urlEncoded(_ text: some StringProtocol) -> String {
        var encoded: [UInt8] = []
        encoded.reserveCapacity(text.utf8.count)
        let digits = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"), UInt8(ascii: "/"):
                encoded.append(byte)
            case UInt8(ascii: " "):
                encoded.append(UInt8(ascii: "+"))
            default:
                encoded.append(UInt8(ascii: "%"))
                encoded.append(digits[Int(byte >> 4)])
                encoded.append(digits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }
}
