/// A document path into an item: `a.b[2].c`, with expression attribute names already substituted.
public struct DocumentPath: Sendable, Hashable {
    public enum Element: Sendable, Hashable {
        case name(String)
        case index(Int)
    }

    public var elements: [Element]

    public init(_ elements: [Element]) {
        self.elements = elements
    }

    /// A top-level attribute.
    public init(attribute name: String) {
        self.elements = [.name(name)]
    }

    /// The top-level attribute the path starts at.
    var head: String {
        if case .name(let name) = elements.first { return name }
        return ""
    }

    var isNested: Bool { elements.count > 1 }

    /// The value at this path in `item`, `nil` when any step is missing or of the wrong kind.
    func value(in item: Item) -> AttributeValue? {
        guard case .name(let first) = elements.first, var current = item[first] else { return nil }
        for element in elements.dropFirst() {
            switch (element, current) {
            case (.name(let name), .map(let members)):
                guard let next = members[name] else { return nil }
                current = next
            case (.index(let index), .list(let values)):
                guard index < values.count else { return nil }
                current = values[index]
            default:
                return nil
            }
        }
        return current
    }

    /// The form DynamoDB prints paths in its messages: `[a, b, [0]]`.
    var messageDescription: String {
        "["
            + elements.map { element in
                switch element {
                case .name(let name): name
                case .index(let index): "[\(index)]"
                }
            }.joined(separator: ", ") + "]"
    }

    /// How two paths of one update or projection relate: `nil` when independent.
    static func clash(_ lhs: DocumentPath, _ rhs: DocumentPath) -> Clash? {
        for (left, right) in zip(lhs.elements, rhs.elements) {
            switch (left, right) {
            case (.name(let a), .name(let b)) where a == b: continue
            case (.index(let a), .index(let b)) where a == b: continue
            case (.name, .name), (.index, .index): return nil
            default: return .conflict
            }
        }
        return .overlap
    }

    enum Clash {
        /// One path is a prefix of the other.
        case overlap
        /// The paths treat the same element as a map and as a list.
        case conflict
    }
}
