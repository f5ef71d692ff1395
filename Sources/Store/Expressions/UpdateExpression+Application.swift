extension UpdateExpression {
    /// Applies the update to `item` (the stored item, or just its key when the item is new).
    ///
    /// Every `SET` value is computed from the item as it was before the update, as DynamoDB does; list
    /// elements removed by index are removed from the original positions.
    public func apply(to item: Item) throws(DynamoDBError) -> Item {
        var values: [AttributeValue] = []
        for case .set(_, let value) in actions {
            values.append(try value.evaluate(in: item))
        }
        var updated = item
        var nextValue = 0
        var removals: [DocumentPath] = []
        for action in actions {
            switch action {
            case .set(let path, _):
                try Self.write(values[nextValue], at: path, in: &updated)
                nextValue += 1
            case .remove(let path):
                removals.append(path)
            case .add(let path, let operand):
                let sum: AttributeValue
                switch (path.value(in: updated), operand) {
                case (nil, _): sum = operand
                case (.number(let current)?, .number(let increment)): sum = .number(try current.adding(increment))
                case (.stringSet(let current)?, .stringSet(let added)):
                    sum = .stringSet(current + added.filter { new in !current.contains { $0.utf8.elementsEqual(new.utf8) } })
                case (.numberSet(let current)?, .numberSet(let added)): sum = .numberSet(current + added.filter { !current.contains($0) })
                case (.binarySet(let current)?, .binarySet(let added)): sum = .binarySet(current + added.filter { !current.contains($0) })
                default: throw .incorrectOperandType
                }
                try Self.write(sum, at: path, in: &updated)
            case .delete(let path, let operand):
                let remaining: AttributeValue?
                switch (path.value(in: updated), operand) {
                case (nil, _):
                    try Self.checkParent(of: path, in: updated)
                    continue
                case (.stringSet(let current)?, .stringSet(let removed)):
                    let kept = current.filter { old in !removed.contains { $0.utf8.elementsEqual(old.utf8) } }
                    remaining = kept.isEmpty ? nil : .stringSet(kept)
                case (.numberSet(let current)?, .numberSet(let removed)):
                    let kept = current.filter { !removed.contains($0) }
                    remaining = kept.isEmpty ? nil : .numberSet(kept)
                case (.binarySet(let current)?, .binarySet(let removed)):
                    let kept = current.filter { !removed.contains($0) }
                    remaining = kept.isEmpty ? nil : .binarySet(kept)
                default:
                    throw .incorrectOperandType
                }
                if let remaining {
                    try Self.write(remaining, at: path, in: &updated)
                } else {
                    try Self.remove(path, from: &updated)
                }
            }
        }
        // Highest list index first, so that earlier removals do not shift later ones.
        for path in removals.sorted(by: Self.removalOrder) {
            try Self.remove(path, from: &updated)
        }
        return updated
    }

    private static func removalOrder(_ lhs: DocumentPath, _ rhs: DocumentPath) -> Bool {
        lastIndex(of: lhs) > lastIndex(of: rhs)
    }

    private static func lastIndex(of path: DocumentPath) -> Int {
        if case .index(let index)? = path.elements.last { return index }
        return Int.max
    }

    /// Writes `value` at `path`; the path's parent must exist and be of the right kind.
    static func write(_ value: AttributeValue, at path: DocumentPath, in item: inout Item) throws(DynamoDBError) {
        guard case .name(let head) = path.elements.first else { throw .invalidUpdatePath }
        if path.elements.count == 1 {
            item[head] = value
            return
        }
        guard var root = item[head] else { throw .invalidUpdatePath }
        try write(value, at: path.elements.dropFirst(), in: &root)
        item[head] = root
    }

    private static func write(
        _ value: AttributeValue,
        at elements: ArraySlice<DocumentPath.Element>,
        in container: inout AttributeValue
    )
        throws(DynamoDBError)
    {
        guard let element = elements.first else {
            container = value
            return
        }
        let rest = elements.dropFirst()
        switch (element, container) {
        case (.name(let name), .map(var members)):
            if rest.isEmpty {
                members[name] = value
            } else {
                guard var child = members[name] else { throw .invalidUpdatePath }
                try write(value, at: rest, in: &child)
                members[name] = child
            }
            container = .map(members)
        case (.index(let index), .list(var values)):
            if rest.isEmpty {
                // Past the end appends, as DynamoDB does.
                if index < values.count { values[index] = value } else { values.append(value) }
            } else {
                guard index < values.count else { throw .invalidUpdatePath }
                try write(value, at: rest, in: &values[index])
            }
            container = .list(values)
        default:
            throw .invalidUpdatePath
        }
    }

    /// Removes `path`; a missing last element is fine, a missing or mistyped parent is not.
    static func remove(_ path: DocumentPath, from item: inout Item) throws(DynamoDBError) {
        guard case .name(let head) = path.elements.first else { throw .invalidUpdatePath }
        if path.elements.count == 1 {
            item[head] = nil
            return
        }
        guard var root = item[head] else { throw .invalidUpdatePath }
        try remove(path.elements.dropFirst(), from: &root)
        item[head] = root
    }

    private static func remove(_ elements: ArraySlice<DocumentPath.Element>, from container: inout AttributeValue) throws(DynamoDBError) {
        guard let element = elements.first else { return }
        let rest = elements.dropFirst()
        switch (element, container) {
        case (.name(let name), .map(var members)):
            if rest.isEmpty {
                members[name] = nil
            } else {
                guard var child = members[name] else { throw .invalidUpdatePath }
                try remove(rest, from: &child)
                members[name] = child
            }
            container = .map(members)
        case (.index(let index), .list(var values)):
            if rest.isEmpty {
                if index < values.count { values.remove(at: index) }
            } else {
                guard index < values.count else { throw .invalidUpdatePath }
                try remove(rest, from: &values[index])
            }
            container = .list(values)
        default:
            throw .invalidUpdatePath
        }
    }

    private static func checkParent(of path: DocumentPath, in item: Item) throws(DynamoDBError) {
        guard path.isNested else { return }
        let parent = DocumentPath(Array(path.elements.dropLast()))
        switch (parent.value(in: item), path.elements.last) {
        case (.map?, .name?), (.list?, .index?): return
        default: throw .invalidUpdatePath
        }
    }
}

extension UpdateExpression.SetValue {
    func evaluate(in item: Item) throws(DynamoDBError) -> AttributeValue {
        switch self {
        case .operand(let operand):
            return try operand.evaluate(in: item)
        case .plus(let lhs, let rhs), .minus(let lhs, let rhs):
            guard case .number(let left) = try lhs.evaluate(in: item), case .number(let right) = try rhs.evaluate(in: item) else {
                throw .incorrectOperandType
            }
            if case .plus = self { return .number(try left.adding(right)) }
            return .number(try left.subtracting(right))
        }
    }
}

extension UpdateExpression.SetOperand {
    func evaluate(in item: Item) throws(DynamoDBError) -> AttributeValue {
        switch self {
        case .path(let path):
            guard let value = path.value(in: item) else { throw .missingOperandAttribute }
            return value
        case .value(let value):
            return value
        case .ifNotExists(let path, let fallback):
            if let value = path.value(in: item) { return value }
            return try fallback.evaluate(in: item)
        case .listAppend(let lhs, let rhs):
            guard case .list(let left) = try lhs.evaluate(in: item), case .list(let right) = try rhs.evaluate(in: item) else {
                throw .incorrectOperandType
            }
            return .list(left + right)
        }
    }
}
