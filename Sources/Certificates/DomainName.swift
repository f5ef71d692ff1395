/// A domain a development certificate is issued for: an alias such as `app.edgesim.test`, a wildcard alias such as
/// `*.example.test`, or `localhost`.
///
/// The name is kept in canonical form: ASCII lowercase, without a trailing dot. Internationalised names must be given
/// in their `xn--` form, as CloudFront's aliases are.
public struct DomainName: Hashable, Sendable, CustomStringConvertible {
    /// The canonical name, for example `app.edgesim.test` or `*.example.test`.
    public let name: String

    /// Parses and canonicalises a domain name.
    ///
    /// - Throws: ``CertificateError`` naming the domain and what is wrong with it.
    public init(_ name: some StringProtocol) throws(CertificateError) {
        let canonical = DomainName.canonicalise(name)
        if let problem = DomainName.problem(in: canonical) {
            throw CertificateError.invalidDomain(String(name), reason: problem)
        }
        self.name = canonical
    }

    /// `localhost`, whose certificate also covers the loopback addresses 127.0.0.1 and ::1.
    public static let localhost = DomainName(canonical: "localhost")

    init(canonical: String) {
        self.name = canonical
    }

    /// Whether this is a wildcard name (`*.example.test`), which covers exactly one further label.
    public var isWildcard: Bool { self.name.hasPrefix("*.") }

    /// The name below the wildcard label (`example.test` for `*.example.test`), or `nil` for a plain name.
    var wildcardParent: Substring? {
        self.isWildcard ? self.name.dropFirst(2) : nil
    }

    /// The file name stem used in the certificates directory; `*` becomes `_wildcard` so that the files are easy to
    /// name in a shell and valid on every file system.
    var fileStem: String {
        self.isWildcard ? "_wildcard." + self.name.dropFirst(2) : self.name
    }

    public var description: String { self.name }
}

extension DomainName {
    /// ASCII-lowercases and drops one trailing dot; used for configured names and for the SNI name of a handshake.
    static func canonicalise(_ name: some StringProtocol) -> String {
        var trimmed = Substring(name)
        if trimmed.utf8.last == UInt8(ascii: ".") {
            trimmed = trimmed.dropLast()
        }
        guard trimmed.utf8.contains(where: Self.isUppercase) else {
            return String(trimmed)
        }
        return String(decoding: trimmed.utf8.map { Self.isUppercase($0) ? $0 + 32 : $0 }, as: UTF8.self)
    }

    /// Whether `canonicalise` would leave `name` as it is; lets the handshake path skip a copy.
    static func isCanonical(_ name: String) -> Bool {
        name.utf8.last != UInt8(ascii: ".") && !name.utf8.contains(where: Self.isUppercase)
    }

    private static func isUppercase(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
    }

    /// What makes a canonical name unusable as a certificate's dNSName, or `nil` when it is fine (RFC 1035 §2.3.1
    /// preferred syntax, RFC 6125 §6.4.3 wildcards in the left-most label only).
    private static func problem(in name: String) -> String? {
        if name.isEmpty {
            return "the name is empty"
        }
        if name.utf8.count > 253 {
            return "the name is longer than 253 characters"
        }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        for (index, label) in labels.enumerated() {
            if label.isEmpty {
                return "it has an empty label (two dots in a row, or a leading dot)"
            }
            if label == "*" {
                if index != 0 {
                    return "a wildcard `*` is only allowed as the whole left-most label, as in `*.example.test`"
                }
                continue
            }
            if label.utf8.count > 63 {
                return "the label `\(label)` is longer than 63 characters"
            }
            let isLetterDigitHyphen = label.utf8.allSatisfy { byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: "-")
            }
            if !isLetterDigitHyphen {
                return "the label `\(label)` may only hold letters, digits and hyphens (use the xn-- form for other letters)"
            }
            if label.hasPrefix("-") || label.hasSuffix("-") {
                return "the label `\(label)` starts or ends with a hyphen"
            }
        }
        if labels.count > 1, let last = labels.last, last.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            return "it is an IP address, not a domain; use `localhost`, whose certificate covers 127.0.0.1 and ::1"
        }
        if labels.first == "*" && labels.count < 3 {
            return "a wildcard needs at least two labels after it, as in `*.example.test`"
        }
        return nil
    }
}
