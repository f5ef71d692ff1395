/// Shared machinery of the expression parsers: the token cursor, document paths, attribute names and
/// values, and DynamoDB's way of reporting errors.
///
/// A syntax error stops parsing at once. Other problems (reserved words, undefined names, wrong operand
/// types, ...) are collected while parsing and the most important one is reported afterwards, the way
/// DynamoDB ranks them.
struct ExpressionParser {
    /// Categories of non-syntax problems, most important first.
    enum Problem: Int, Comparable {
        case redundantParentheses
        case unknownFunction
        case misusedFunction
        case reservedWord
        case section
        case undefinedAttribute
        case operandCount
        case pathOverlap
        case pathConflict
        case distinctOperands
        case operandType

        static func < (lhs: Problem, rhs: Problem) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    struct SyntaxError: Error {
        var message: String
        var position: Int
    }

    let source: String
    let tokens: [ExpressionToken]
    var position = 0
    var attributes: ExpressionAttributes
    private(set) var problems: [Problem: String] = [:]

    init(_ source: String, attributes: ExpressionAttributes) {
        self.source = source
        self.tokens = ExpressionLexer.tokens(source)
        self.attributes = attributes
    }

    var current: ExpressionToken { tokens[position] }

    var atEnd: Bool {
        if case .end = current.kind { return true }
        return false
    }

    mutating func advance() {
        if position < tokens.count - 1 { position += 1 }
    }

    /// Records a problem unless one of its category is already recorded.
    mutating func report(_ problem: Problem, _ message: String) {
        if problems[problem] == nil { problems[problem] = message }
    }

    /// The most important problem recorded, if any.
    var firstProblem: String? {
        problems.min { $0.key < $1.key }?.value
    }

    /// `Syntax error; token: "X", near: "Y"` for the current token.
    func syntaxError() -> SyntaxError {
        let problem = current
        let utf8 = Array(source.utf8)
        let nearStart = position > 0 ? tokens[position - 1].start : problem.start
        let token: String
        let nearEnd: Int
        if case .end = problem.kind {
            token = "<EOF>"
            nearEnd = utf8.count
        } else {
            token = String(decoding: utf8[problem.start..<problem.end], as: UTF8.self)
            let following = tokens[position + 1]
            if case .end = following.kind {
                nearEnd = problem.end
            } else {
                nearEnd = following.end
            }
        }
        let near = String(decoding: utf8[nearStart..<nearEnd], as: UTF8.self)
        return SyntaxError(message: "Syntax error; token: \"\(token)\", near: \"\(near)\"", position: position)
    }

    mutating func expect(_ kind: ExpressionToken.Kind) throws(SyntaxError) {
        guard current.kind == kind else { throw syntaxError() }
        advance()
    }

    mutating func expectEnd() throws(SyntaxError) {
        guard atEnd else { throw syntaxError() }
    }

    /// `true` (and consumes it) when the current token is `keyword`.
    mutating func accept(keyword: String) -> Bool {
        guard current.isKeyword(keyword) else { return false }
        advance()
        return true
    }

    /// A document path: `name` or `#name`, then any of `.name`, `.#name`, `[index]`.
    mutating func parsePath() throws(SyntaxError) -> DocumentPath {
        var elements: [DocumentPath.Element] = [try parsePathName()]
        while true {
            switch current.kind {
            case .dot:
                advance()
                elements.append(try parsePathName())
            case .leftBracket:
                advance()
                guard case .integer(let digits) = current.kind else { throw syntaxError() }
                advance()
                try expect(.rightBracket)
                elements.append(.index(Int(digits) ?? Int.max))
            default:
                return DocumentPath(elements)
            }
        }
    }

    private mutating func parsePathName() throws(SyntaxError) -> DocumentPath.Element {
        switch current.kind {
        case .identifier(let name):
            if ReservedWords.contains(name) {
                report(.reservedWord, "Attribute name is a reserved keyword; reserved keyword: \(name)")
            }
            advance()
            return .name(name)
        case .attributeName(let token):
            advance()
            guard let name = attributes.name(token) else {
                report(.undefinedAttribute, "An expression attribute name used in the document path is not defined; attribute name: \(token)")
                return .name(token)
            }
            return .name(name)
        default:
            throw syntaxError()
        }
    }

    /// `:value`, resolved; an undefined one is reported and stands in as `NULL`.
    mutating func parseValue() throws(SyntaxError) -> AttributeValue {
        guard case .attributeValue(let token) = current.kind else { throw syntaxError() }
        advance()
        guard let value = attributes.value(token) else {
            report(.undefinedAttribute, "An expression attribute value used in expression is not defined; attribute value: \(token)")
            return .null
        }
        return value
    }
}

/// How an expression failed to compile: the message DynamoDB sends without the `Invalid …Expression: ` prefix.
struct ExpressionError: Error {
    var message: String

    /// The `ValidationException` for an expression parameter, e.g. `ConditionExpression`.
    func validation(parameter: String) -> DynamoDBError {
        .validation("Invalid \(parameter): \(message)")
    }
}
