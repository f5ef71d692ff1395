/// Where a value sits in the stack, written as a user would point at it: `distributions[0].origins[1].id`.
struct FieldPath: Sendable, Equatable, CustomStringConvertible {
    let description: String

    static let root = FieldPath(description: "")

    /// A field of a mapping; names that are not plain identifiers (a bucket named `my.site`) are quoted.
    func key(_ name: String) -> FieldPath {
        let isIdentifier = !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
        if !isIdentifier { return FieldPath(description: description + "[\"\(name)\"]") }
        return FieldPath(description: description.isEmpty ? name : description + "." + name)
    }

    func index(_ index: Int) -> FieldPath {
        FieldPath(description: description + "[\(index)]")
    }
}
