import Testing

@testable import Store

@Suite("Item size")
struct ItemSizeTests {
    private func number(_ text: String) throws -> AttributeValue { .number(try DynamoNumber(parsing: text)) }

    @Test("strings, binaries, booleans and nulls count as documented")
    func scalars() {
        #expect(ItemSize.of(["name": .string("héllo")]) == 4 + 6)
        #expect(ItemSize.of(["b": .binary([1, 2, 3])]) == 1 + 3)
        #expect(ItemSize.of(["t": .boolean(true), "n": .null]) == 2 + 2)
    }

    @Test("numbers take a byte per two digits plus one", arguments: [("0", 1), ("1", 2), ("12", 2), ("123", 3), ("1.5", 3), ("15", 2), ("-1", 3)])
    func numbers(text: String, size: Int) throws {
        #expect(ItemSize.of(try number(text)) == size)
    }

    @Test("lists and maps add three bytes plus one per element")
    func documents() {
        #expect(ItemSize.of(.list([])) == 3)
        #expect(ItemSize.of(.list([.string("ab"), .null])) == 3 + (1 + 2) + (1 + 1))
        #expect(ItemSize.of(.map(["k": .string("v")])) == 3 + 1 + 1 + 1)
        #expect(ItemSize.of(.stringSet(["ab", "c"])) == 3)
    }

    @Test("items over 400 KB are refused, 400 KB exactly is fine")
    func limit() throws {
        let name = "data"
        let fits: Item = ["data": .string(String(repeating: "x", count: ItemSize.maximumItemBytes - name.utf8.count))]
        try KeyValidation.size(of: fits)
        let tooBig: Item = ["data": .string(String(repeating: "x", count: ItemSize.maximumItemBytes - name.utf8.count + 1))]
        #expect(throws: DynamoDBError.validation("Item size has exceeded the maximum allowed size")) { try KeyValidation.size(of: tooBig) }
        #expect(throws: DynamoDBError.validation("Item size to update has exceeded the maximum allowed size")) {
            try KeyValidation.size(of: tooBig, isUpdate: true)
        }
    }
}

@Suite("Key ordering and validation")
struct KeyOrderingTests {
    @Test("number keys order numerically as bytes")
    func numberOrder() throws {
        let texts = ["-1000", "-10.5", "-10", "-1.02", "-1", "-0.5", "0", "0.001", "0.5", "1", "1.02", "9", "10", "10.5", "1000", "1E+100"]
        let encoded = try texts.map { KeyEncoding.bytes(of: try DynamoNumber(parsing: $0)) }
        for (lower, upper) in zip(encoded, encoded.dropFirst()) {
            #expect(AttributeValue.compareBytes(lower, upper) < 0)
        }
    }

    @Test("string keys order by UTF-8 bytes, not by Unicode collation")
    func stringOrder() {
        let values = ["A", "Z", "a", "z", "é", "😀"]
        for (lower, upper) in zip(values, values.dropFirst()) {
            #expect(AttributeValue.compareScalars(.string(lower), .string(upper)) == -1)
            #expect(AttributeValue.compareBytes(KeyEncoding.bytes(of: .string(lower)), KeyEncoding.bytes(of: .string(upper))) < 0)
        }
    }

    @Test("binary keys order bytewise")
    func binaryOrder() {
        #expect(AttributeValue.compareScalars(.binary([0x01]), .binary([0x01, 0x00])) == -1)
        #expect(AttributeValue.compareScalars(.binary([0x7F]), .binary([0x80])) == -1)
    }

    @Test("prefix upper bounds")
    func prefixBounds() {
        #expect(KeyEncoding.prefixUpperBound([0x61, 0x62]) == [0x61, 0x63])
        #expect(KeyEncoding.prefixUpperBound([0x61, 0xFF]) == [0x62])
        #expect(KeyEncoding.prefixUpperBound([0xFF]) == nil)
    }

    private let table = TableDefinition(
        name: "shows",
        keySchema: KeySchema(partitionKey: KeyAttribute(name: "pk", type: .string), sortKey: KeyAttribute(name: "sk", type: .number)),
        globalSecondaryIndexes: [
            SecondaryIndex(name: "byGenre", keySchema: KeySchema(partitionKey: KeyAttribute(name: "genre", type: .string)))
        ]
    )

    @Test("key parameters must match the schema exactly")
    func keyChecks() throws {
        let schema = table.keySchema
        _ = try KeyValidation.key(["pk": .string("a"), "sk": .number(DynamoNumber(1))], schema: schema)
        for bad: Item in [["pk": .string("a")], ["pk": .string("a"), "sk": .string("1")], ["pk": .string("a"), "sk": .number(.zero), "x": .null]] {
            #expect(throws: DynamoDBError.keySchemaMismatch) { try KeyValidation.key(bad, schema: schema) }
        }
        #expect(throws: DynamoDBError.emptyKeyString("pk")) { try KeyValidation.key(["pk": .string(""), "sk": .number(.zero)], schema: schema) }
        let long = String(repeating: "x", count: 2049)
        #expect(throws: DynamoDBError.hashKeyTooLong) { try KeyValidation.key(["pk": .string(long), "sk": .number(.zero)], schema: schema) }
    }

    @Test("items must carry their keys with the right types")
    func itemChecks() throws {
        #expect(throws: DynamoDBError.validation("One or more parameter values were invalid: Missing the key sk in the item")) {
            try KeyValidation.item(["pk": .string("a")], table: table)
        }
        #expect(throws: DynamoDBError.validation("One or more parameter values were invalid: Type mismatch for key sk expected: N actual: S")) {
            try KeyValidation.item(["pk": .string("a"), "sk": .string("1")], table: table)
        }
        let message = "One or more parameter values were invalid: Type mismatch for Index Key genre Expected: S Actual: N IndexName: byGenre"
        #expect(throws: DynamoDBError.validation(message)) {
            try KeyValidation.item(["pk": .string("a"), "sk": .number(.zero), "genre": .number(.zero)], table: table)
        }
    }
}
