import Testing

@testable import Store

@Suite("Update expressions")
struct UpdateExpressionTests {
    private let item: Item = [
        "id": .string("a"),
        "hits": number("5"),
        "tags": .stringSet(["x", "y"]),
        "letters": .list([.string("a"), .string("b"), .string("c"), .string("d")]),
        "doc": .map(["nest": .map(["deep": number("1")])]),
        "label": .string("old"),
    ]

    private let values: [String: AttributeValue] = [
        ":one": number("1"), ":ten": number("10"), ":new": .string("new"), ":more": .list([.string("e")]),
        ":tags": .stringSet(["y", "z"]), ":drop": .stringSet(["x", "y"]), ":zero": number("0"), ":s": .string("s"),
        ":nums": .numberSet([try! DynamoNumber(parsing: "7")]),
    ]

    private func apply(_ expression: String, to item: Item? = nil, names: [String: String] = [:]) throws -> Item {
        var attributes = ExpressionAttributes(names: names, values: values)
        let update = try UpdateParser.parse(expression, attributes: &attributes)
        return try update.apply(to: item ?? self.item)
    }

    @Test("SET with arithmetic, if_not_exists and list_append")
    func set() throws {
        let updated = try apply(
            "SET #h = #h + :ten, tally = if_not_exists(tally, :zero) - :one, letters = list_append(letters, :more), doc.nest.extra = :new, label = :new",
            names: ["#h": "hits"]
        )
        #expect(updated["hits"] == number("15"))
        #expect(updated["tally"] == number("-1"))
        #expect(updated["letters"] == .list([.string("a"), .string("b"), .string("c"), .string("d"), .string("e")]))
        #expect(updated["doc"] == .map(["nest": .map(["deep": number("1"), "extra": .string("new")])]))
        #expect(updated["label"] == .string("new"))
    }

    @Test("SET values are computed from the item as it was")
    func setUsesOldValues() throws {
        let updated = try apply("SET label = :new, dup = label")
        #expect(updated["dup"] == .string("old"))
    }

    @Test("SET past the end of a list appends")
    func setAppends() throws {
        #expect(try apply("SET letters[10] = :new")["letters"] == .list([.string("a"), .string("b"), .string("c"), .string("d"), .string("new")]))
        #expect(try apply("SET letters[0] = :new")["letters"] == .list([.string("new"), .string("b"), .string("c"), .string("d")]))
    }

    @Test("REMOVE attributes and list elements by their original positions")
    func remove() throws {
        let updated = try apply("REMOVE label, letters[1], letters[2], doc.nest.deep, absent")
        #expect(updated["label"] == nil)
        #expect(updated["letters"] == .list([.string("a"), .string("d")]))
        #expect(updated["doc"] == .map(["nest": .map([:])]))
    }

    @Test("ADD to numbers and sets, creating them when absent")
    func add() throws {
        let updated = try apply("ADD #h :one, tags :tags, newCount :ten, newSet :nums", names: ["#h": "hits"])
        #expect(updated["hits"] == number("6"))
        #expect(updated["tags"] == .stringSet(["x", "y", "z"]))
        #expect(updated["newCount"] == number("10"))
        #expect(updated["newSet"] == .numberSet([try DynamoNumber(parsing: "7")]))
    }

    @Test("DELETE from sets, removing emptied sets")
    func delete() throws {
        #expect(try apply("DELETE tags :tags")["tags"] == .stringSet(["x"]))
        #expect(try apply("DELETE tags :drop")["tags"] == nil)
        #expect(try apply("DELETE absent :drop")["absent"] == nil)
    }

    @Test(
        "runtime errors are worded as DynamoDB words them",
        arguments: [
            ("SET a = absent", "The provided expression refers to an attribute that does not exist in the item"),
            ("SET a = label + :one", "An operand in the update expression has an incorrect data type"),
            ("SET a = list_append(label, :more)", "An operand in the update expression has an incorrect data type"),
            ("ADD label :one", "An operand in the update expression has an incorrect data type"),
            ("DELETE hits :drop", "An operand in the update expression has an incorrect data type"),
            ("SET nope.child = :one", "The document path provided in the update expression is invalid for update"),
            ("SET label.child = :one", "The document path provided in the update expression is invalid for update"),
            ("REMOVE nope.child", "The document path provided in the update expression is invalid for update"),
        ]
    )
    func runtimeErrors(expression: String, message: String) {
        #expect(throws: DynamoDBError.validation(message)) { try apply(expression) }
    }

    private func failure(_ expression: String) -> String? {
        var attributes = ExpressionAttributes(values: values)
        do {
            _ = try UpdateParser.parse(expression, attributes: &attributes)
            return nil
        } catch {
            return error.message
        }
    }

