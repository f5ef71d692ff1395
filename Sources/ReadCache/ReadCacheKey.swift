/// Cache keys for table items, named as the strategy guide's examples name them: `table:pk` or `table:pk:sk`
/// (aws-behaviour §6).
///
/// `%` and `:` inside a part are percent-escaped (`%25`, `%3A`), so different items never share a key:
/// partition key `a:b` is `t:a%3Ab`, while partition key `a` with sort key `b` is `t:a:b`.
public enum ReadCacheKey {
    /// The key of the item with `partitionKey` (and `sortKey`, for a table that has one) in `table`.
    public static func item(table: String, partitionKey: String, sortKey: String? = nil) -> String {
        var key = escaped(table) + ":" + escaped(partitionKey)
        if let sortKey { key += ":" + escaped(sortKey) }
        return key
    }

    private static func escaped(_ part: String) -> String {
        guard part.utf8.contains(where: { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "%") }) else { return part }
        var escaped = ""
        escaped.reserveCapacity(part.utf8.count + 4)
        for character in part.unicodeScalars {
            switch character {
            case ":": escaped += "%3A"
            case "%": escaped += "%25"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}
