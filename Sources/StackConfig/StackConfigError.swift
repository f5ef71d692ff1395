/// Everything wrong with a stack file, found in one pass: each problem says where (file, line, column, field
/// path), what is wrong and what would fix it. The description lists them one a line, as compilers do:
///
///     edgesim.yml:14:7: distributions[0].defaultCacheBehavior.viewerProtocolPolicy: must be one of allow-all, …; got "x"
public struct StackConfigError: Error, Sendable, CustomStringConvertible {
    /// One thing wrong with the stack.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// The stack file as the user named it (or the folder, for the canonical SPA stack).
        public var file: String
        /// 1-based; nil when the problem has no place in the file (the file itself is missing).
        public var line: Int?
        public var column: Int?
        /// Where in the stack, like `distributions[0].cacheBehaviors[1].pathPattern`; empty for the whole file.
        public var fieldPath: String
        /// What is wrong and what would fix it.
        public var message: String

        public init(file: String, line: Int? = nil, column: Int? = nil, fieldPath: String = "", message: String) {
            self.file = file
            self.line = line
            self.column = column
            self.fieldPath = fieldPath
            self.message = message
        }

        /// `file:line:column: fieldPath: message`, leaving out what is unknown.
        public var description: String {
            var text = file
            if let line {
                text += ":\(line)"
                if let column { text += ":\(column)" }
            }
            text += ": "
            if !fieldPath.isEmpty { text += fieldPath + ": " }
            return text + message
        }
    }

    /// In file order; problems without a line come last.
    public let problems: [Problem]

    public init(problems: [Problem]) {
        self.problems = problems
    }

    /// Every problem, one a line.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
