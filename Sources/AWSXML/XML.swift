/// The XML of AWS's REST-XML APIs: S3's escaping for output, and one small parser for the request documents S3
/// and CloudFront accept (`<Delete>`, `<CompleteMultipartUpload>`, `<InvalidationBatch>`), which are data-only:
/// elements and text, namespace prefixes dropped, no DTDs.
public enum XML {
    /// `text` with `&`, `<`, `>`, `"` and carriage returns escaped, as S3 escapes element content.
    public static func escaped(_ text: String) -> String {
        guard text.utf8.contains(where: needsEscaping) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for character in text.unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\r": result += "&#13;"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    private static func needsEscaping(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "\r"): true
        default: false
        }
    }

    /// An element: its local name (namespace prefix dropped), its child elements and its text.
    public struct Element: Sendable, Equatable {
        public var name: String
        public var children: [Element] = []
        public var text: String = ""

        public init(name: String, children: [Element] = [], text: String = "") {
            self.name = name
            self.children = children
            self.text = text
        }

        public func child(_ name: String) -> Element? { children.first { $0.name == name } }
        public func children(_ name: String) -> [Element] { children.filter { $0.name == name } }
    }

    public struct ParseError: Error {}

    /// Parses a whole document into its root element; any syntax it does not know is a ``ParseError``.
    public static func parse(_ bytes: some Collection<UInt8>) throws(ParseError) -> Element {
        var parser = Parser(bytes: Array(bytes))
        return try parser.document()
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        mutating func document() throws(ParseError) -> Element {
            try skipMisc()
            guard peek(UInt8(ascii: "<")) else { throw ParseError() }
            let root = try element()
            try skipMisc()
            guard index == bytes.count else { throw ParseError() }
            return root
        }

        /// Whitespace, the XML declaration, processing instructions and comments around the root.
        mutating func skipMisc() throws(ParseError) {
            while true {
                skipWhitespace()
                if starts(with: "<?") {
                    try skip(past: "?>")
                } else if starts(with: "<!--") {
                    try skip(past: "-->")
                } else {
                    return
                }
            }
        }

        mutating func element() throws(ParseError) -> Element {
            index += 1  // "<"
            let qualifiedName = try name()
            var element = Element(name: localName(qualifiedName))
            // Attributes (namespace declarations) carry nothing the request documents need.
            while true {
                skipWhitespace()
                guard index < bytes.count else { throw ParseError() }
                if starts(with: "/>") {
                    index += 2
                    return element
                }
                if bytes[index] == UInt8(ascii: ">") {
                    index += 1
                    break
                }
                _ = try name()
                skipWhitespace()
                guard peek(UInt8(ascii: "=")) else { throw ParseError() }
                index += 1
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else { throw ParseError() }
                let quote = bytes[index]
                index += 1
                while index < bytes.count && bytes[index] != quote { index += 1 }
                guard index < bytes.count else { throw ParseError() }
                index += 1
            }
            var text: [UInt8] = []
            while true {
                guard index < bytes.count else { throw ParseError() }
                if starts(with: "</") {
                    index += 2
                    guard try name() == qualifiedName else { throw ParseError() }
                    skipWhitespace()
                    guard peek(UInt8(ascii: ">")) else { throw ParseError() }
                    index += 1
                    element.text = String(decoding: text, as: UTF8.self)
                    return element
                } else if starts(with: "<!--") {
                    try skip(past: "-->")
                } else if starts(with: "<![CDATA[") {
                    index += 9
                    let start = index
                    try skip(past: "]]>")
                    text.append(contentsOf: bytes[start..<index - 3])
                } else if bytes[index] == UInt8(ascii: "<") {
                    element.children.append(try self.element())
                } else if bytes[index] == UInt8(ascii: "&") {
                    try entity(into: &text)
                } else {
                    text.append(bytes[index])
                    index += 1
                }
            }
        }

        mutating func entity(into text: inout [UInt8]) throws(ParseError) {
            guard let end = bytes[index...].firstIndex(of: UInt8(ascii: ";")), end - index <= 12 else { throw ParseError() }
            let reference = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
            index = end + 1
            switch reference {
            case "amp": text.append(UInt8(ascii: "&"))
            case "lt": text.append(UInt8(ascii: "<"))
            case "gt": text.append(UInt8(ascii: ">"))
            case "quot": text.append(UInt8(ascii: "\""))
            case "apos": text.append(UInt8(ascii: "'"))
            default:
                let scalarValue: UInt32?
                if reference.hasPrefix("#x") {
                    scalarValue = UInt32(reference.dropFirst(2), radix: 16)
                } else if reference.hasPrefix("#") {
                    scalarValue = UInt32(reference.dropFirst(), radix: 10)
                } else {
                    scalarValue = nil
                }
                guard let scalarValue, let scalar = Unicode.Scalar(scalarValue) else { throw ParseError() }
                text.append(contentsOf: String(Character(scalar)).utf8)
            }
        }

        mutating func name() throws(ParseError) -> String {
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                let isDelimiter =
                    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
                    || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
                if isDelimiter { break }
                index += 1
            }
            guard index > start else { throw ParseError() }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        func localName(_ qualified: String) -> String {
            qualified.lastIndex(of: ":").map { String(qualified[qualified.index(after: $0)...]) } ?? qualified
        }

        mutating func skipWhitespace() {
            while index < bytes.count, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(bytes[index]) {
                index += 1
            }
        }

        mutating func skip(past terminator: String) throws(ParseError) {
            let pattern = Array(terminator.utf8)
            while index + pattern.count <= bytes.count {
                if bytes[index..<index + pattern.count].elementsEqual(pattern) {
                    index += pattern.count
                    return
                }
                index += 1
            }
            throw ParseError()
        }

        func starts(with prefix: String) -> Bool {
            bytes[index...].starts(with: prefix.utf8)
        }

        func peek(_ byte: UInt8) -> Bool {
            index < bytes.count && bytes[index] == byte
        }
    }
}
