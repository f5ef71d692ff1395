/// A strict reader of Prometheus text format 0.0.4 for the tests: every line is a `# HELP`, a `# TYPE` or a
/// sample of the family just declared; label values are unescaped; histograms are checked for cumulative
/// buckets ending in `+Inf` equal to `_count`. Problems are collected, not thrown, so a test lists them all.
struct PrometheusLint {
    struct Sample: Hashable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    private(set) var problems: [String] = []
    private(set) var samples: [Sample] = []
    private(set) var types: [String: String] = [:]

    init(_ text: String) {
        if !text.isEmpty && !text.hasSuffix("\n") { problems.append("the text does not end with a line feed") }
        var family: String?
        var helped = Set<String>()
        var seen = Set<String>()
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let where_ = "line \(number + 1)"
            if line.hasPrefix("# HELP ") {
                let rest = line.dropFirst(7)
                guard let name = rest.split(separator: " ", maxSplits: 1).first.map(String.init), Self.isMetricName(name) else {
                    problems.append("\(where_): bad HELP")
                    continue
                }
                if helped.contains(name) { problems.append("\(where_): second HELP for \(name)") }
                helped.insert(name)
                family = name
            } else if line.hasPrefix("# TYPE ") {
                let parts = line.dropFirst(7).split(separator: " ")
                guard parts.count == 2, ["counter", "gauge", "histogram", "summary", "untyped"].contains(String(parts[1])) else {
                    problems.append("\(where_): bad TYPE")
                    continue
                }
                let name = String(parts[0])
                if name != family { problems.append("\(where_): TYPE \(name) does not follow its HELP") }
                if types[name] != nil { problems.append("\(where_): second TYPE for \(name)") }
                types[name] = String(parts[1])
            } else if line.hasPrefix("#") {
                problems.append("\(where_): unexpected comment")
            } else {
                guard let sample = Self.parseSample(String(line)) else {
                    problems.append("\(where_): not a sample: \(line)")
                    continue
                }
                guard let family, let type = types[family] else {
                    problems.append("\(where_): sample before any TYPE")
                    continue
                }
                let allowed = type == "histogram" ? [family + "_bucket", family + "_sum", family + "_count"] : [family]
                if !allowed.contains(sample.name) { problems.append("\(where_): \(sample.name) is not part of family \(family)") }
                let identity = sample.name + sample.labels.sorted { $0.key < $1.key }.description
                if !seen.insert(identity).inserted { problems.append("\(where_): duplicate series \(identity)") }
                if type == "counter" && sample.value < 0 { problems.append("\(where_): negative counter") }
                samples.append(sample)
            }
        }
        checkHistograms()
    }

    private mutating func checkHistograms() {
        for (family, type) in types where type == "histogram" {
            let buckets = samples.filter { $0.name == family + "_bucket" }
            let groups = Dictionary(grouping: buckets) { $0.labels.filter { $0.key != "le" } }
            for (labels, group) in groups {
                let ordered = group.sorted { (Double($0.labels["le"]!) ?? .infinity) < (Double($1.labels["le"]!) ?? .infinity) }
                if ordered.last?.labels["le"] != "+Inf" { problems.append("\(family)\(labels): no +Inf bucket") }
                for (lower, upper) in zip(ordered, ordered.dropFirst()) where upper.value < lower.value {
                    problems.append("\(family)\(labels): buckets decrease at le=\(upper.labels["le"]!)")
                }
                let count = samples.first { $0.name == family + "_count" && $0.labels == labels }?.value
                if count != ordered.last?.value { problems.append("\(family)\(labels): +Inf bucket differs from _count") }
                if !samples.contains(where: { $0.name == family + "_sum" && $0.labels == labels }) {
                    problems.append("\(family)\(labels): no _sum")
                }
            }
        }
    }

    func value(_ name: String, _ labels: [String: String]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    /// `[a-zA-Z_:][a-zA-Z0-9_:]*`.
    static func isMetricName(_ name: String) -> Bool {
        func isLetter(_ byte: UInt8) -> Bool { (65...90).contains(byte) || (97...122).contains(byte) }
        let bytes = Array(name.utf8)
        guard let first = bytes.first, isLetter(first) || first == 95 || first == 58 else { return false }
        return bytes.allSatisfy { isLetter($0) || (48...57).contains($0) || $0 == 95 || $0 == 58 }
    }

    /// `name{label="value",...} number`, with `\\`, `\"` and `\n` escapes in values.
    static func parseSample(_ line: String) -> Sample? {
        var scalars = Substring(line).unicodeScalars[...]
        var name = ""
        while let scalar = scalars.first, scalar != "{", scalar != " " {
            name.unicodeScalars.append(scalar)
            scalars = scalars.dropFirst()
        }
        guard isMetricName(name) else { return nil }
        var labels: [String: String] = [:]
        if scalars.first == "{" {
            scalars = scalars.dropFirst()
            while scalars.first != "}" {
                var label = ""
                while let scalar = scalars.first, scalar != "=" {
                    label.unicodeScalars.append(scalar)
                    scalars = scalars.dropFirst()
                }
                guard !label.isEmpty, scalars.first == "=", scalars.dropFirst().first == "\"" else { return nil }
                scalars = scalars.dropFirst(2)
                var value = ""
                while let scalar = scalars.first, scalar != "\"" {
                    scalars = scalars.dropFirst()
                    if scalar == "\\" {
                        guard let escaped = scalars.first else { return nil }
                        scalars = scalars.dropFirst()
                        switch escaped {
                        case "\\": value += "\\"
                        case "\"": value += "\""
                        case "n": value += "\n"
                        default: return nil
                        }
                    } else if scalar == "\n" {
                        return nil
                    } else {
                        value.unicodeScalars.append(scalar)
                    }
                }
                guard scalars.first == "\"" else { return nil }
                scalars = scalars.dropFirst()
                guard labels.updateValue(value, forKey: label) == nil else { return nil }
                if scalars.first == "," { scalars = scalars.dropFirst() } else if scalars.first != "}" { return nil }
            }
            scalars = scalars.dropFirst()
        }
        guard scalars.first == " " else { return nil }
        let number = String(scalars.dropFirst())
        let value: Double
        switch number {
        case "+Inf": value = .infinity
        case "-Inf": value = -.infinity
        case "NaN": value = .nan
        default:
            guard let parsed = Double(number), !number.contains(" ") else { return nil }
            value = parsed
        }
        return Sample(name: name, labels: labels, value: value)
    }
}
