/// Parses condition and filter expressions.
///
/// Precedence, loosest first: `OR`, `AND`, `NOT`, then comparisons, `BETWEEN`, `IN` and functions;
/// parentheses group.
struct ConditionParser {
    private var parser: ExpressionParser

    private enum OperandNode {
        case operand(ConditionOperand)
        case function(String, [OperandNode])
    }

    private static let arity = [
        "attribute_exists": 1, "attribute_not_exists": 1, "attribute_type": 2, "begins_with": 2, "contains": 2, "size": 1,
    ]
    private static let typeNames = Set(AttributeType.allCases.map(\.rawValue))

    /// Compiles `expression`, resolving names and values through `attributes` (and marking them used).
    static func parse(_ expression: String, attributes: inout ExpressionAttributes) throws(ExpressionError) -> ConditionExpression {
        guard !expression.isEmpty else { throw ExpressionError(message: "The expression can not be empty;") }
        var parser = ConditionParser(parser: ExpressionParser(expression, attributes: attributes))
        let condition: ConditionExpression
        do {
            condition = try parser.parseOr().condition
            try parser.parser.expectEnd()
        } catch {
            throw ExpressionError(message: error.message)
        }
        if let problem = parser.parser.firstProblem { throw ExpressionError(message: problem) }
        attributes = parser.parser.attributes
        return condition
    }

    /// The condition, and whether it is nothing but a parenthesised condition (to spot `((…))`).
    private mutating func parseOr() throws(ExpressionParser.SyntaxError) -> (condition: ConditionExpression, parenthesized: Bool) {
        var result = try parseAnd()
        while parser.accept(keyword: "OR") {
            let rhs = try parseAnd()
            result = (.or(result.condition, rhs.condition), false)
        }
        return result
    }

    private mutating func parseAnd() throws(ExpressionParser.SyntaxError) -> (condition: ConditionExpression, parenthesized: Bool) {
        var result = try parseNot()
        while parser.accept(keyword: "AND") {
            let rhs = try parseNot()
            result = (.and(result.condition, rhs.condition), false)
        }
        return result
    }

