/// A request's `ExpressionAttributeNames` and `ExpressionAttributeValues`, tracking which ones the
/// request's expressions use: DynamoDB refuses a request that defines one it never uses.
public struct ExpressionAttributes: Sendable {
    public var names: [String: String]
    public var values: [String: AttributeValue]
    private var usedNames: Set<String> = []
    private var usedValues: Set<String> = []

    public init(names: [String: String] = [:], values: [String: AttributeValue] = [:]) {
        self.names = names
        self.values = values
    }

    /// The attribute name `#token` stands for, marking it used.
    mutating func name(_ token: String) -> String? {
        guard let name = names[token] else { return nil }
        usedNames.insert(token)
        return name
    }

    /// The value `:token` stands for, marking it used.
    mutating func value(_ token: String) -> AttributeValue? {
        guard let value = values[token] else { return nil }
        usedValues.insert(token)
        return value
    }

    /// Fails when a defined name or value was never used, as DynamoDB does (names are checked first).
    func checkAllUsed() throws(DynamoDBError) {
        let unusedNames = names.keys.filter { !usedNames.contains($0) }.sorted()
        if !unusedNames.isEmpty {
            throw .validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {\(unusedNames.joined(separator: ", "))}")
        }
        let unusedValues = values.keys.filter { !usedValues.contains($0) }.sorted()
        if !unusedValues.isEmpty {
            throw .validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {\(unusedValues.joined(separator: ", "))}")
        }
    }
}
