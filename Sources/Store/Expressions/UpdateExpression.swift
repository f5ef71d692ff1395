/// A compiled update: what `UpdateExpression` parses into and what the legacy `AttributeUpdates` maps onto.
public struct UpdateExpression: Sendable, Hashable {
    public enum Action: Sendable, Hashable {
        /// `SET path = value`
        case set(DocumentPath, SetValue)
        /// `REMOVE path`
        case remove(DocumentPath)
        /// `ADD path :value` (numbers and sets)
        case add(DocumentPath, AttributeValue)
        /// `DELETE path :set`
        case delete(DocumentPath, AttributeValue)

        var path: DocumentPath {
            switch self {
            case .set(let path, _), .remove(let path), .add(let path, _), .delete(let path, _): path
            }
        }
    }

    /// The right-hand side of a `SET` action.
    public indirect enum SetValue: Sendable, Hashable {
        case operand(SetOperand)
        case plus(SetOperand, SetOperand)
        case minus(SetOperand, SetOperand)
    }

    /// An operand of a `SET` value.
    public indirect enum SetOperand: Sendable, Hashable {
        case path(DocumentPath)
        case value(AttributeValue)
        case ifNotExists(DocumentPath, SetOperand)
        case listAppend(SetOperand, SetOperand)
    }

    public var actions: [Action]

    public init(actions: [Action]) {
        self.actions = actions
    }

    /// The paths the update writes, for `UPDATED_OLD` and `UPDATED_NEW`.
    var updatedPaths: [DocumentPath] { actions.map(\.path) }
}
