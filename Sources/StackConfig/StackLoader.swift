import Foundation

/// Reads stack files into ``Stack`` values.
public enum StackLoader {
    /// Reads and checks the stack file at `path` (relative paths start at the working directory).
    ///
    /// - Throws: every problem in the file at once, each with its line and field path.
    public static func load(path: String) throws(StackConfigError) -> Stack {
        func failure(_ message: String) -> StackConfigError {
            StackConfigError(problems: [StackConfigError.Problem(file: path, message: message)])
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw failure("no such file; check the path (without a stack file, edgesim serve FOLDER serves the canonical SPA stack)")
        }
        guard !isDirectory.boolValue else {
            throw failure("is a folder; name the stack file in it, like \(path)/edgesim.yml")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw failure("cannot be read; check its permissions")
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw failure("is not UTF-8 text; save it as UTF-8")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let baseDirectory = URL(fileURLWithPath: absolutePath(path)).deletingLastPathComponent().path
        return try parse(yaml: text, file: path, baseDirectory: baseDirectory)
    }

    /// Reads and checks stack file text.
    ///
    /// - Parameters:
    ///   - file: how problems name the file.
    ///   - baseDirectory: where relative paths (bucket folders) start.
    /// - Throws: every problem at once, in file order.
    public static func parse(yaml: String, file: String, baseDirectory: String) throws(StackConfigError) -> Stack {
        let root: StackNode?
        do {
            root = try StackNode.parse(yaml: yaml)
        } catch {
            throw StackConfigError(problems: [
                StackConfigError.Problem(file: file, line: error.line, column: error.column, message: error.message)
            ])
        }
        var decoder = StackDecoder(file: file, baseDirectory: absolutePath(baseDirectory))
        let stack = decoder.stack(root)
        guard decoder.problems.isEmpty else {
            throw StackConfigError(problems: inFileOrder(decoder.problems))
        }
        return stack
    }

    /// By line and column; problems found later about the same place keep their order, and those without a
    /// place come last.
    static func inFileOrder(_ problems: [StackConfigError.Problem]) -> [StackConfigError.Problem] {
        problems.enumerated().sorted { a, b in
            let left = (a.element.line ?? .max, a.element.column ?? 0, a.offset)
            let right = (b.element.line ?? .max, b.element.column ?? 0, b.offset)
            return left < right
        }.map(\.element)
    }

    /// `path` made absolute against `base` (by default the working directory), `~` expanded, `.` and `..` resolved.
    static func absolutePath(_ path: String, relativeTo base: String = FileManager.default.currentDirectoryPath) -> String {
        let expanded = NSString(string: path).expandingTildeInPath
        let absolute = expanded.hasPrefix("/") ? expanded : base + "/" + expanded
        return URL(fileURLWithPath: absolute).standardizedFileURL.path
    }
}
