import Yams

/// A stack file that is not well-formed YAML: where the parser stopped and why.
struct YAMLSyntaxError: Error {
    var line: Int?
    var column: Int?
    var message: String
}

extension StackNode {
    /// Parses one YAML document; nil for a document with nothing in it.
    ///
    /// Tags are not resolved by YAML 1.1's rules (where `no` and `off` are booleans and `010` is octal): the stack
    /// file's readers decide what each field's text means, and only unquoted `~`, `null` or nothing is null.
    static func parse(yaml: String) throws(YAMLSyntaxError) -> StackNode? {
        do {
            return try Yams.compose(yaml: yaml, .basic).map(StackNode.init(yams:))
        } catch let error as YamlError {
            throw YAMLSyntaxError(error, yaml: yaml)
        } catch {
            throw YAMLSyntaxError(line: nil, column: nil, message: "invalid YAML: \(error)")
        }
    }

    init(yams node: Node) {
        let mark = node.mark
        let content: Content
        switch node {
        case .scalar(let scalar):
            content = .scalar(Scalar(text: scalar.string, isPlain: scalar.style == .plain))
        case .sequence(let sequence):
            content = .sequence(sequence.map(StackNode.init(yams:)))
        case .mapping(let mapping):
            content = .mapping(Self.mergingKeys(of: mapping))
        case .alias(let alias):
            // The composer replaces aliases by the nodes they name; a stray one is kept as its text.
            content = .scalar(Scalar(text: "*" + alias.anchor.rawValue, isPlain: false))
        }
        self.init(content, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    /// Applies YAML merge keys (`<<: *defaults`), which people use to share settings between behaviours:
    /// keys written in the mapping win over merged ones, and earlier merged mappings over later ones.
    private static func mergingKeys(of mapping: Node.Mapping) -> [Pair] {
        var pairs: [Pair] = []
        var merged: [[Pair]] = []
        for (key, value) in mapping {
            let keyNode = StackNode(yams: key)
            let valueNode = StackNode(yams: value)
            if case .scalar(let scalar) = keyNode.content, scalar.isPlain, scalar.text == "<<" {
                if let sourcePairs = valueNode.pairs {
                    merged.append(sourcePairs)
                    continue
                }
                if let sources = valueNode.elements, sources.allSatisfy({ $0.pairs != nil }) {
                    merged.append(contentsOf: sources.compactMap(\.pairs))
                    continue
                }
            }
            pairs.append(Pair(key: keyNode, value: valueNode))
        }
        var seen = Set(pairs.compactMap(\.key.string))
        for source in merged {
            for pair in source where seen.insert(pair.key.string ?? "").inserted {
                pairs.append(pair)
            }
        }
        return pairs
    }
}

extension YAMLSyntaxError {
    init(_ error: YamlError, yaml: String) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "invalid YAML: " + problem
            if let context {
                message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            self.init(line: mark.line, column: mark.column, message: message)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            self.init(
                line: context.mark.line,
                column: context.mark.column,
                message: "duplicate key \(keys); a key may appear only once in a mapping"
            )
        case .reader(let problem, let offset, _, _):
            let position = offset.map { Self.position(ofCharacter: $0, in: yaml) }
            self.init(line: position?.line, column: position?.column, message: "invalid YAML: " + problem)
        default:
            self.init(line: nil, column: nil, message: "invalid YAML: \(error)")
        }
    }

    private static func position(ofCharacter offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for character in text.prefix(offset) {
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
