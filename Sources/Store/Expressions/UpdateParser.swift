/// Parses update expressions: `SET a = :v, b = b + :n, c = if_not_exists(c, :z), l = list_append(l, :l)
/// REMOVE x, y[0] ADD counter :one, tags :set DELETE tags :set`, each section at most once.
struct UpdateParser {
    private var parser: ExpressionParser
    private var sections: Set<String> = []
    private var paths: [DocumentPath] = []

    private static let conditionFunctions: Set<String> = [
        "attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains", "size",
    ]

    static func parse(_ expression: String, attributes: inout ExpressionAttributes) throws(ExpressionError) -> UpdateExpression {
        guard !expression.isEmpty else { throw ExpressionError(message: "The expression can not be empty;") }
        var parser = UpdateParser(parser: ExpressionParser(expression, attributes: attributes))
        var actions: [UpdateExpression.Action] = []
        do {
            repeat {
                actions += try parser.parseSection()
            } while !parser.parser.atEnd
        } catch {
            throw ExpressionError(message: error.message)
        }
        if let problem = parser.parser.firstProblem { throw ExpressionError(message: problem) }
        attributes = parser.parser.attributes
        return UpdateExpression(actions: actions)
    }

    private mutating func parseSection() throws(ExpressionParser.SyntaxError) -> [UpdateExpression.Action] {
        guard case .identifier(let word) = parser.current.kind else { throw parser.syntaxError() }
        let keyword = word.uppercased()
        guard ["SET", "REMOVE", "ADD", "DELETE"].contains(keyword) else { throw parser.syntaxError() }
        parser.advance()
        if !sections.insert(keyword).inserted {
            parser.report(.section, "The \"\(keyword)\" section can only be used once in an update expression;")
        }
        var actions: [UpdateExpression.Action] = []
        repeat {
            if !actions.isEmpty { parser.advance() }
            actions.append(try parseAction(keyword))
        } while parser.current.kind == .comma
        return actions
    }

    private mutating func parseAction(_ keyword: String) throws(ExpressionParser.SyntaxError) -> UpdateExpression.Action {
        let path = try parser.parsePath()
        record(path)
        switch keyword {
        case "SET":
            try parser.expect(.equal)
            return .set(path, try parseSetValue())
        case "REMOVE":
            return .remove(path)
        default:
            let value = try parser.parseValue()
            let allowed: [AttributeType] = keyword == "ADD" ? [.number, .stringSet, .numberSet, .binarySet] : [.stringSet, .numberSet, .binarySet]
            if !allowed.contains(value.type) {
                parser.report(
                    .operandType,
                    "Incorrect operand type for operator or function; operator: \(keyword), operand type: \(Self.typeWord(value.type))"
                )
            }
            return keyword == "ADD" ? .add(path, value) : .delete(path, value)
        }
    }

    private mutating func record(_ path: DocumentPath) {
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
    }

    private mutating func parseSetValue() throws(ExpressionParser.SyntaxError) -> UpdateExpression.SetValue {
        // `SET a = (b + :c)` is allowed: one pair of parentheses around the whole value.
        if case .leftParen = parser.current.kind {
            let saved = parser
            parser.advance()
            if let value = try? parseArithmetic(), parser.current.kind == .rightParen,
                ![.plus, .minus].contains(parser.tokens[parser.position + 1].kind)
            {
                parser.advance()
                return value
            }
            parser = saved
        }
        return try parseArithmetic()
    }

    private mutating func parseArithmetic() throws(ExpressionParser.SyntaxError) -> UpdateExpression.SetValue {
        let lhs = try parseOperand()
        switch parser.current.kind {
        case .plus, .minus:
            let symbol = parser.current.kind == .plus ? "+" : "-"
            parser.advance()
            let rhs = try parseOperand()
            for case .value(let value) in [lhs, rhs] where value.type != .number {
                parser.report(
                    .operandType,
                    "Incorrect operand type for operator or function; operator or function: \(symbol), operand type: \(value.type.rawValue)"
                )
            }
            return symbol == "+" ? .plus(lhs, rhs) : .minus(lhs, rhs)
        default:
            return .operand(lhs)
        }
    }

    private mutating func parseOperand() throws(ExpressionParser.SyntaxError) -> UpdateExpression.SetOperand {
        switch parser.current.kind {
        case .leftParen:
            parser.advance()
            let inner = try parseOperand()
            try parser.expect(.rightParen)
            return inner
        case .attributeValue:
            return .value(try parser.parseValue())
        case .identifier(let name) where parser.tokens[parser.position + 1].kind == .leftParen:
            parser.advance()
            parser.advance()
            var arguments = [try parseOperand()]
            while parser.current.kind == .comma {
                parser.advance()
                arguments.append(try parseOperand())
            }
            try parser.expect(.rightParen)
            return function(name, arguments)
        default:
            return .path(try parser.parsePath())
        }
    }

    private mutating func function(_ name: String, _ arguments: [UpdateExpression.SetOperand]) -> UpdateExpression.SetOperand {
        let placeholder = UpdateExpression.SetOperand.value(.null)
        guard name == "if_not_exists" || name == "list_append" else {
            if Self.conditionFunctions.contains(name) {
                parser.report(.unknownFunction, "The function is not allowed in an update expression; function: \(name)")
            } else {
                parser.report(.unknownFunction, "Invalid function name; function: \(name)")
            }
            return placeholder
        }
        guard arguments.count == 2 else {
            parser.report(
                .operandCount,
                "Incorrect number of operands for operator or function; operator or function: \(name), number of operands: \(arguments.count)"
            )
            return placeholder
        }
        if name == "if_not_exists" {
            guard case .path(let path) = arguments[0] else {
                parser.report(.operandType, "Operator or function requires a document path; operator or function: if_not_exists")
                return placeholder
            }
            return .ifNotExists(path, arguments[1])
        }
        for case .value(let value) in arguments where value.type != .list {
            parser.report(
                .operandType,
                "Incorrect operand type for operator or function; operator or function: list_append, operand type: \(value.type.rawValue)"
            )
        }
        return .listAppend(arguments[0], arguments[1])
    }

    private static func typeWord(_ type: AttributeType) -> String {
        switch type {
        case .string: "STRING"
        case .number: "NUMBER"
        case .binary: "BINARY"
        case .null: "NULL"
        case .boolean: "BOOLEAN"
        case .list: "LIST"
        case .map: "MAP"
        case .stringSet: "SS"
        case .numberSet: "NS"
        case .binarySet: "BS"
        }
    }
}
