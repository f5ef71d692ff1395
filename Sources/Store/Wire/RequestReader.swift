/// Reads the members of a request body the way DynamoDB's front end does: a member of the wrong JSON
/// type is a `SerializationException` at once; constraint violations (`Member must not be null`, ...)
/// are collected and reported together as one `ValidationException` by ``finish()``.
struct RequestReader {
    let members: [String: JSONValue]
    /// The member path prefix used in constraint messages, e.g. `transactItems.1.member.put`.
    let path: String
    private(set) var violations: [String] = []

    init(_ json: JSONValue, path: String = "") throws(DynamoDBError) {
        self.members = try JSONShape.object(json).filter { $0.value != .null }
        self.path = path
    }

    init(members: [String: JSONValue], path: String = "") {
        self.members = members.filter { $0.value != .null }
        self.path = path
    }

    func has(_ name: String) -> Bool { members[name] != nil }

    private func location(_ name: String) -> String {
        let lowered = name.prefix(1).lowercased() + name.dropFirst()
        return path.isEmpty ? lowered : "\(path).\(lowered)"
    }

    mutating func violation(_ name: String, value: String?, _ constraint: String) {
        let shown = value.map { "'\($0)'" } ?? "null"
        violations.append("Value \(shown) at '\(location(name))' failed to satisfy constraint: \(constraint)")
    }

    mutating func merge(_ other: RequestReader) {
        violations += other.violations
    }

    /// Throws the collected violations, as DynamoDB reports them (at most ten).
    func finish() throws(DynamoDBError) {
        guard !violations.isEmpty else { return }
        let shown = violations.prefix(10)
        let plural = shown.count == 1 ? "" : "s"
        throw .validation("\(shown.count) validation error\(plural) detected: \(shown.joined(separator: "; "))")
    }

    func string(_ name: String) throws(DynamoDBError) -> String? {
        try members[name].map { json throws(DynamoDBError) in try JSONShape.string(json) }
    }

    func bool(_ name: String) throws(DynamoDBError) -> Bool? {
        try members[name].map { json throws(DynamoDBError) in try JSONShape.bool(json) }
    }

    func integer(_ name: String) throws(DynamoDBError) -> Int? {
        try members[name].map { json throws(DynamoDBError) in try JSONShape.integer(json) }
    }

    func object(_ name: String) throws(DynamoDBError) -> [String: JSONValue]? {
        try members[name].map { json throws(DynamoDBError) in try JSONShape.object(json) }
    }

    func array(_ name: String) throws(DynamoDBError) -> [JSONValue]? {
        try members[name].map { json throws(DynamoDBError) in try JSONShape.array(json) }
    }

    /// A required member; records `Member must not be null` when absent.
    mutating func required<Value>(_ name: String, _ read: (Self) throws(DynamoDBError) -> Value?) throws(DynamoDBError) -> Value? {
        let value = try read(self)
        if value == nil { violation(name, value: nil, "Member must not be null") }
        return value
    }

    /// A table or index name: `[a-zA-Z0-9_.-]+`, 3 to 255 characters.
    mutating func tableName(_ name: String = "TableName", required: Bool = true) throws(DynamoDBError) -> String? {
        guard let value = try string(name) else {
            if required { violation(name, value: nil, "Member must not be null") }
            return nil
        }
        checkName(name, value)
        return value
    }

    mutating func checkName(_ name: String, _ value: String) {
        let allowed = value.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: ".")
        }
        if !allowed || value.isEmpty { violation(name, value: value, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+") }
        if value.count < 3 { violation(name, value: value, "Member must have length greater than or equal to 3") }
        if value.count > 255 { violation(name, value: value, "Member must have length less than or equal to 255") }
    }

    /// A string member limited to `allowed` values.
    mutating func enumeration(_ name: String, _ allowed: [String]) throws(DynamoDBError) -> String? {
        guard let value = try string(name) else { return nil }
        if !allowed.contains(value) {
            violation(name, value: value, "Member must satisfy enum value set: [\(allowed.joined(separator: ", "))]")
        }
        return value
    }

    /// An integer member with bounds.
    mutating func integer(_ name: String, minimum: Int? = nil, maximum: Int? = nil) throws(DynamoDBError) -> Int? {
        guard let value = try integer(name) else { return nil }
        if let minimum, value < minimum { violation(name, value: String(value), "Member must have value greater than or equal to \(minimum)") }
        if let maximum, value > maximum { violation(name, value: String(value), "Member must have value less than or equal to \(maximum)") }
        return value
    }

    /// An item or key member (`{"name": {"S": …}}`).
    func item(_ name: String) throws(DynamoDBError) -> Item? {
        try members[name].map { json throws(DynamoDBError) in try ItemJSON.decode(json) }
    }
}
