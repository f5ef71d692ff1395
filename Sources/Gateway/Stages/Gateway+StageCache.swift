import NIOHTTP1

/// Stage cache keys and client invalidation (aws-behaviour §3.10).
extension Gateway {
    /// Method, path and the route's cache key parameters (aws-behaviour §3.10); other parameters share the entry.
    static func cacheKey(
        method: String,
        path: String,
        parameters: [String],
        query: [(name: String, value: String)],
        headers: HTTPHeaders
    ) -> String {
        var key = method + " " + path
        for parameter in parameters {
            if parameter.hasPrefix("method.request.querystring.") {
                let name = parameter.dropFirst("method.request.querystring.".count)
                key += "\u{0}q:" + name + "=" + query.filter { $0.name == name }.map(\.value).joined(separator: ",")
            } else if parameter.hasPrefix("method.request.header.") {
                let name = String(parameter.dropFirst("method.request.header.".count))
                key += "\u{0}h:" + name.lowercased() + "=" + headers[name].joined(separator: ",")
            }
        }
        return key
    }

    /// Whether the client sent `Cache-Control: max-age=0`, which refreshes a stage cache entry.
    static func asksForFreshResponse(_ headers: HTTPHeaders) -> Bool {
        headers["cache-control"].contains { value in
            value.split(separator: ",").contains { directive in
                directive.filter { !$0.isWhitespace }.lowercased() == "max-age=0"
            }
        }
    }
}
