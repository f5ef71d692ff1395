extension CacheKey {
    /// The query string the cache policy kept in the key (empty when none), which invalidation paths must name
    /// (aws-behaviour §1.15). It sits in the key's text right after the path, up to the first control character:
    /// the separators of the header, cookie and encoding parts.
    var queryComponent: Substring {
        let text = description[...]
        guard text.hasPrefix(distributionID) else { return "" }
        var rest = text.dropFirst(distributionID.count)
        if rest.hasPrefix(" OPTIONS ") { rest = rest.dropFirst(" OPTIONS".count) }
        guard rest.hasPrefix(" "), rest.dropFirst().hasPrefix(path) else { return "" }
        rest = rest.dropFirst(1 + path.count)
        guard rest.first == "?" else { return "" }
        rest = rest.dropFirst()
        let end = rest.unicodeScalars.firstIndex { $0.value < 0x20 } ?? rest.endIndex
        return rest[..<end]
    }
}
