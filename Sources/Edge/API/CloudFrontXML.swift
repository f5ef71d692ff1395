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
