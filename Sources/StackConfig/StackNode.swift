/// A node of the stack file as written, with its position: what `StackConfig` walks to build each module's
/// configuration, and how the sections other modules read (`apis:`, `tables:`, …) are handed over untouched,
/// so their readers can report problems with a line too.
public struct StackNode: Sendable, Equatable {
    public enum Content: Sendable, Equatable {
        case scalar(Scalar)
        case mapping([Pair])
        case sequence([StackNode])
    }

    public struct Scalar: Sendable, Equatable {
        public var text: String
        /// Written without quotes: only such a scalar can mean null (`~`, `null`, nothing at all).
        public var isPlain: Bool

        public init(text: String, isPlain: Bool) {
            self.text = text
            self.isPlain = isPlain
        }
    }

    /// One entry of a mapping; the key is a node so that it keeps its position.
    public struct Pair: Sendable, Equatable {
        public var key: StackNode
        public var value: StackNode

        public init(key: StackNode, value: StackNode) {
            self.key = key
            self.value = value
        }
    }

    public var content: Content
    /// 1-based, as editors count.
    public var line: Int
    public var column: Int

    public init(_ content: Content, line: Int, column: Int) {
        self.content = content
        self.line = line
        self.column = column
    }
}

extension StackNode {
    /// The text of a scalar that is not null.
    public var string: String? {
        guard case .scalar(let scalar) = content, !isNull else { return nil }
        return scalar.text
    }

    public var isNull: Bool {
        guard case .scalar(let scalar) = content, scalar.isPlain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.text)
    }

    /// A decimal integer (`_` separators allowed, as YAML 1.1 allows them); quoted numbers count too, since
    /// CloudFormation templates often quote them.
    public var int: Int? {
        guard let text = string else { return nil }
        guard text.first != "_", text.last != "_" else { return nil }
        return Int(text.filter { $0 != "_" })
    }

    /// `true` or `false` (any case); YAML 1.1's `yes`, `no`, `on` and `off` are not booleans here.
    public var bool: Bool? {
        switch string?.lowercased() {
        case "true": true
        case "false": false
        default: nil
        }
    }

    public var pairs: [Pair]? {
        guard case .mapping(let pairs) = content else { return nil }
        return pairs
    }

    public var elements: [StackNode]? {
        guard case .sequence(let elements) = content else { return nil }
        return elements
    }

    /// The value under `key` in a mapping.
    public subscript(key: String) -> StackNode? {
        pairs?.first { $0.key.string == key }?.value
    }

    /// How a message names what was found instead.
    var kindDescription: String {
        switch content {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let scalar):
            if isNull { "nothing" } else if scalar.isPlain, let number = int { "\(number)" } else { "\"\(scalar.text)\"" }
        }
    }
}
