/// An entity tag (RFC 9110 §8.8.3): an opaque validator, strong (`"x"`) or weak (`W/"x"`).
public struct EntityTag: Hashable, Sendable {
    /// The tag between the quotes, without `W/`.
    public var opaque: String
    /// Whether the tag is weak (`W/"x"`): it identifies an equivalent representation, not the same bytes.
    public var isWeak: Bool

    /// Reads an entity tag, `"x"` or `W/"x"`, surrounded by optional whitespace.
    ///
    /// Nil when the value is not one entity tag: no quotes, a lowercase `w/`, a quote or control character
    /// inside, or anything after the closing quote.
    public init?(parsing value: some StringProtocol) {
        let parsed: (opaque: String, isWeak: Bool)? = withUTF8Bytes(value) { bytes in
            guard let syntax = EntityTagSyntax(bytes, bytes.trimmingWhitespace(0..<bytes.count)) else { return nil }
            return (String(decoding: UnsafeBufferPointer(rebasing: bytes[syntax.opaque]), as: UTF8.self), syntax.isWeak)
        }
        guard let parsed else { return nil }
        self.init(opaque: parsed.opaque, isWeak: parsed.isWeak)
    }

    /// An entity tag from its parts; `opaque` must not contain a double quote.
    public init(opaque: String, isWeak: Bool) {
        self.opaque = opaque
        self.isWeak = isWeak
    }

    /// The field value: `"x"` or `W/"x"`.
    public var headerValue: String {
        isWeak ? "W/\"\(opaque)\"" : "\"\(opaque)\""
    }

    /// Strong comparison (RFC 9110 §8.8.3.2): both strong and the same opaque tag. `If-Match` uses it.
    public func strongMatches(_ other: EntityTag) -> Bool {
        !isWeak && !other.isWeak && opaque == other.opaque
    }

    /// Weak comparison (RFC 9110 §8.8.3.2): the same opaque tag, weak or not. `If-None-Match` uses it.
    public func weakMatches(_ other: EntityTag) -> Bool {
        opaque == other.opaque
    }
}

/// Where the parts of an entity tag lie in a field value; the zero-copy form the conditional checks use.
struct EntityTagSyntax {
    var opaque: Range<Int>
    var isWeak: Bool

    /// The entity tag spelled exactly by `range` (already trimmed), or nil.
    init?(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        var start = range.lowerBound
        var isWeak = false
        if range.count >= 2, bytes[start] == ASCII.upperW, bytes[start + 1] == ASCII.slash {
            isWeak = true
            start += 2
        }
        guard range.upperBound - start >= 2, bytes[start] == ASCII.quote, bytes[range.upperBound - 1] == ASCII.quote else {
            return nil
        }
        let opaque = (start + 1)..<(range.upperBound - 1)
        for index in opaque where !bytes[index].isEntityTagCharacter {
            return nil
        }
        self.opaque = opaque
        self.isWeak = isWeak
    }

    /// An entity tag, or failing that a bare token taken as a strong tag with that opaque value: S3 matches
    /// an unquoted ETag in `If-Match` and `If-None-Match` (aws-behaviour §2.5), and some origins send
    /// unquoted `ETag` fields.
    init?(lenient bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        if let syntax = EntityTagSyntax(bytes, range) {
            self = syntax
            return
        }
        guard !range.isEmpty else { return nil }
        for index in range where !bytes[index].isEntityTagCharacter {
            return nil
        }
        self.opaque = range
        self.isWeak = false
    }
}
