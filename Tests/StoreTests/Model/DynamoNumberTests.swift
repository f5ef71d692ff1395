import Testing

@testable import Store

@Suite("DynamoDB numbers")
struct DynamoNumberTests {
    @Test(
        "normalises as DynamoDB does",
        arguments: [
            ("1.0", "1"), ("0.50", "0.5"), ("-0", "0"), ("00012.3400", "12.34"), ("1E+3", "1000"), ("1.5e3", "1500"),
            (".5", "0.5"), ("5.", "5"), ("+7", "7"), ("-0.000120", "-0.00012"), ("1e-3", "0.001"), ("123456789", "123456789"),
            ("9.9999999999999999999999999999999999999E+125", "99999999999999999999999999999999999999" + String(repeating: "0", count: 88)),
            ("1E-130", "0." + String(repeating: "0", count: 129) + "1"),
        ]
    )
    func normalisation(input: String, expected: String) throws {
        #expect(try DynamoNumber(parsing: input).description == expected)
    }

    @Test(
        "refuses what DynamoDB refuses, in its words",
        arguments: [
            ("abc", "The parameter cannot be converted to a numeric value: abc"),
            ("", "The parameter cannot be converted to a numeric value"),
            ("1..2", "The parameter cannot be converted to a numeric value: 1..2"),
            ("1e", "The parameter cannot be converted to a numeric value: 1e"),
            ("NaN", "The parameter cannot be converted to a numeric value: NaN"),
            ("1E+126", "Number overflow. Attempting to store a number with magnitude larger than supported range"),
            ("1E-131", "Number underflow. Attempting to store a number with magnitude smaller than supported range"),
            ("1234567890123456789012345678901234567891", "Attempting to store more than 38 significant digits in a Number"),
        ]
    )
    func refusals(input: String, message: String) {
        #expect(throws: DynamoDBError.validation(message)) { try DynamoNumber(parsing: input) }
    }

    @Test("38 significant digits are kept exactly, trailing zeros do not count")
    func precision() throws {
        let digits = "12345678901234567890123456789012345678"
        #expect(try DynamoNumber(parsing: digits).description == digits)
        #expect(try DynamoNumber(parsing: digits + "000").description == digits + "000")
        #expect(try DynamoNumber(parsing: "0." + digits).description == "0." + digits)
    }

    @Test("orders numerically", arguments: [("-10", "-9.5"), ("-1", "0"), ("0", "0.001"), ("2", "10"), ("1", "1.01"), ("-1.01", "-1")])
    func ordering(smaller: String, larger: String) throws {
        #expect(try DynamoNumber(parsing: smaller) < DynamoNumber(parsing: larger))
        #expect(!(try DynamoNumber(parsing: larger) < DynamoNumber(parsing: smaller)))
    }

    @Test("equal values are equal whatever their spelling")
    func equality() throws {
        #expect(try DynamoNumber(parsing: "1.0") == DynamoNumber(parsing: "1"))
        #expect(try DynamoNumber(parsing: "100") == DynamoNumber(parsing: "1E2"))
    }

    @Test(
        "adds and subtracts exactly",
        arguments: [
            ("0.1", "0.2", "0.3"), ("1", "-1", "0"), ("99999999999999999999999999999999999999", "1", "100000000000000000000000000000000000000"),
            ("-5.5", "2.25", "-3.25"), ("1E+100", "1E+100", "2" + String(repeating: "0", count: 100)), ("0", "-3", "-3"),
            ("123.456", "-123.455", "0.001"),
        ]
    )
    func addition(lhs: String, rhs: String, sum: String) throws {
        #expect(try DynamoNumber(parsing: lhs).adding(DynamoNumber(parsing: rhs)).description == sum)
    }

    @Test("arithmetic results are held to the same limits")
    func arithmeticLimits() throws {
        let big = try DynamoNumber(parsing: "9.9999999999999999999999999999999999999E+125")
        #expect(throws: DynamoDBError.numberOverflow) { try big.adding(big) }
        let wide = try DynamoNumber(parsing: "1E+38")
        #expect(throws: DynamoDBError.numberPrecision) { try wide.adding(DynamoNumber(parsing: "0.1")) }
        #expect(try DynamoNumber(parsing: "10").subtracting(DynamoNumber(parsing: "0.5")).description == "9.5")
    }

    @Test("integer conversions")
    func integers() throws {
        #expect(try DynamoNumber(parsing: "42").intValue == 42)
        #expect(try DynamoNumber(parsing: "-42").intValue == -42)
        #expect(try DynamoNumber(parsing: "4.2").intValue == nil)
        #expect(DynamoNumber(-1230).description == "-1230")
        #expect(try DynamoNumber(parsing: "1700000000.9").flooredInt64 == 1_700_000_000)
        #expect(try DynamoNumber(parsing: "-1.5").flooredInt64 == -2)
    }
}
