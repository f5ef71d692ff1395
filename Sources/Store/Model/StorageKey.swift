/// A key as the backends store it: byte strings whose bytewise order is DynamoDB's order for the key's
/// type, and a 32-bit hash of the partition key that orders scans and splits them into segments.
struct StorageKey: Sendable, Hashable, Comparable {
    var hash: UInt32
    var partition: [UInt8]
    /// Empty when the schema has no sort key.
    var sort: [UInt8]

    init(hash: UInt32, partition: [UInt8], sort: [UInt8]) {
        self.hash = hash
        self.partition = partition
        self.sort = sort
    }

    init(partition: [UInt8], sort: [UInt8]) {
        self.init(hash: KeyEncoding.hash(partition), partition: partition, sort: sort)
    }

    /// The key of `item` under `schema`; `nil` when the item lacks a key attribute or has it with the wrong type.
    init?(of item: Item, schema: KeySchema) {
        guard let partitionValue = item[schema.partitionKey.name], schema.partitionKey.type.matches(partitionValue) else { return nil }
        var sort: [UInt8] = []
        if let sortKey = schema.sortKey {
            guard let sortValue = item[sortKey.name], sortKey.type.matches(sortValue) else { return nil }
            sort = KeyEncoding.bytes(of: sortValue)
        }
        self.init(partition: KeyEncoding.bytes(of: partitionValue), sort: sort)
    }

    static func < (lhs: StorageKey, rhs: StorageKey) -> Bool {
        if lhs.hash != rhs.hash { return lhs.hash < rhs.hash }
        let partition = AttributeValue.compareBytes(lhs.partition, rhs.partition)
        if partition != 0 { return partition < 0 }
        return AttributeValue.compareBytes(lhs.sort, rhs.sort) < 0
    }

    /// A 64-bit digest of this key within `table`, for row locks shared between processes.
    func lockID(table: Int64) -> Int64 {
        var digest = KeyEncoding.FNV64()
        digest.add(UInt64(bitPattern: table))
        digest.add(partition)
        digest.add(UInt64(partition.count))
        digest.add(sort)
        return Int64(bitPattern: digest.value)
    }
}

/// Order-preserving byte encodings of key values.
enum KeyEncoding {
    /// `S` as its UTF-8 bytes, `B` as itself, `N` in an encoding whose bytewise order is numeric order.
    static func bytes(of value: AttributeValue) -> [UInt8] {
        switch value {
        case .string(let string): Array(string.utf8)
        case .binary(let bytes): bytes
        case .number(let number): bytes(of: number)
        default: []
        }
    }

    /// Sign class (negative 0x01, zero 0x02, positive 0x03), then the exponent of the leading digit
    /// (biased, inverted for negatives), then one byte per digit (inverted for negatives, which also get a
    /// terminator so that a shorter digit string sorts after its extensions).
    static func bytes(of number: DynamoNumber) -> [UInt8] {
        if number.isZero { return [0x02] }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(number.digits.count + 4)
        let biased = UInt16(clamping: number.exponent + 0x8000)
        if number.isNegative {
            bytes.append(0x01)
            bytes.append(UInt8(truncatingIfNeeded: ~biased >> 8))
            bytes.append(UInt8(truncatingIfNeeded: ~biased))
            for digit in number.digits { bytes.append(0x39 - digit) }
            bytes.append(0xFF)
        } else {
            bytes.append(0x03)
            bytes.append(UInt8(truncatingIfNeeded: biased >> 8))
            bytes.append(UInt8(truncatingIfNeeded: biased))
            for digit in number.digits { bytes.append(0x30 + digit) }
        }
        return bytes
    }

    /// FNV-1a over the partition key bytes: stable across processes and machines.
    static func hash(_ bytes: [UInt8]) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in bytes {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return hash
    }

    /// The smallest byte string greater than every string starting with `prefix`; `nil` when none exists.
    static func prefixUpperBound(_ prefix: [UInt8]) -> [UInt8]? {
        var bound = prefix
        while let last = bound.last {
            if last < 0xFF {
                bound[bound.count - 1] = last + 1
                return bound
            }
            bound.removeLast()
        }
        return nil
    }

    /// The first hash value of `segment` out of `totalSegments` (segments split the hash space evenly).
    static func segmentStart(_ segment: Int, of totalSegments: Int) -> UInt64 {
        UInt64(segment) * (UInt64(1) << 32) / UInt64(totalSegments)
    }

    struct FNV64 {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325

        mutating func add(_ bytes: [UInt8]) {
            for byte in bytes {
                value ^= UInt64(byte)
                value = value &* 0x0000_0100_0000_01B3
            }
        }

        mutating func add(_ word: UInt64) {
            for shift in stride(from: 0, to: 64, by: 8) {
                value ^= (word >> UInt64(shift)) & 0xFF
                value = value &* 0x0000_0100_0000_01B3
            }
        }
    }
}