    private mutating func parseNot() throws(ExpressionParser.SyntaxError) -> (condition: ConditionExpression, parenthesized: Bool) {
        if parser.accept(keyword: "NOT") {
            return (.not(try parseNot().condition), false)
        }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws(ExpressionParser.SyntaxError) -> (condition: ConditionExpression, parenthesized: Bool) {
        if case .leftParen = parser.current.kind {
            // `(` opens either a grouped condition or a parenthesised operand, as in `(a) = :v`; try the
            // first and fall back to the second, reporting whichever attempt got further.
            let saved = parser
            parser.advance()
            do {
                let inner = try parseOr()
                try parser.expect(.rightParen)
                if inner.parenthesized { parser.report(.redundantParentheses, "The expression has redundant parentheses;") }
                return (inner.condition, true)
            } catch let groupError {
                parser = saved
                do {
                    return (try parsePredicate(), false)
                } catch let predicateError {
                    throw predicateError.position >= groupError.position ? predicateError : groupError
                }
            }
        }
        return (try parsePredicate(), false)
    }

    private mutating func parsePredicate() throws(ExpressionParser.SyntaxError) -> ConditionExpression {
        let lhs = try parseOperandNode()
        let comparators: [(ExpressionToken.Kind, ConditionExpression.Comparator)] = [
            (.equal, .equal), (.notEqual, .notEqual), (.less, .less), (.lessOrEqual, .lessOrEqual), (.greater, .greater),
            (.greaterOrEqual, .greaterOrEqual),
        ]
        if let comparator = comparators.first(where: { $0.0 == parser.current.kind })?.1 {
            parser.advance()
            let rhs = try parseOperandNode()
            let left = operand(lhs)
            let right = operand(rhs)
            checkDistinct(comparator.rawValue, left, right)
            return .comparison(left, comparator, right)
        }
        if parser.accept(keyword: "BETWEEN") {
            let low = try parseOperandNode()
            guard parser.accept(keyword: "AND") else { throw parser.syntaxError() }
            let high = try parseOperandNode()
            let (value, lower, upper) = (operand(lhs), operand(low), operand(high))
            checkBounds(lower, upper)
            return .between(value, lower, upper)
        }
        if parser.accept(keyword: "IN") {
            try parser.expect(.leftParen)
            var list = [try parseOperandNode()]
            while case .comma = parser.current.kind {
                parser.advance()
                list.append(try parseOperandNode())
            }
            try parser.expect(.rightParen)
            return .member(operand(lhs), list.map { operand($0) })
        }
        guard case .function(let name, let arguments) = lhs else { throw parser.syntaxError() }
        return conditionFunction(name, arguments)
    }

    private mutating func parseOperandNode() throws(ExpressionParser.SyntaxError) -> OperandNode {
        switch parser.current.kind {
        case .identifier(let name):
            if case .leftParen = parser.tokens[parser.position + 1].kind {
                parser.advance()
                parser.advance()
                var arguments = [try parseOperandNode()]
                while case .comma = parser.current.kind {
                    parser.advance()
                    arguments.append(try parseOperandNode())
                }
                try parser.expect(.rightParen)
                return .function(name, arguments)
            }
            return .operand(.path(try parser.parsePath()))
        case .attributeName:
            return .operand(.path(try parser.parsePath()))
        case .attributeValue:
            return .operand(.value(try parser.parseValue()))
        case .leftParen:
            parser.advance()
            let inner = try parseOperandNode()
            try parser.expect(.rightParen)
            return inner
        default:
            throw parser.syntaxError()
        }
    }

    /// An operand node used as a value: only `size` may be a function here.
    private mutating func operand(_ node: OperandNode) -> ConditionOperand {
        switch node {
        case .operand(let operand):
            return operand
        case .function(let name, let arguments):
            guard checkFunction(name, arguments) else { return .value(.null) }
            guard name == "size" else {
                parser.report(.misusedFunction, "The function is not allowed to be used this way in an expression; function: \(name)")
                return .value(.null)
            }
            let argument = operand(arguments[0])
            if case .value(let value) = argument, [.number, .boolean, .null].contains(value.type) {
                parser.report(
                    .operandType,
                    "Incorrect operand type for operator or function; operator or function: size, operand type: \(value.type.rawValue)"
                )
            }
            return .size(argument)
        }
    }

    /// A function used as a condition.
    private mutating func conditionFunction(_ name: String, _ arguments: [OperandNode]) -> ConditionExpression {
        let placeholder = ConditionExpression.attributeExists(DocumentPath(attribute: name))
        guard checkFunction(name, arguments) else { return placeholder }
        let operands = arguments.map { operand($0) }
        switch name {
        case "attribute_exists", "attribute_not_exists":
            guard case .path(let path) = operands[0] else {
                parser.report(.operandType, "Operator or function requires a document path; operator or function: \(name)")
                return placeholder
            }
            return name == "attribute_exists" ? .attributeExists(path) : .attributeNotExists(path)
        case "attribute_type":
            checkDistinct(name, operands[0], operands[1])
            if case .value(let value) = operands[1] {
                if case .string(let typeName) = value {
                    if !Self.typeNames.contains(typeName) {
                        parser.report(
                            .operandType,
                            "Invalid attribute type name found; type: \(typeName), valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}"
                        )
                    }
                } else {
                    parser.report(
                        .operandType,
                        "Incorrect operand type for operator or function; operator or function: attribute_type, operand type: \(value.type.rawValue)"
                    )
                }
            } else {
                parser.report(
                    .operandType,
                    "Incorrect operand type for operator or function; operator or function: attribute_type, operand type: {NS,SS,L,BS,N,M,B,BOOL,NULL,S}"
                )
            }
            return .attributeType(operands[0], operands[1])
        case "begins_with":
            checkDistinct(name, operands[0], operands[1])
            for case .value(let value) in operands where value.type != .string && value.type != .binary {
                parser.report(
                    .operandType,
                    "Incorrect operand type for operator or function; operator or function: begins_with, operand type: \(value.type.rawValue)"
                )
            }
            return .beginsWith(operands[0], operands[1])
        case "contains":
            checkDistinct(name, operands[0], operands[1])
            return .contains(operands[0], operands[1])
        default:
            parser.report(.misusedFunction, "The function is not allowed to be used this way in an expression; function: \(name)")
            return placeholder
        }
    }

    /// Checks the name and the number of arguments; `false` when the call cannot be used.
    private mutating func checkFunction(_ name: String, _ arguments: [OperandNode]) -> Bool {
        guard let arity = Self.arity[name] else {
            parser.report(.unknownFunction, "Invalid function name; function: \(name)")
            return false
        }
        for case .function(let inner, _) in arguments where inner != "size" {
            parser.report(.misusedFunction, "The function is not allowed to be used this way in an expression; function: \(inner)")
        }
        guard arguments.count == arity else {
            parser.report(
                .operandCount,
                "Incorrect number of operands for operator or function; operator or function: \(name), number of operands: \(arguments.count)"
            )
            return false
        }
        return true
    }

    private mutating func checkDistinct(_ name: String, _ lhs: ConditionOperand, _ rhs: ConditionOperand) {
        if case .path(let left) = lhs, case .path(let right) = rhs, left == right {
            parser.report(
                .distinctOperands,
                "The first operand must be distinct from the remaining operands for this operator or function; operator: \(name), first operand: \(left.messageDescription)"
            )
        }
    }

    private mutating func checkBounds(_ lower: ConditionOperand, _ upper: ConditionOperand) {
        guard case .value(let low) = lower, case .value(let high) = upper else { return }
        let bounds = "lower bound operand: AttributeValue: {\(Self.describe(low))}, upper bound operand: AttributeValue: {\(Self.describe(high))}"
        if low.type != high.type {
            parser.report(.operandType, "The BETWEEN operator requires same data type for lower and upper bounds; \(bounds)")
        } else if let order = AttributeValue.compareScalars(low, high), order > 0 {
            parser.report(.operandType, "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; \(bounds)")
        }
    }

    /// `N:5`, `S:abc`: how DynamoDB prints a value in BETWEEN messages.
    static func describe(_ value: AttributeValue) -> String {
        switch value {
        case .string(let string): "S:\(string)"
        case .number(let number): "N:\(number)"
        case .binary(let bytes): "B:\(Base64.encode(bytes))"
        default: "\(value.type.rawValue):\(value)"
        }
    }
}
