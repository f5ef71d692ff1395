/// Writes the XML documents of CloudFront's REST API: elements in the order they are opened, text escaped.
struct XMLWriter {
    private(set) var text = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"

    /// The document element, with CloudFront's namespace.
    init(root: String) {
        text += "<" + root + #" xmlns=""# + CloudFrontAPI.namespace + #"">"#
    }

    /// Elements without a document around them, to be appended to one.
    static func fragment() -> XMLWriter {
        XMLWriter()
    }

    private init() {
        text = ""
    }

    mutating func append(_ fragment: XMLWriter) {
        text += fragment.text
    }

    mutating func open(_ name: String) {
        text += "<" + name + ">"
    }

    mutating func close(_ name: String) {
        text += "</" + name + ">"
    }

    mutating func element(_ name: String, _ value: String) {
        text += "<" + name + ">" + Self.escaped(value) + "</" + name + ">"
    }

    mutating func element(_ name: String, _ value: Int) {
        element(name, String(value))
    }

    mutating func element(_ name: String, _ value: Bool) {
        element(name, value ? "true" : "false")
    }

    /// `<name>` around whatever `body` writes.
    mutating func group(_ name: String, _ body: (inout XMLWriter) -> Void) {
        open(name)
        body(&self)
        close(name)
    }

    /// CloudFront's list shape: `<name><Quantity>n</Quantity><Items><item>…</item>…</Items></name>`; `Items` is left
    /// out of an empty list, as CloudFront leaves it out.
    mutating func list<Element>(_ name: String, _ elements: [Element], _ body: (inout XMLWriter, Element) -> Void) {
        open(name)
        quantityAndItems(elements, body)
        close(name)
    }

    /// `<Quantity>` and `<Items>` without an element around them, for the list documents whose root holds them.
    mutating func quantityAndItems<Element>(_ elements: [Element], _ body: (inout XMLWriter, Element) -> Void) {
        element("Quantity", elements.count)
        guard !elements.isEmpty else { return }
        open("Items")
        for element in elements { body(&self, element) }
        close("Items")
    }

    /// A list of strings, each in an `<item>` element.
    mutating func list(_ name: String, item: String, _ values: [String]) {
        list(name, values) { writer, value in writer.element(item, value) }
    }

    /// Closes the document element.
    func finished(root: String) -> String {
        text + "</" + root + ">"
    }

    /// `&`, `<`, `>`, `"` and `'` escaped.
    static func escaped(_ value: String) -> String {
        guard
            value.utf8.contains(where: {
                [UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'")].contains($0)
            })
        else { return value }
        var result = ""
        result.reserveCapacity(value.utf8.count + 16)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

/// The request documents CloudFront's API reads (`InvalidationBatch`): elements and text, namespace prefixes dropped,
/// no DTDs. Anything else is a ``XMLTree/ParseError``.
struct XMLTree: Sendable, Equatable {
    var name: String
    var children: [XMLTree] = []
    var text = ""

    struct ParseError: Error {}

    func child(_ name: String) -> XMLTree? { children.first { $0.name == name } }
    func children(_ name: String) -> [XMLTree] { children.filter { $0.name == name } }

    static func parse(_ bytes: [UInt8]) throws(ParseError) -> XMLTree {
        var parser = Parser(bytes: bytes)
        return try parser.document()
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        mutating func document() throws(ParseError) -> XMLTree {
            try skipProlog()
            guard peek(UInt8(ascii: "<")) else { throw ParseError() }
            let root = try element()
            try skipProlog()
            guard index == bytes.count else { throw ParseError() }
            return root
        }

        mutating func skipProlog() throws(ParseError) {
            while true {
                while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
                if starts(with: "<?") {
                    try skip(past: "?>")
                } else if starts(with: "<!--") {
                    try skip(past: "-->")
                } else {
                    return
                }
            }
        }

        mutating func element() throws(ParseError) -> XMLTree {
            index += 1
            let qualified = try name()
            var element = XMLTree(name: qualified.split(separator: ":").last.map(String.init) ?? qualified)
            while true {
                while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
                guard index < bytes.count else { throw ParseError() }
                if starts(with: "/>") {
                    index += 2
                    return element
                }
                if bytes[index] == UInt8(ascii: ">") {
                    index += 1
                    break
                }
                try attribute()
            }
            var text: [UInt8] = []
            while true {
                guard index < bytes.count else { throw ParseError() }
                if starts(with: "</") {
                    index += 2
                    guard try name() == qualified else { throw ParseError() }
                    while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
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
                    text.append(contentsOf: bytes[start..<(index - 3)])
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

        /// `name="value"`: namespace declarations carry nothing these documents need.
        mutating func attribute() throws(ParseError) {
            _ = try name()
            while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
            guard peek(UInt8(ascii: "=")) else { throw ParseError() }
            index += 1
            while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else { throw ParseError() }
            let quote = bytes[index]
            index += 1
            while index < bytes.count, bytes[index] != quote { index += 1 }
            guard index < bytes.count else { throw ParseError() }
            index += 1
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
                let value: UInt32? =
                    reference.hasPrefix("#x")
                    ? UInt32(reference.dropFirst(2), radix: 16) : reference.hasPrefix("#") ? UInt32(reference.dropFirst(), radix: 10) : nil
                guard let value, let scalar = Unicode.Scalar(value) else { throw ParseError() }
                text.append(contentsOf: String(Character(scalar)).utf8)
            }
        }

        mutating func name() throws(ParseError) -> String {
            let start = index
            while index < bytes.count, !Self.isSpace(bytes[index]), ![UInt8(ascii: ">"), UInt8(ascii: "/"), UInt8(ascii: "=")].contains(bytes[index])
            {
                index += 1
            }
            guard index > start else { throw ParseError() }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        mutating func skip(past terminator: String) throws(ParseError) {
            let pattern = Array(terminator.utf8)
            while index + pattern.count <= bytes.count {
                if bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
                    index += pattern.count
                    return
                }
                index += 1
            }
            throw ParseError()
        }

        func starts(with prefix: String) -> Bool { bytes[index...].starts(with: prefix.utf8) }
        func peek(_ byte: UInt8) -> Bool { index < bytes.count && bytes[index] == byte }

        static func isSpace(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
        }
    }
}
