/// Value readers the gateway and table sections share: decimal numbers, string maps, one-or-many strings,
/// and YAML written out as JSON.
extension StackDecoder {
    /// A decimal number (`0.5`, `100`, `1e3`), within `range` when given.
    mutating func number(_ fields: Fields, _ key: String, in range: ClosedRange<Double>? = nil) -> Double? {
        guard let node = fields[key] else { return nil }
        let path = fields.path.key(key)
        guard let text = node.string, let value = Double(text.filter { $0 != "_" }), value.isFinite else {
            report("must be a number; got \(node.kindDescription)", at: node, path)
            return nil
        }
        if let range, !range.contains(value) {
            let bounds =
                range.upperBound == .greatestFiniteMagnitude
                ? "at least \(Self.decimal(range.lowerBound))"
                : "between \(Self.decimal(range.lowerBound)) and \(Self.decimal(range.upperBound))"
            report("must be \(bounds); got \(text)", at: node, path)
            return nil
        }
        return value
    }

    /// `100` rather than `100.0` in messages.
    static func decimal(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// A mapping of names to scalar values (`stageVariables`, `headers`, `environment`).
    mutating func stringMap(_ fields: Fields, _ key: String) -> [String: String]? {
        guard let node = fields[key] else { return nil }
        let path = fields.path.key(key)
        guard let pairs = node.pairs else {
            report("must be a mapping of names to values, like { name: value }; got \(node.kindDescription)", at: node, path)
            return nil
        }
        var map: [String: String] = [:]
        for pair in pairs {
            guard let name = string(pair.key, path) else { continue }
            guard case .scalar = pair.value.content else {
                report("must be a single value; got \(pair.value.kindDescription)", at: pair.value, path.key(name))
                continue
            }
            map[name] = pair.value.string ?? ""
        }
        return map
    }

    /// A list of strings, or one string standing for a list of one (`audience: my-app`).
    mutating func stringList(_ fields: Fields, _ key: String) -> [String]? {
        guard let node = fields[key] else { return nil }
        if case .scalar = node.content, let text = node.string { return [text] }
        return strings(fields, key)?.map(\.value)
    }

    /// A mapping or list written as compact JSON, keys in the order written: unquoted whole numbers,
    /// decimals, `true`, `false` and `null` keep their JSON types, everything else is a string.
    static func jsonText(_ node: StackNode) -> String {
        switch node.content {
        case .mapping(let pairs):
            let members = pairs.map { jsonString($0.key.string ?? "") + ":" + jsonText($0.value) }
            return "{" + members.joined(separator: ",") + "}"
        case .sequence(let elements):
            return "[" + elements.map(jsonText).joined(separator: ",") + "]"
        case .scalar(let scalar):
            if node.isNull { return "null" }
            if scalar.isPlain {
                if let bool = node.bool { return bool ? "true" : "false" }
                if isJSONNumber(scalar.text) { return scalar.text }
            }
            return jsonString(scalar.text)
        }
    }

    /// RFC 8259's number grammar: `-`, digits without a leading zero, a fraction, an exponent.
    static func isJSONNumber(_ text: String) -> Bool {
        var rest = Substring(text)
        if rest.first == "-" { rest = rest.dropFirst() }
        let integer = rest.prefix { $0.isASCII && $0.isNumber }
        guard !integer.isEmpty, integer == "0" || integer.first != "0" else { return false }
        rest = rest.dropFirst(integer.count)
        if rest.first == "." {
            let fraction = rest.dropFirst().prefix { $0.isASCII && $0.isNumber }
            guard !fraction.isEmpty else { return false }
            rest = rest.dropFirst(1 + fraction.count)
        }
        if rest.first == "e" || rest.first == "E" {
            rest = rest.dropFirst()
            if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
            let exponent = rest.prefix { $0.isASCII && $0.isNumber }
            guard !exponent.isEmpty else { return false }
            rest = rest.dropFirst(exponent.count)
        }
        return rest.isEmpty
    }

    /// A JSON string literal, escaped as RFC 8259 requires.
    static func jsonString(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }
}