    @Test(
        "compile errors are worded as DynamoDB words them",
        arguments: [
            ("SET a = :one SET b = :one", #"The "SET" section can only be used once in an update expression;"#),
            (
                "SET a = :one, a.b = :one",
                "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]"
            ),
            (
                "SET a.b = :one REMOVE a[0]",
                "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, [0]]"
            ),
            ("ADD a :new", "Incorrect operand type for operator or function; operator: ADD, operand type: STRING"),
            ("DELETE a :one", "Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER"),
            ("SET a = foo(b)", "Invalid function name; function: foo"),
            ("SET a = attribute_exists(b)", "The function is not allowed in an update expression; function: attribute_exists"),
            ("SET a = if_not_exists(:one, :one)", "Operator or function requires a document path; operator or function: if_not_exists"),
            (
                "SET a = list_append(:s, letters)",
                "Incorrect operand type for operator or function; operator or function: list_append, operand type: S"
            ),
            ("SET a = b + :s", "Incorrect operand type for operator or function; operator or function: +, operand type: S"),
            (
                "SET a = list_append(b)",
                "Incorrect number of operands for operator or function; operator or function: list_append, number of operands: 1"
            ),
            ("SET a :one", #"Syntax error; token: ":one", near: "a :one""#),
            ("UPSERT a = :one", #"Syntax error; token: "UPSERT", near: "UPSERT a""#),
            ("SET", #"Syntax error; token: "<EOF>", near: "SET""#),
        ]
    )
    func compileErrors(expression: String, message: String) {
        #expect(failure(expression) == message)
    }

    @Test("parenthesised values")
    func parentheses() throws {
        #expect(try apply("SET a = (#h + :one)", names: ["#h": "hits"])["a"] == number("6"))
        #expect(try apply("SET a = (#h) + :one", names: ["#h": "hits"])["a"] == number("6"))
    }
}

@Suite("Projection expressions")
struct ProjectionExpressionTests {
    private let item: Item = [
        "a": .string("x"),
        "b": .map(["c": number("1"), "d": number("2")]),
        "l": .list([.string("0"), .map(["n": .string("one"), "m": .null]), .string("2")]),
    ]

    private func project(_ expression: String) throws -> Item {
        var attributes = ExpressionAttributes()
        return try ProjectionExpression.parse(expression, attributes: &attributes).apply(to: item)
    }

    @Test("selects nested paths and list elements")
    func selection() throws {
        #expect(try project("a, absent") == ["a": .string("x")])
        #expect(try project("b.c") == ["b": .map(["c": number("1")])])
        #expect(try project("l[2], l[0]") == ["l": .list([.string("0"), .string("2")])])
        #expect(try project("l[1].n, b.d") == ["l": .list([.map(["n": .string("one")])]), "b": .map(["d": number("2")])])
        #expect(try project("l[7]") == [:])
    }

    @Test("overlapping paths are refused")
    func overlap() {
        var attributes = ExpressionAttributes()
        #expect(throws: ExpressionError.self) { try ProjectionExpression.parse("b, b.c", attributes: &attributes) }
    }
}

@Suite("Key conditions")
struct KeyConditionTests {
    private func extract(_ expression: String) throws -> KeyConditions {
        var attributes = ExpressionAttributes(values: [":p": .string("p"), ":s": number("1"), ":t": number("5")])
        return try KeyConditions.extract(from: try ConditionParser.parse(expression, attributes: &attributes))
    }

    @Test("reads partition and sort conditions, swapping reversed comparisons")
    func extraction() throws {
        let conditions = try extract("pk = :p AND :s < sk")
        #expect(conditions.predicate(for: "pk") == .comparison(.equal, .string("p")))
        #expect(conditions.predicate(for: "sk") == .comparison(.greater, number("1")))
        #expect(try extract("pk = :p AND sk BETWEEN :s AND :t").predicate(for: "sk") == .between(number("1"), number("5")))
        #expect(try extract("pk = :p AND begins_with(sk, :p)").predicate(for: "sk") == .beginsWith(.string("p")))
    }

    @Test(
        "refusals are worded as DynamoDB words them",
        arguments: [
            ("pk = :p OR sk = :s", "Invalid operator used in KeyConditionExpression: OR"),
            ("pk <> :p", "Invalid operator used in KeyConditionExpression: <>"),
            ("pk IN (:p)", "Invalid operator used in KeyConditionExpression: IN"),
            ("attribute_exists(pk)", "Invalid operator used in KeyConditionExpression: attribute_exists"),
            ("pk = :p AND pk = :p", "KeyConditionExpressions must only contain one condition per key"),
            ("pk.x = :p", "KeyConditionExpressions cannot have conditions on nested attributes"),
            ("pk = sk", "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition"),
            ("size(pk) = :s", "KeyConditionExpressions cannot contain nested operations"),
            ("pk = :p AND sk = :s AND x = :t", "Conditions can be of length 1 or 2 only"),
        ]
    )
    func refusals(expression: String, message: String) {
        #expect(throws: DynamoDBError.validation(message)) { try extract(expression) }
    }
}
