/// The `ValidationException` messages shared by several operations, worded as DynamoDB words them.
extension DynamoDBError {
    static func numberNotNumeric(_ text: String?) -> DynamoDBError {
        .validation(
            text.map { "The parameter cannot be converted to a numeric value: \($0)" } ?? "The parameter cannot be converted to a numeric value"
        )
    }

    static let numberOverflow = DynamoDBError.validation(
        "Number overflow. Attempting to store a number with magnitude larger than supported range"
    )
    static let numberUnderflow = DynamoDBError.validation(
        "Number underflow. Attempting to store a number with magnitude smaller than supported range"
    )
    static let numberPrecision = DynamoDBError.validation("Attempting to store more than 38 significant digits in a Number")

    static let keySchemaMismatch = DynamoDBError.validation("The provided key element does not match the schema")

    static let itemTooLarge = DynamoDBError.validation("Item size has exceeded the maximum allowed size")
    static let updatedItemTooLarge = DynamoDBError.validation("Item size to update has exceeded the maximum allowed size")

    static let incorrectOperandType = DynamoDBError.validation("An operand in the update expression has an incorrect data type")
    static let invalidUpdatePath = DynamoDBError.validation("The document path provided in the update expression is invalid for update")
    static let missingOperandAttribute = DynamoDBError.validation(
        "The provided expression refers to an attribute that does not exist in the item"
    )

    static func invalidParameters(_ detail: String) -> DynamoDBError {
        .validation("One or more parameter values were invalid: \(detail)")
    }

    static func missingKey(_ name: String) -> DynamoDBError {
        .invalidParameters("Missing the key \(name) in the item")
    }

    static func keyTypeMismatch(_ name: String, expected: ScalarAttributeType, actual: AttributeValue) -> DynamoDBError {
        .invalidParameters("Type mismatch for key \(name) expected: \(expected.rawValue) actual: \(actual.type.rawValue)")
    }

    static func indexKeyTypeMismatch(_ name: String, expected: ScalarAttributeType, actual: AttributeValue, index: String) -> DynamoDBError {
        .invalidParameters(
            "Type mismatch for Index Key \(name) Expected: \(expected.rawValue) Actual: \(actual.type.rawValue) IndexName: \(index)"
        )
    }

    static func emptyKeyString(_ name: String) -> DynamoDBError {
        .validation(
            "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: \(name)"
        )
    }

    static func emptyKeyBinary(_ name: String) -> DynamoDBError {
        .validation(
            "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: \(name)"
        )
    }

    static func emptyIndexKey(_ name: String, index: String) -> DynamoDBError {
        .validation(
            "One or more parameter values are not valid. A value specified for a secondary index key is not supported. "
                + "The AttributeValue for a key attribute cannot contain an empty string value. IndexName: \(index), IndexKey: \(name)"
        )
    }

    static let hashKeyTooLong = DynamoDBError.invalidParameters("Size of hashkey has exceeded the maximum size limit of2048 bytes")
    static let rangeKeyTooLong = DynamoDBError.invalidParameters(
        "Aggregated size of all range keys has exceeded the size limit of 1024 bytes"
    )

    static func cannotUpdateKey(_ name: String) -> DynamoDBError {
        .invalidParameters("Cannot update attribute \(name). This attribute is part of the key")
    }

    static func nestedKeyPath(_ name: String, isIndexKey: Bool) -> DynamoDBError {
        .validation(
            "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: \(isIndexKey ? "IndexKey" : "Key"): \(name)"
        )
    }

    static let duplicateKeys = DynamoDBError.validation("Provided list of item keys contains duplicates")
}
