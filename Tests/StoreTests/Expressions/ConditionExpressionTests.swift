import Testing

@testable import Store

func number(_ text: String) -> AttributeValue {
    .number(try! DynamoNumber(parsing: text))
}

@Suite("Condition expressions")
struct ConditionExpressionTests {
    private let item: Item = [
        "id": .string("show-1"),
        "title": .string("Hamlet"),
        "yr": number("1603"),
        "rating": number("4.5"),
        "tags": .stringSet(["drama", "classic"]),
        "scores": .numberSet([try! DynamoNumber(parsing: "1"), try! DynamoNumber(parsing: "2")]),
        "actors": .list([.string("Hamlet"), .map(["name": .string("Ophelia"), "age": number("17")])]),
        "venue": .map(["city": .string("London"), "seats": number("1500")]),
        "bin": .binary([1, 2, 3, 4]),
        "active": .boolean(true),
        "nothing": .null,
    ]

    private let values: [String: AttributeValue] = [
        ":title": .string("Hamlet"), ":ham": .string("Ham"), ":yr": number("1603"), ":old": number("1500"), ":new": number("2000"),
        ":drama": .string("drama"), ":two": number("2"), ":S": .string("S"), ":SS": .string("SS"), ":london": .string("London"),
        ":bytes": .binary([1, 2]), ":ophelia": .map(["name": .string("Ophelia"), "age": number("17")]), ":six": number("6"),
        ":seventeen": number("17"),
    ]

    private func check(_ expression: String, names: [String: String] = [:]) throws -> Bool {
        var attributes = ExpressionAttributes(names: names, values: values)
        return try ConditionParser.parse(expression, attributes: &attributes).isSatisfied(by: item)
    }

    @Test(
        "evaluates every form",
        arguments: [
            ("title = :title", true), ("title <> :title", false), ("yr < :new", true), ("yr <= :yr", true), ("yr > :new", false),
            ("yr >= :old", true), ("yr BETWEEN :old AND :new", true), ("rating BETWEEN :yr AND :new", false),
            ("title IN (:ham, :title)", true), ("yr IN (:old, :new)", false), ("attribute_exists(title)", true),
            ("attribute_not_exists(absent)", true), ("attribute_exists(venue.city)", true), ("attribute_exists(actors[1].age)", true),
            ("attribute_exists(actors[5])", false), ("attribute_type(tags, :SS)", true), ("attribute_type(title, :S)", true),
            ("attribute_type(yr, :S)", false), ("begins_with(title, :ham)", true), ("begins_with(bin, :bytes)", true),
            ("contains(title, :ham)", true), ("contains(tags, :drama)", true), ("contains(scores, :two)", true),
            ("contains(actors, :title)", true), ("contains(actors, :ophelia)", true), ("contains(bin, :bytes)", true),
            ("size(title) = :six", true), ("size(tags) = :two", true), ("size(actors) > :two", false), ("size(venue) = :two", true),
            ("venue.city = :london", true), ("actors[1].age = :seventeen", true), ("NOT title = :ham", true),
            ("title = :ham OR yr = :yr", true), ("title = :ham AND yr = :yr", false),
            ("title = :ham AND yr = :yr OR rating < :two", false), ("title = :title OR yr = :old AND rating = :two", true),
            ("(title = :title OR yr = :old) AND rating = :two", false), ("NOT (title = :ham OR yr = :old)", true),
            ("absent <> :title", true), ("absent = :title", false), ("absent < :title", false), ("title < :yr", false),
            ("(title) = :title", true), ("not title = :title and attribute_exists(title)", false),
        ]
    )
    func evaluation(expression: String, expected: Bool) throws {
        #expect(try check(expression) == expected)
    }

    @Test("expression attribute names substitute into paths")
    func names() throws {
        #expect(try check("#y = :yr AND #v.#c = :london", names: ["#y": "yr", "#v": "venue", "#c": "city"]))
    }

    private func failure(_ expression: String, names: [String: String] = [:]) -> String? {
        var attributes = ExpressionAttributes(names: names, values: values)
        do {
            _ = try ConditionParser.parse(expression, attributes: &attributes)
            return nil
        } catch {
            return error.message
        }
    }

    @Test(
        "refusals are worded as DynamoDB words them",
        arguments: [
            ("", "The expression can not be empty;"),
            ("title =", #"Syntax error; token: "<EOF>", near: "=""#),
            ("title = :title :ham", #"Syntax error; token: ":ham", near: ":title :ham""#),
            ("title == :title", #"Syntax error; token: "=", near: "== :title""#),
            ("title = :title !", #"Syntax error; token: "!", near: ":title !""#),
            ("status = :title", "Attribute name is a reserved keyword; reserved keyword: status"),
            ("#x = :title", "An expression attribute name used in the document path is not defined; attribute name: #x"),
            ("title = :nope", "An expression attribute value used in expression is not defined; attribute value: :nope"),
            ("foo(title)", "Invalid function name; function: foo"),
            ("begins_with(title)", "Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1"),
            ("attribute_exists(:title)", "Operator or function requires a document path; operator or function: attribute_exists"),
            ("attribute_exists(title) = :title", "The function is not allowed to be used this way in an expression; function: attribute_exists"),
            ("size(title)", "The function is not allowed to be used this way in an expression; function: size"),
            (
                "title = title",
                "The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [title]"
            ),
            ("begins_with(title, :yr)", "Incorrect operand type for operator or function; operator or function: begins_with, operand type: N"),
            ("attribute_type(title, :ham)", "Invalid attribute type name found; type: Ham, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}"),
            (
                "yr BETWEEN :new AND :old",
                "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:2000}, upper bound operand: AttributeValue: {N:1500}"
            ),
            (
                "yr BETWEEN :title AND :old",
                "The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {S:Hamlet}, upper bound operand: AttributeValue: {N:1500}"
            ),
            ("((title = :title))", "The expression has redundant parentheses;"),
        ]
    )
    func refusals(expression: String, message: String) {
        #expect(failure(expression) == message)
    }

    @Test("unused names and values are refused, names first")
    func unused() throws {
        var attributes = ExpressionAttributes(names: ["#t": "title", "#u": "unused"], values: [":title": .string("x"), ":u": .null])
        _ = try ConditionParser.parse("#t = :title", attributes: &attributes)
        #expect(throws: DynamoDBError.validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {#u}")) {
            try attributes.checkAllUsed()
        }
        attributes.names["#u"] = nil
        #expect(throws: DynamoDBError.validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {:u}")) {
            try attributes.checkAllUsed()
        }
    }

    @Test("NOT binds tighter than AND, AND tighter than OR")
    func precedence() throws {
        var attributes = ExpressionAttributes(values: [":a": .string("a"), ":b": .string("b")])
        let parsed = try ConditionParser.parse("NOT x = :a AND y = :b OR z = :a", attributes: &attributes)
        let x = ConditionExpression.comparison(.path(DocumentPath(attribute: "x")), .equal, .value(.string("a")))
        let y = ConditionExpression.comparison(.path(DocumentPath(attribute: "y")), .equal, .value(.string("b")))
        let z = ConditionExpression.comparison(.path(DocumentPath(attribute: "z")), .equal, .value(.string("a")))
        #expect(parsed == .or(.and(.not(x), y), z))
    }
}
