/// Standard base64 (RFC 4648 §4, padded), with the decoding errors DynamoDB reports for blobs.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    private static let reverse: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, character) in alphabet.enumerated() { table[Int(character)] = UInt8(value) }
        return table
    }()

    static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= bytes.count {
            let chunk = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            output.append(alphabet[Int(chunk >> 18 & 63)])
            output.append(alphabet[Int(chunk >> 12 & 63)])
            output.append(alphabet[Int(chunk >> 6 & 63)])
            output.append(alphabet[Int(chunk & 63)])
            index += 3
        }
        let remaining = bytes.count - index
        if remaining > 0 {
            let chunk = UInt32(bytes[index]) << 16 | (remaining == 2 ? UInt32(bytes[index + 1]) << 8 : 0)
            output.append(alphabet[Int(chunk >> 18 & 63)])
            output.append(alphabet[Int(chunk >> 12 & 63)])
            output.append(remaining == 2 ? alphabet[Int(chunk >> 6 & 63)] : UInt8(ascii: "="))
            output.append(UInt8(ascii: "="))
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes `text`, or explains why it cannot be a blob (the text of DynamoDB's `SerializationException`).
    static func decode(_ text: String) -> Result<[UInt8], DynamoDBError> {
        let input = Array(text.utf8)
        guard input.count % 4 == 0 else {
            return .failure(
                .serialization(
                    "'\(text)' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: \(input.count)"
                )
            )
        }
        var output: [UInt8] = []
        output.reserveCapacity(input.count / 4 * 3)
        var index = 0
        while index < input.count {
            var values: [UInt8] = [0, 0, 0, 0]
            var padding = 0
            for offset in 0..<4 {
                let character = input[index + offset]
                if character == UInt8(ascii: "=") && index + 4 == input.count && offset >= 2 {
                    padding += 1
                    continue
                }
                let value = reverse[Int(character)]
                guard value != 0xFF, padding == 0 else {
                    let shown = String(decoding: [character], as: UTF8.self)
                    return .failure(.serialization("'\(text)' can not be converted to a Blob: Invalid Base64 character: '\(shown)'"))
                }
                values[offset] = value
            }
            let chunk = UInt32(values[0]) << 18 | UInt32(values[1]) << 12 | UInt32(values[2]) << 6 | UInt32(values[3])
            output.append(UInt8(chunk >> 16 & 0xFF))
            if padding < 2 { output.append(UInt8(chunk >> 8 & 0xFF)) }
            if padding < 1 { output.append(UInt8(chunk & 0xFF)) }
            // Bits below the last encoded byte must be zero, or the text is not canonical base64.
            let leftover = padding == 2 ? chunk & 0xFFFF : padding == 1 ? chunk & 0xFF : 0
            if leftover != 0 {
                return .failure(.serialization("'\(text)' can not be converted to a Blob: Invalid last non-pad Base64 character dectected"))
            }
            index += 4
        }
        return .success(output)
    }
}
