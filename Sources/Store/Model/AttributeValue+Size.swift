/// Item sizes as DynamoDB counts them (developer guide, "Item sizes and formats").
public enum ItemSize {
    /// The largest item DynamoDB stores: 400 KB, attribute names included.
    public static let maximumItemBytes = 400 * 1024
    /// The most data one `Query` or `Scan` page reads before it stops with a `LastEvaluatedKey`.
    public static let maximumPageBytes = 1024 * 1024
    /// The largest partition key value, in bytes.
    public static let maximumPartitionKeyBytes = 2048
    /// The largest sort key value, in bytes.
    public static let maximumSortKeyBytes = 1024

    /// The size of an item: for each attribute, its name's UTF-8 bytes plus its value's size.
    public static func of(_ item: Item) -> Int {
        var size = 0
        for (name, value) in item {
            size += name.utf8.count + of(value)
        }
        return size
    }

    /// The size of one value without its name.
    ///
    /// Strings count their UTF-8 bytes and binaries their raw bytes; `BOOL` and `NULL` one byte; a list or
    /// map 3 bytes plus 1 byte per element; sets the sum of their elements. A number takes one byte per two
    /// significant digits (paired from the decimal point, as base-100 digits) plus one, and one more when
    /// negative; this is the documented "approximately" made exact the way the service stores numbers.
    public static func of(_ value: AttributeValue) -> Int {
        switch value {
        case .string(let string): string.utf8.count
        case .number(let number): of(number)
        case .binary(let bytes): bytes.count
        case .boolean, .null: 1
        case .stringSet(let strings): strings.reduce(0) { $0 + $1.utf8.count }
        case .numberSet(let numbers): numbers.reduce(0) { $0 + of($1) }
        case .binarySet(let binaries): binaries.reduce(0) { $0 + $1.count }
        case .list(let values): values.reduce(3) { $0 + 1 + of($1) }
        case .map(let members): members.reduce(3) { $0 + 1 + $1.key.utf8.count + of($1.value) }
        }
    }

    /// The stored size of a number.
    public static func of(_ number: DynamoNumber) -> Int {
        if number.isZero { return 1 }
        let count = number.digits.count
        let pairs = (count + 1) / 2
        let misaligned = count % 2 == 0 && number.exponent % 2 == 0 ? 1 : 0
        return 1 + pairs + misaligned + (number.isNegative ? 1 : 0)
    }
}
