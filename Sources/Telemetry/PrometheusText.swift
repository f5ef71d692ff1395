import Foundation

/// Builds Prometheus text exposition format 0.0.4 (`text/plain; version=0.0.4`): per metric family one
/// `# HELP` and one `# TYPE` line, then its samples, label values escaped.
struct PrometheusText {
    /// The `Content-Type` to serve it with.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    private(set) var text = ""

    init() {
        text.reserveCapacity(16_384)
    }

    /// Starts a family. `help` may hold any text; backslashes and line breaks are escaped.
    mutating func family(_ name: String, type: String, help: String) {
        text += "# HELP \(name) \(Self.escapeHelp(help))\n# TYPE \(name) \(type)\n"
    }

    mutating func sample(_ name: String, _ labels: [(String, String)], _ value: Int) {
        sample(name, labels, value: String(value))
    }

    mutating func sample(_ name: String, _ labels: [(String, String)], _ value: Double) {
        sample(name, labels, value: Self.format(value))
    }

    private mutating func sample(_ name: String, _ labels: [(String, String)], value: String) {
        text += name
        if !labels.isEmpty {
            text += "{"
            for (position, (label, labelValue)) in labels.enumerated() {
                if position > 0 { text += "," }
                text += label
                text += "=\""
                text += Self.escapeLabelValue(labelValue)
                text += "\""
            }
            text += "}"
        }
        text += " "
        text += value
        text += "\n"
    }

    /// A float as Prometheus reads it: `NaN`, `+Inf`, `-Inf`, or Swift's shortest round-tripping decimal.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        return "\(value)"
    }

    /// Label values escape `\`, `"` and line feeds.
    static func escapeLabelValue(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") }) else {
            return value
        }
        var escaped = ""
        for character in value.unicodeScalars {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// HELP text escapes `\` and line feeds.
    static func escapeHelp(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }
}
