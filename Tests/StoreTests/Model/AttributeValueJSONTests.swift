import Testing

@testable import Store

@Suite("AttributeValue DynamoDB JSON")
struct AttributeValueJSONTests {
    private func decode(_ text: String) throws -> AttributeValue {
        try AttributeValue(json: JSONParser.parse(text))
    }

    private func encode(_ value: AttributeValue) -> String {
        var writer = JSONWriter()
        value.write(to: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    @Test(
        "every type round-trips",
        arguments: [
            #"{"S":"héllo \"quoted\"\n"}"#, #"{"N":"-12.5"}"#, #"{"B":"AAEC/w=="}"#, #"{"BOOL":true}"#, #"{"BOOL":false}"#,
            #"{"NULL":true}"#, #"{"M":{"a":{"S":"x"},"b":{"L":[{"N":"1"},{"NULL":true}]}}}"#, #"{"L":[]}"#, #"{"M":{}}"#,
            #"{"SS":["a","b"]}"#, #"{"NS":["1","2.5"]}"#, #"{"BS":["AQ==","Ag=="]}"#, #"{"S":""}"#, #"{"B":""}"#,
        ]
    )
    func roundTrip(text: String) throws {
        #expect(encode(try decode(text)) == text)
    }

    @Test("typed values")
    func typedValues() throws {
        #expect(try decode(#"{"B":"AAEC/w=="}"#) == .binary([0, 1, 2, 255]))
        #expect(try decode(#"{"N":"1.50"}"#) == .number(try DynamoNumber(parsing: "1.5")))
        #expect(try decode(#"{"SS":["b","a"]}"#) == .stringSet(["a", "b"]))
        #expect(try decode(#"{"NS":["1","2"]}"#) != .numberSet([try DynamoNumber(parsing: "1")]))
        #expect(encode(try decode(#"{"N":"1E+2"}"#)) == #"{"N":"100"}"#)
        #expect(encode(try decode(#"{"S":"\u00e9\ud83d\ude00"}"#)) == #"{"S":"é😀"}"#)
    }

    @Test(
        "refusals are worded as DynamoDB words them",
        arguments: [
            (#"{}"#, "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
            (#"{"S":"a","N":"1"}"#, "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"),
            (#"{"NULL":false}"#, "One or more parameter values were invalid: Null attribute value types must have the value of true"),
            (#"{"SS":[]}"#, "One or more parameter values were invalid: An string set  may not be empty"),
            (#"{"NS":[]}"#, "One or more parameter values were invalid: An number set  may not be empty"),
            (#"{"BS":[]}"#, "One or more parameter values were invalid: Binary sets should not be empty"),
            (#"{"SS":["a","a"]}"#, "One or more parameter values were invalid: Input collection [a, a] contains duplicates."),
            (#"{"NS":["1","1.0"]}"#, "Input collection contains duplicates"),
            (#"{"N":"x"}"#, "The parameter cannot be converted to a numeric value: x"),
            (#"{"M":{"a":{"N":"1E+999"}}}"#, "Number overflow. Attempting to store a number with magnitude larger than supported range"),
        ]
    )
    func validation(text: String, message: String) {
        #expect(throws: DynamoDBError.validation(message)) { try decode(text) }
    }

    @Test(
        "wrong JSON types are SerializationExceptions",
        arguments: [
            (#"{"S":1}"#, "NUMBER_VALUE cannot be converted to String"),
            (#"{"BOOL":"yes"}"#, "STRING_VALUE cannot be converted to Boolean"),
            (#"{"L":{}}"#, "Start of structure or map found where not expected."),
            (#"{"M":[]}"#, "Start of list found where not expected"),
            (#"{"B":"abc"}"#, "'abc' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 3"),
            (#"{"B":"ab!="}"#, "'ab!=' can not be converted to a Blob: Invalid Base64 character: '!'"),
        ]
    )
    func serialization(text: String, message: String) {
        #expect(throws: DynamoDBError.serialization(message)) { try decode(text) }
    }

    @Test("nesting deeper than 32 levels is refused")
    func nesting() throws {
        let deep = String(repeating: #"{"L":["#, count: 33) + #"{"S":"x"}"# + String(repeating: "]}", count: 33)
        #expect(throws: DynamoDBError.validation("Nesting Levels have exceeded supported limits")) { try decode(deep) }
        let allowed = String(repeating: #"{"L":["#, count: 32) + #"{"S":"x"}"# + String(repeating: "]}", count: 32)
        _ = try decode(allowed)
    }

    @Test("sets compare as sets and hash alike")
    func setEquality() {
        let one = AttributeValue.stringSet(["x", "y"])
        let two = AttributeValue.stringSet(["y", "x"])
        #expect(one == two)
        #expect(Set([one, two]).count == 1)
    }
}

@Suite("JSON parser")
struct JSONParserTests {
    @Test("parses documents", arguments: [#"{"a":[1,-2.5e3,true,false,null,"x"]}"#, " [ ] ", #""\u0041\t""#, "0"])
    func valid(text: String) throws {
        _ = try JSONParser.parse(text)
    }

    @Test("refuses malformed documents", arguments: ["", "{", #"{"a":}"#, "[1,]", "01", "1.", "tru", #""\x""#, "{} x", #"{"a" 1}"#])
    func invalid(text: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(text) }
    }

    @Test("numbers keep their source text")
    func numberText() throws {
        #expect(try JSONParser.parse("123456789012345678901234567890") == .number("123456789012345678901234567890"))
    }
}
