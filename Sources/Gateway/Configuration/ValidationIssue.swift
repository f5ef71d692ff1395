extension Gateway {
    /// A problem in a gateway configuration: where (field path), what, and how to fix it. `edgesim validate`
    /// prints every one; the gateway refuses to start on errors.
    public struct ValidationIssue: Sendable, Equatable, CustomStringConvertible {
        public enum Severity: String, Sendable {
            case error
            case warning
        }

        public var severity: Severity
        /// `apis[0].cors.allowOrigins`.
        public var fieldPath: String
        public var message: String
        public var fix: String

        public init(severity: Severity, fieldPath: String, message: String, fix: String) {
            self.severity = severity
            self.fieldPath = fieldPath
            self.message = message
            self.fix = fix
        }

        public var description: String {
            "\(severity.rawValue): \(fieldPath): \(message). \(fix)"
        }
    }

    /// The configuration has errors; each says where and how to fix it.
    public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
        public let issues: [ValidationIssue]

        public var description: String {
            "the API Gateway configuration has \(issues.count) error(s):\n" + issues.map { "  " + $0.description }.joined(separator: "\n")
        }
    }
}
