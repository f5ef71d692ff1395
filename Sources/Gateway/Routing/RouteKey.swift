/// A parsed route key: `GET /shows/{id}`, `ANY /{proxy+}` or `$default` (aws-behaviour §3.2).
struct RouteKey: Hashable, Sendable {
    enum Method: Hashable, Sendable {
        case any
        case named(String)
    }

    enum Segment: Hashable, Sendable {
        case literal(String)
        case parameter(String)
        /// `{proxy+}`: one or more segments; only last.
        case greedy(String)
    }

    /// nil for `$default`.
    let method: Method?
    let segments: [Segment]

    static let defaultRoute = RouteKey(method: nil, segments: [])

    var isDefault: Bool { method == nil }

    var isGreedy: Bool {
        if case .greedy = segments.last { return true }
        return false
    }

    /// The resource path as AWS writes it: `/shows/{id}`.
    var resourcePath: String {
        guard !segments.isEmpty else { return isDefault ? "$default" : "/" }
        var path = ""
        for segment in segments {
            switch segment {
            case .literal(let text): path += "/" + text
            case .parameter(let name): path += "/{" + name + "}"
            case .greedy(let name): path += "/{" + name + "+}"
            }
        }
        return path
    }

    var parameterNames: [String] {
        segments.compactMap {
            switch $0 {
            case .literal: nil
            case .parameter(let name), .greedy(let name): name
            }
        }
    }

    static let methods: Set<String> = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"]

    /// Parses a route key; the error says what is wrong with it.
    static func parse(_ text: String) -> Result<RouteKey, RouteKeyProblem> {
        if text == "$default" { return .success(.defaultRoute) }
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2 else { return .failure(.shape) }
        let methodName = parts[0].uppercased()
        guard methods.contains(methodName) else { return .failure(.method(String(parts[0]))) }
        let path = parts[1]
        guard path.first == "/" else { return .failure(.relativePath) }
        var segments: [Segment] = []
        let pieces = path.split(separator: "/", omittingEmptySubsequences: true)
        for (index, piece) in pieces.enumerated() {
            if piece.first == "{" && piece.last == "}" {
                var name = piece.dropFirst().dropLast()
                let greedy = name.last == "+"
                if greedy { name = name.dropLast() }
                guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                    return .failure(.parameterName(String(piece)))
                }
                if greedy {
                    guard index == pieces.count - 1 else { return .failure(.greedyNotLast) }
                    segments.append(.greedy(String(name)))
                } else {
                    segments.append(.parameter(String(name)))
                }
            } else if piece.contains("{") || piece.contains("}") {
                return .failure(.parameterName(String(piece)))
            } else {
                segments.append(.literal(String(piece)))
            }
        }
        if Set(segments.compactMap(\.parameterName)).count != segments.compactMap(\.parameterName).count {
            return .failure(.duplicateParameter)
        }
        return .success(RouteKey(method: methodName == "ANY" ? .any : .named(methodName), segments: segments))
    }
}

extension RouteKey.Segment {
    var parameterName: String? {
        switch self {
        case .literal: nil
        case .parameter(let name), .greedy(let name): name
        }
    }
}

/// Why a route key does not parse.
enum RouteKeyProblem: Error, Equatable {
    case shape
    case method(String)
    case relativePath
    case parameterName(String)
    case greedyNotLast
    case duplicateParameter

    var message: String {
        switch self {
        case .shape: "a route key is `METHOD /path` or `$default`"
        case .method(let method): "`\(method)` is not a method; use GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY"
        case .relativePath: "the path must start with `/`"
        case .parameterName(let piece): "`\(piece)` is not a path parameter; write `{name}` or a greedy `{name+}` as a whole segment"
        case .greedyNotLast: "a greedy path variable (`{proxy+}`) must be the last segment"
        case .duplicateParameter: "a path parameter name appears twice"
        }
    }
}
