/// The `Vary` response field (RFC 9110 §12.5.5): which request fields selected the response.
public struct Vary: Sendable, Equatable {
    /// The field names, lowercased, in first-seen order, without duplicates and without `*`.
    public var fieldNames: [String]
    /// Whether `*` was listed: the response varies on something outside the request's fields, so a cache
    /// can never match it to a later request without asking the origin.
    public var isWildcard: Bool

    /// A `Vary` of the given names (lowercased and deduplicated here) and wildcard flag.
    public init(fieldNames: [String] = [], isWildcard: Bool = false) {
        var unique: [String] = []
        for name in fieldNames {
            let lowercased = name.lowercased()
            if !unique.contains(lowercased) {
                unique.append(lowercased)
            }
        }
        self.fieldNames = unique
        self.isWildcard = isWildcard
    }

    /// Reads every `Vary` field line of a response, in order (none gives an empty `Vary`).
    ///
    /// Members are tokens matched without regard to case; members that are not tokens are ignored.
    public init(_ headerValues: some Sequence<some StringProtocol>) {
        var names: [String] = []
        var isWildcard = false
        for value in headerValues {
            withUTF8Bytes(value) { bytes in
                for element in FieldListElements(bytes) {
                    if element.count == 1 && bytes[element.lowerBound] == ASCII.asterisk {
                        isWildcard = true
                        continue
                    }
                    guard element.allSatisfy({ bytes[$0].isTokenCharacter }) else { continue }
                    let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[element]), as: UTF8.self).lowercased()
                    if !names.contains(name) {
                        names.append(name)
                    }
                }
            }
        }
        self.fieldNames = names
        self.isWildcard = isWildcard
    }

    /// Whether no field is listed and there is no `*`: the response does not vary.
    public var isEmpty: Bool { fieldNames.isEmpty && !isWildcard }

    /// Whether `name` is listed, ignoring case.
    public func contains(_ name: some StringProtocol) -> Bool {
        fieldNames.contains { listed in listed.utf8.elementsEqual(name.utf8) { $0 == $1.lowercasedASCII } }
    }

    /// The field value, names joined by `, ` (`*` when wildcard), or nil when empty.
    public var headerValue: String? {
        if isWildcard {
            return "*"
        }
        return fieldNames.isEmpty ? nil : fieldNames.joined(separator: ", ")
    }
}
