/// A parsed JSON document. Numbers keep their source text, so no precision is lost before DynamoDB's
/// own rules decide what a number means.
enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The member `name` of an object; `nil` when absent, `null`, or when this is not an object.
    subscript(name: String) -> JSONValue? {
        guard case .object(let members) = self, let value = members[name], value != .null else { return nil }
        return value
    }

    /// The members of an object, `nil` otherwise.
    var objectMembers: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }
}

/// A body that is not JSON.
struct JSONSyntaxError: Error, Equatable {
    var offset: Int
}
