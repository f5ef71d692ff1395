/// The decoded parameters of a request's query string (`a=1&b&c=x%2Fy`), in order.
///
/// A parameter without `=` (S3's sub-resources such as `?location` or `?delete`) has the empty value.
struct QueryParameters: Sendable, Equatable {
    private(set) var pairs: [(name: String, value: String)] = []

    init(_ query: String?) {
        guard let query, !query.isEmpty else { return }
        for part in query.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = part.firstIndex(of: UInt8(ascii: "="))
            let rawName = Substring(part[..<(equals ?? part.endIndex)]).utf8
            let rawValue = equals.map { Substring(part[part.index(after: $0)...]).utf8 } ?? Substring("").utf8
            // An undecodable parameter is kept verbatim rather than dropped, so it still counts as sent.
            let name = ObjectKey.percentDecoded(rawName, plusAsSpace: true) ?? String(Substring(rawName))
            let value = ObjectKey.percentDecoded(rawValue, plusAsSpace: true) ?? String(Substring(rawValue))
            pairs.append((name, value))
        }
    }

    /// The first value of `name`, or nil if it was not sent.
    subscript(name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    func contains(_ name: String) -> Bool {
        pairs.contains { $0.name == name }
    }

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.pairs.elementsEqual(rhs.pairs) { $0.name == $1.name && $0.value == $1.value }
    }
}
