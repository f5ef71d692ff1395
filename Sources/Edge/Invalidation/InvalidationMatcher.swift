/// A batch's paths compiled for one pass over a cache: exact paths in a set, wildcard paths as prefixes.
struct InvalidationMatcher: Sendable {
    let distributionID: String
    private let exact: Set<String>
    private let prefixes: [String]
    /// Whether a file path takes every query-string variant of its object (autoInvalidate's changed files).
    private let ignoresQuery: Bool

    init(distributionID: String, paths: [InvalidationPath], ignoresQuery: Bool = false) {
        self.distributionID = distributionID
        self.ignoresQuery = ignoresQuery
        self.exact = Set(paths.filter { !$0.isWildcard }.map(\.canonical))
        // "/*" swallows every other path; longer prefixes under a shorter one add nothing.
        let wildcards = paths.filter(\.isWildcard).map(\.canonical).sorted { $0.utf8.count < $1.utf8.count }
        var prefixes: [String] = []
        for prefix in wildcards where !prefixes.contains(where: { prefix.utf8.starts(with: $0.utf8) }) {
            prefixes.append(prefix)
        }
        self.prefixes = prefixes
    }

    func matches(_ key: CacheKey) -> Bool {
        guard key.distributionID == distributionID else { return false }
        let text = InvalidationPath.matchText(of: key)
        if prefixes.contains(where: { text.utf8.starts(with: $0.utf8) }) { return true }
        if ignoresQuery, let mark = text.firstIndex(of: "?") { return exact.contains(String(text[..<mark])) }
        return exact.contains(text)
    }
}
