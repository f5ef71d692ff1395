import NIOHTTP1

/// The request fields a stored response was selected by, and their values in the request that fetched it
/// (RFC 9111 §4.1). A later request is served that response only when its values are the same.
struct VarySelection: Sendable, Equatable {
    /// Lowercased field names.
    let fields: [String]
    /// Each field's lines joined by `, `; nil where the request did not send it.
    let values: [String?]
    /// `Vary: *`: the response matches no later request, so each one goes to the origin (aws-behaviour §1.5).
    let isWildcard: Bool

    static let none = VarySelection(fields: [], values: [], isWildcard: false)

    init(fields: [String], values: [String?], isWildcard: Bool) {
        self.fields = fields
        self.values = values
        self.isWildcard = isWildcard
    }

    /// The selection of `fields` as `request` sent them.
    init(fields: [String], isWildcard: Bool, request: HTTPHeaders) {
        self.fields = fields
        self.values = fields.map { name in
            let lines = request[name]
            return lines.isEmpty ? nil : lines.joined(separator: ", ")
        }
        self.isWildcard = isWildcard
    }

    /// Whether the response may be served for a request with these headers. Compares in place, without building
    /// the joined values, since it runs on every hit of a varying object.
    func matches(_ request: HTTPHeaders) -> Bool {
        if isWildcard { return false }
        for index in fields.indices where !Self.value(of: fields[index], in: request, equals: values[index]) {
            return false
        }
        return true
    }

    /// Whether a newer response with selection `newer` takes this one's place: it answers the same requests, or
    /// the origin now varies on other fields, and the newest `Vary` governs (RFC 9111 §4.1).
    func supersededBy(_ newer: VarySelection) -> Bool {
        fields != newer.fields || isWildcard != newer.isWildcard || values == newer.values
    }

    /// Whether the request's lines of `name`, joined by `, `, equal `expected` (nil: the request has none).
    static func value(of name: String, in request: HTTPHeaders, equals expected: String?) -> Bool {
        var remaining = expected?.utf8[...]
        var seen = false
        for (field, value) in request where equalsIgnoringASCIICase(field, name) {
            guard var rest = remaining else { return false }
            if seen {
                guard rest.starts(with: ", ".utf8) else { return false }
                rest = rest.dropFirst(2)
            }
            guard rest.starts(with: value.utf8) else { return false }
            remaining = rest.dropFirst(value.utf8.count)
            seen = true
        }
        guard let remaining else { return !seen }
        return seen && remaining.isEmpty
    }

    private static func equalsIgnoringASCIICase(_ field: String, _ lowercased: String) -> Bool {
        field.utf8.elementsEqual(lowercased.utf8) { lhs, rhs in
            (lhs >= UInt8(ascii: "A") && lhs <= UInt8(ascii: "Z") ? lhs | 0x20 : lhs) == rhs
        }
    }
}
