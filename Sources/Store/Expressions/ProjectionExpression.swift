/// A compiled `ProjectionExpression` (or legacy `AttributesToGet`): the paths to return.
public struct ProjectionExpression: Sendable, Hashable {
    public var paths: [DocumentPath]

    public init(paths: [DocumentPath]) {
        self.paths = paths
    }

    /// Parses `a, b.c, d[1]`.
    static func parse(_ expression: String, attributes: inout ExpressionAttributes) throws(ExpressionError) -> ProjectionExpression {
        guard !expression.isEmpty else { throw ExpressionError(message: "The expression can not be empty;") }
        var parser = ExpressionParser(expression, attributes: attributes)
        var paths: [DocumentPath] = []
        do {
            repeat {
                if !paths.isEmpty { parser.advance() }
                let path = try parser.parsePath()
                for existing in paths {
                    switch DocumentPath.clash(existing, path) {
                    case .overlap?:
                        parser.report(
                            .pathOverlap,
                            "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: \(existing.messageDescription), path two: \(path.messageDescription)"
                        )
                    case .conflict?:
                        parser.report(
                            .pathConflict,
                            "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: \(existing.messageDescription), path two: \(path.messageDescription)"
                        )
                    case nil:
                        continue
                    }
                }
                paths.append(path)
            } while parser.current.kind == .comma
            try parser.expectEnd()
        } catch {
            throw ExpressionError(message: error.message)
        }
        if let problem = parser.firstProblem { throw ExpressionError(message: problem) }
        attributes = parser.attributes
        return ProjectionExpression(paths: paths)
    }

    /// The parts of `item` the paths select, nested as in the item; selected list elements keep their order.
    public func apply(to item: Item) -> Item {
        var root: [String: Selection] = [:]
        for path in paths {
            guard case .name(let head) = path.elements.first else { continue }
            root[head] = Selection.insert(path.elements.dropFirst(), into: root[head])
        }
        var result: Item = [:]
        for (name, selection) in root {
            if let value = item[name], let selected = selection.extract(from: value) { result[name] = selected }
        }
        return result
    }

    /// The shape of what a set of paths selects.
    private indirect enum Selection {
        case whole
        case members([String: Selection])
        case elements([Int: Selection])

        static func insert(_ elements: ArraySlice<DocumentPath.Element>, into existing: Selection?) -> Selection {
            guard let element = elements.first else { return .whole }
            switch (element, existing) {
            case (_, .whole?):
                return .whole
            case (.name(let name), .members(var members)?):
                members[name] = insert(elements.dropFirst(), into: members[name])
                return .members(members)
            case (.name(let name), _):
                return .members([name: insert(elements.dropFirst(), into: nil)])
            case (.index(let index), .elements(var positions)?):
                positions[index] = insert(elements.dropFirst(), into: positions[index])
                return .elements(positions)
            case (.index(let index), _):
                return .elements([index: insert(elements.dropFirst(), into: nil)])
            }
        }

        func extract(from value: AttributeValue) -> AttributeValue? {
            switch (self, value) {
            case (.whole, _):
                return value
            case (.members(let selections), .map(let members)):
                var selected: [String: AttributeValue] = [:]
                for (name, selection) in selections {
                    if let member = members[name], let part = selection.extract(from: member) { selected[name] = part }
                }
                return selected.isEmpty ? nil : .map(selected)
            case (.elements(let selections), .list(let values)):
                let selected = selections.keys.sorted().compactMap { index in
                    index < values.count ? selections[index]!.extract(from: values[index]) : nil
                }
                return selected.isEmpty ? nil : .list(selected)
            default:
                return nil
            }
        }
    }
}
