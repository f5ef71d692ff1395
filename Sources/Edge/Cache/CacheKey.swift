import Eviction
import NIOHTTP1

/// The cache key of one request (aws-behaviour §1.4): the distribution, the path, the method when it is OPTIONS,
/// and exactly the query strings, headers, cookies and normalised `Accept-Encoding` the cache policy names.
public struct CacheKey: Hashable, Sendable, CustomStringConvertible {
    /// Everything in one string, so a lookup hashes once.
    public let description: String
    /// Kept apart for invalidation, which matches paths and ignores every other key component (§1.15).
    public let path: String
    public let distributionID: String
    /// The distribution's `d…cloudfront.net` name, the `cs(Host)` of its access log lines.
    let domainName: String
    /// Where the path and kept query sit in `description`, as UTF-8 offsets.
    private let urlBytes: Range<Int>

    init(
        distributionID: String,
        domainName: String,
        method: String,
        path: Substring,
        query: Substring?,
        headers: HTTPHeaders,
        policy: CachePolicy,
        encoding: String?
    ) {
        var key = distributionID
        key.reserveCapacity(distributionID.utf8.count + path.utf8.count + 16)
        if method == "OPTIONS" { key += " OPTIONS" }
        key += " "
        let urlStart = key.utf8.count
        key += path
        if let query, !query.isEmpty {
            let kept = Self.select(query: query, policy.queryStrings)
            if !kept.isEmpty {
                key += "?"
                key += kept
            }
        }
        self.urlBytes = urlStart..<key.utf8.count
        self.domainName = domainName
        switch policy.headers {
        case .none: break
        case .whitelist(let names):
            for name in names {
                key += "\u{1}" + name.lowercased() + ":" + headers[name].joined(separator: ",")
            }
        case .allExcept, .all:
            // Cache policies only offer none or whitelist for headers; the validator refuses the rest.
            break
        }
        if policy.cookies != .none {
            let cookies = Self.select(cookies: headers["cookie"], policy.cookies)
            if !cookies.isEmpty { key += "\u{2}" + cookies }
        }
        if let encoding { key += "\u{3}" + encoding }
        self.description = key
        self.path = String(path)
        self.distributionID = distributionID
    }

    /// The key the eviction policy knows the object by: `EvictionKey.hash` of the distribution's domain name, the
    /// path and `?` + the query the key kept, which is how `edgesim replay` keys a CloudFront access log line
    /// (`cs(Host)` + `cs-uri-stem` + `?` + `cs-uri-query`). Every variant of one URL (encodings, headers, cookies,
    /// `Vary`) shares it, so a replay of the live access log sees the objects the live policy saw. Computed on demand:
    /// the cache keeps it with what it stores, so a hit does not hash again.
    public var evictionKey: UInt64 {
        let utf8 = description.utf8
        let url = utf8[utf8.index(utf8.startIndex, offsetBy: urlBytes.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: urlBytes.upperBound)]
        return EvictionKey.hash(bytes: LogKeyBytes(host: domainName, url: url))
    }

    /// The description holds every component, so it alone decides equality; hashing one string keeps a lookup cheap.
    public static func == (lhs: CacheKey, rhs: CacheKey) -> Bool { lhs.description == rhs.description }

    public func hash(into hasher: inout Hasher) { hasher.combine(description) }

    /// Keeps the query's parameters in their order and case (order and case matter, §1.4); `&` is the only delimiter.
    static func select(query: Substring, _ rule: CachePolicy.KeyValues) -> Substring {
        switch rule {
        case .none: return ""
        case .all: return query
        case .whitelist(let names):
            return Substring(query.split(separator: "&").filter { names.contains(String(Self.name(of: $0))) }.joined(separator: "&"))
        case .allExcept(let names):
            return Substring(query.split(separator: "&").filter { !names.contains(String(Self.name(of: $0))) }.joined(separator: "&"))
        }
    }

    static func select(cookies headerValues: [String], _ rule: CachePolicy.KeyValues) -> String {
        let pairs = headerValues.flatMap { $0.split(separator: ";") }.map { $0.trimmingSpaces }.filter { !$0.isEmpty }
        let kept: [Substring]
        switch rule {
        case .none: return ""
        case .all: kept = pairs
        case .whitelist(let names): kept = pairs.filter { names.contains(String(name(of: $0))) }
        case .allExcept(let names): kept = pairs.filter { !names.contains(String(name(of: $0))) }
        }
        return kept.joined(separator: ";")
    }

    private static func name(of parameter: Substring) -> Substring {
        parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? parameter
    }
}

/// `host + url` as one run of UTF-8 bytes, without building the string.
private struct LogKeyBytes: Sequence {
    let host: String
    let url: Substring.UTF8View

    func makeIterator() -> Iterator {
        Iterator(host: host.utf8.makeIterator(), url: url.makeIterator())
    }

    struct Iterator: IteratorProtocol {
        var host: String.UTF8View.Iterator
        var url: Substring.UTF8View.Iterator

        mutating func next() -> UInt8? {
            host.next() ?? url.next()
        }
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var value = self
        while value.first == " " { value = value.dropFirst() }
        while value.last == " " { value = value.dropLast() }
        return value
    }
}
