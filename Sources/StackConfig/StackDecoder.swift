import Edge

/// Walks a stack file's nodes into a ``Stack``, collecting every problem instead of stopping at the first.
///
/// Each reader reports what is wrong and still returns its best effort (a default for a bad value, a name
/// registered even when the rest of its entry is broken), so later checks run and one mistake does not
/// cascade into reports about everything that refers to it. The result counts only when no problem was found.
struct StackDecoder {
    let file: String
    let baseDirectory: String
    private(set) var problems: [StackConfigError.Problem] = []

    /// What later sections refer to, filled as the sections are read.
    var bucketNames: [String] = []
    var customCachePolicies: [String: CachePolicy] = [:]
    var customOriginRequestPolicies: [String: OriginRequestPolicy] = [:]
    var customResponseHeadersPolicies: [String: ResponseHeadersPolicy] = [:]

    init(file: String, baseDirectory: String) {
        self.file = file
        self.baseDirectory = baseDirectory
    }

    mutating func report(_ message: String, at node: StackNode?, _ path: FieldPath) {
        problems.append(
            StackConfigError.Problem(file: file, line: node?.line, column: node?.column, fieldPath: path.description, message: message)
        )
    }
}

/// The keys a mapping may hold, with the reason for keys people bring over from CloudFormation that EdgeSim
/// does not take (so they hear why, not just "unknown").
struct Keys {
    var allowed: [String]
    var notes: [String: String] = [:]
    /// Whether `x-` keys are ignored: the top level's place for YAML anchors shared by the sections.
    var allowsExtensions = false
}

/// A mapping's entries, once its keys were checked against its ``Keys``.
struct Fields {
    let node: StackNode
    let path: FieldPath
    fileprivate var entries: [String: StackNode.Pair] = [:]

    /// The value under `key`; nil when absent or null (`key:` with nothing after it).
    subscript(key: String) -> StackNode? {
        guard let value = entries[key]?.value, !value.isNull else { return nil }
        return value
    }

    /// Where `key` is written, for problems about the key rather than its value.
    func keyNode(_ key: String) -> StackNode? { entries[key]?.key }
}

extension StackDecoder {
    /// Checks that `node` is a mapping whose keys `keys` allows; every other key is reported with the
    /// closest allowed one.
    mutating func fields(_ node: StackNode, _ path: FieldPath, _ keys: Keys) -> Fields? {
        guard let pairs = node.pairs else {
            report("must be a mapping (key: value); got \(node.kindDescription)", at: node, path)
            return nil
        }
        var fields = Fields(node: node, path: path)
        for pair in pairs {
            guard let name = pair.key.string else {
                report("keys must be names; got \(pair.key.kindDescription)", at: pair.key, path)
                continue
            }
            if keys.allowed.contains(name) {
                fields.entries[name] = pair
            } else if keys.allowsExtensions, name.hasPrefix("x-") {
                continue
            } else if let note = keys.notes[name] {
                report(note, at: pair.key, path.key(name))
            } else if let suggestion = Suggestion.closest(to: name, among: keys.allowed) {
                report("unknown key; did you mean \"\(suggestion)\"?", at: pair.key, path.key(name))
            } else {
                report("unknown key; expected one of \(keys.allowed.joined(separator: ", "))", at: pair.key, path.key(name))
            }
        }
        return fields
    }

    /// The value under `key`, reporting its absence as `is required; <fix>`.
    mutating func required(_ fields: Fields, _ key: String, _ fix: String) -> StackNode? {
        guard let value = fields[key] else {
            report("is required; \(fix)", at: fields.node, fields.path.key(key))
            return nil
        }
        return value
    }

    mutating func string(_ node: StackNode, _ path: FieldPath) -> String? {
        guard let text = node.string else {
            report("must be a string; got \(node.kindDescription)", at: node, path)
            return nil
        }
        return text
    }

    mutating func string(_ fields: Fields, _ key: String) -> String? {
        fields[key].flatMap { string($0, fields.path.key(key)) }
    }

    mutating func requiredString(_ fields: Fields, _ key: String, _ fix: String) -> String? {
        required(fields, key, fix).flatMap { string($0, fields.path.key(key)) }
    }

    /// A whole number, within `range` when given; `unit` follows the bounds in the message (" seconds").
    mutating func int(_ node: StackNode, _ path: FieldPath, in range: ClosedRange<Int>? = nil, unit: String = "") -> Int? {
        guard let value = node.int else {
            report("must be a whole number; got \(node.kindDescription)", at: node, path)
            return nil
        }
        if let range, !range.contains(value) {
            let bounds = range.upperBound == .max ? "at least \(range.lowerBound)" : "between \(range.lowerBound) and \(range.upperBound)"
            report("must be \(bounds)\(unit); got \(value)", at: node, path)
            return nil
        }
        return value
    }

    mutating func int(_ fields: Fields, _ key: String, in range: ClosedRange<Int>? = nil, unit: String = "") -> Int? {
        fields[key].flatMap { int($0, fields.path.key(key), in: range, unit: unit) }
    }

    mutating func bool(_ fields: Fields, _ key: String) -> Bool? {
        guard let node = fields[key] else { return nil }
        guard let value = node.bool else {
            report("must be true or false; got \(node.kindDescription)", at: node, fields.path.key(key))
            return nil
        }
        return value
    }

    /// One of an enumeration's raw values, spelt exactly.
    mutating func choice<Choice: RawRepresentable<String> & CaseIterable>(_ node: StackNode, _ path: FieldPath, _: Choice.Type) -> Choice? {
        let allowed = Choice.allCases.map(\.rawValue)
        guard let text = node.string, let value = Choice(rawValue: text) else {
            report("must be one of \(allowed.joined(separator: ", ")); got \(node.kindDescription)", at: node, path)
            return nil
        }
        return value
    }

    mutating func choice<Choice: RawRepresentable<String> & CaseIterable>(_ fields: Fields, _ key: String, _ type: Choice.Type) -> Choice? {
        fields[key].flatMap { choice($0, fields.path.key(key), type) }
    }

    mutating func list(_ node: StackNode, _ path: FieldPath) -> [StackNode]? {
        guard let elements = node.elements else {
            report("must be a list; got \(node.kindDescription)", at: node, path)
            return nil
        }
        return elements
    }

    mutating func list(_ fields: Fields, _ key: String) -> [StackNode]? {
        fields[key].flatMap { list($0, fields.path.key(key)) }
    }

    /// A list of strings, each element checked on its own.
    mutating func strings(_ fields: Fields, _ key: String) -> [(value: String, node: StackNode)]? {
        guard let elements = list(fields, key) else { return nil }
        var values: [(String, StackNode)] = []
        for (index, element) in elements.enumerated() {
            if let text = string(element, fields.path.key(key).index(index)) { values.append((text, element)) }
        }
        return values
    }
}
