import ArgumentParser
import Foundation
import StackConfig

/// `edgesim validate [FILE]`: checks a stack file and lists every problem in it at once.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a stack file and list every problem in it at once (file:line:column: field path: problem).",
        discussion: "Prints \"FILE: OK (...)\" for a good file; otherwise prints each problem on standard error and exits 1."
    )

    @Argument(help: "The stack file.")
    var file = "edgesim.yml"

    func run() throws {
        do {
            let stack = try StackLoader.load(path: file)
            for warning in stack.warnings { print("warning: \(warning)") }
            print("\(file): OK (\(stack.summary))")
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(1)
        }
    }
}
