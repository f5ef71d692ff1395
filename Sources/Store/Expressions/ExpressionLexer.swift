/// A token of DynamoDB's expression language.
struct ExpressionToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case identifier(String)
        /// `#name`
        case attributeName(String)
        /// `:value`
        case attributeValue(String)
        /// Digits, as in a list index.
        case integer(String)
        case leftParen, rightParen, leftBracket, rightBracket, comma, dot
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual, plus, minus
        /// A character the language has no use for.
        case invalid(String)
        case end
    }

    var kind: Kind
    /// UTF-8 offsets of the token in the expression.
    var start: Int
    var end: Int

    /// `true` for an identifier spelled `keyword` in any case.
    func isKeyword(_ keyword: String) -> Bool {
        if case .identifier(let name) = kind { return name.uppercased() == keyword }
        return false
    }
}

/// Splits an expression into tokens; whitespace separates tokens and is dropped.
enum ExpressionLexer {
    static func tokens(_ expression: String) -> [ExpressionToken] {
        let bytes = Array(expression.utf8)
        var tokens: [ExpressionToken] = []
        var index = 0
        func isIdentifierByte(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
        }
        func text(_ start: Int, _ end: Int) -> String { String(decoding: bytes[start..<end], as: UTF8.self) }
        while index < bytes.count {
            let byte = bytes[index]
            let start = index
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D:
                index += 1
                continue
            case UInt8(ascii: "#"), UInt8(ascii: ":"):
                index += 1
                while index < bytes.count && isIdentifierByte(bytes[index]) { index += 1 }
                let name = text(start, index)
                tokens.append(.init(kind: byte == UInt8(ascii: "#") ? .attributeName(name) : .attributeValue(name), start: start, end: index))
                continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                while index < bytes.count && bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9") { index += 1 }
                tokens.append(.init(kind: .integer(text(start, index)), start: start, end: index))
                continue
            default:
                break
            }
            if isIdentifierByte(byte) {
                while index < bytes.count && isIdentifierByte(bytes[index]) { index += 1 }
                tokens.append(.init(kind: .identifier(text(start, index)), start: start, end: index))
                continue
            }
            let next: UInt8? = index + 1 < bytes.count ? bytes[index + 1] : nil
            var kind: ExpressionToken.Kind
            var length = 1
            switch byte {
            case UInt8(ascii: "("): kind = .leftParen
            case UInt8(ascii: ")"): kind = .rightParen
            case UInt8(ascii: "["): kind = .leftBracket
            case UInt8(ascii: "]"): kind = .rightBracket
            case UInt8(ascii: ","): kind = .comma
            case UInt8(ascii: "."): kind = .dot
            case UInt8(ascii: "="): kind = .equal
            case UInt8(ascii: "+"): kind = .plus
            case UInt8(ascii: "-"): kind = .minus
            case UInt8(ascii: "<"):
                if next == UInt8(ascii: ">") {
                    kind = .notEqual
                    length = 2
                } else if next == UInt8(ascii: "=") {
                    kind = .lessOrEqual
                    length = 2
                } else {
                    kind = .less
                }
            case UInt8(ascii: ">"):
                if next == UInt8(ascii: "=") {
                    kind = .greaterOrEqual
                    length = 2
                } else {
                    kind = .greater
                }
            default:
                // One whole UTF-8 character, so that the message shows it as typed.
                var end = index + 1
                while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
                length = end - index
                kind = .invalid(text(index, end))
            }
            index += length
            tokens.append(.init(kind: kind, start: start, end: index))
        }
        tokens.append(.init(kind: .end, start: bytes.count, end: bytes.count))
        return tokens
    }
}
