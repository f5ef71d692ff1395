import NIOHTTP1

/// The cache key of one request (aws-behaviour §1.4): the distribution, the path, the method when it is OPTIONS,
/// and exactly the query strings, headers, cookies and normalised `Accept-Encoding` the cache policy names.
public struct CacheKey: Hashable, Sendable, CustomStringConvertible {
    /// Everything in one string, so a lookup hashes once.
    public let description: String
    /// Kept apart for invalidation, which matches paths and ignores every other key component (§1.15).
    public let path: String
    public let distributionID: String

    init(distributionID: String, method: String, path: Substring, query: Substring?, headers: HTTPHeaders, policy: CachePolicy, encoding: String?) {
        var key = distributionID
        key.reserveCapacity(distributionID.utf8.count + path.utf8.count + 16)
        if method == "OPTIONS" { key += " OPTIONS" }
        key += " "
        key += path
        if let query, !query.isEmpty {
            let kept = Self.select(query: query, policy.queryStrings)
            if !kept.isEmpty {
                key += "?"
                key += kept
            }
        }
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

extension Substring {
    var trimmingSpaces: Substring {
        var value = self
        while value.first == " " { value = value.dropFirst() }
        while value.last == " " { value = value.dropLast() }
        return value
    }
}
