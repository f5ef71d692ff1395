import SwiftASN1
import X509

extension DomainName {
    /// The subject alternative names of a development leaf for this domain: its dNSName, and for `localhost` also the
    /// loopback addresses, so that `https://127.0.0.1` and `https://[::1]` verify too.
    var subjectAlternativeNames: [GeneralName] {
        guard self == .localhost else {
            return [.dnsName(self.name)]
        }
        return [
            .dnsName(self.name),
            .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])),
            .ipAddress(ASN1OctetString(contentBytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])),
        ]
    }
}

extension Certificate {
    /// The subject alternative names, or none when the extension is missing or unreadable.
    var subjectAlternativeNames: [GeneralName] {
        guard let names = try? self.extensions.subjectAlternativeNames else {
            return []
        }
        return Array(names)
    }

    /// The dNSName entries of the subject alternative names, lowercased.
    var dnsNames: [String] {
        self.subjectAlternativeNames.compactMap { name in
            guard case .dnsName(let dnsName) = name else {
                return nil
            }
            return DomainName.canonicalise(dnsName)
        }
    }

    /// Whether a client connecting to `domain` accepts this certificate (RFC 6125 §6.4.3: a wildcard stands for
    /// exactly one whole left-most label). A wildcard domain is covered only by the same wildcard.
    func covers(_ domain: DomainName) -> Bool {
        let names = self.dnsNames
        if names.contains(domain.name) {
            return true
        }
        guard !domain.isWildcard, let dot = domain.name.firstIndex(of: ".") else {
            return false
        }
        let parent = domain.name[domain.name.index(after: dot)...]
        return names.contains { $0.hasPrefix("*.") && $0.dropFirst(2) == parent }
    }
}
