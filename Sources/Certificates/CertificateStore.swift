import NIOSSL
import SwiftASN1
import X509

/// The certificates a TLS listener serves, and which one a handshake gets for the server name (SNI) of its
/// ClientHello, as CloudFront picks the certificate of an alternate domain name.
///
/// The choice, case-insensitive and ignoring a trailing dot: the certificate for exactly that name; else the
/// wildcard certificate for its parent (`*.example.test` covers `a.example.test`, not `a.b.example.test`); else the
/// default certificate, the first one given. A ClientHello without a server name (a client connecting to an IP
/// address) gets the `localhost` certificate when there is one, because only it names 127.0.0.1 and ::1.
///
/// Everything TLS needs is built once, in ``init(certificates:)``; a handshake only looks up a table.
public struct CertificateStore: Sendable {
    struct Entry: Sendable {
        let certificate: ServerCertificate
        let chain: [NIOSSLCertificate]
        let privateKey: NIOSSLPrivateKey
        let override: NIOSSLContextConfigurationOverride
    }

    let entries: [Entry]
    private let exactNames: [String: Int]
    private let wildcardParents: [Substring: Int]
    private let withoutServerName: Int

    /// Builds the store.
    ///
    /// - Parameter certificates: one a domain; the first is the default, so give the first alias first. When a domain
    ///   appears twice the first certificate wins, so give imported certificates before development ones.
    /// - Throws: ``CertificateError`` when `certificates` is empty or the TLS library refuses a certificate or key.
    public init(certificates: [ServerCertificate]) throws(CertificateError) {
        guard !certificates.isEmpty else {
            throw .noCertificates
        }
        var entries: [Entry] = []
        var exactNames: [String: Int] = [:]
        var wildcardParents: [Substring: Int] = [:]
        for certificate in certificates where exactNames[certificate.domain.name] == nil {
            exactNames[certificate.domain.name] = entries.count
            if let parent = certificate.domain.wildcardParent {
                wildcardParents[parent] = entries.count
            }
            entries.append(try Entry(certificate))
        }
        self.entries = entries
        self.exactNames = exactNames
        self.wildcardParents = wildcardParents
        self.withoutServerName = exactNames[DomainName.localhost.name] ?? 0
    }

    /// The certificate for names no certificate covers: the first one given.
    public var defaultCertificate: ServerCertificate { self.entries[0].certificate }

    /// The domains served, in the order given.
    public var domains: [DomainName] { self.entries.map(\.certificate.domain) }

    /// The certificate a handshake with this SNI server name gets (`nil`: the ClientHello carried none).
    public func certificate(forServerName serverName: String?) -> ServerCertificate {
        self.entries[self.entryIndex(forServerName: serverName)].certificate
    }

    /// Allocation-free for the usual lowercase name: only a name with capitals or a trailing dot is copied.
    func entryIndex(forServerName serverName: String?) -> Int {
        guard let serverName else {
            return self.withoutServerName
        }
        if let index = self.exactNames[serverName] {
            return index
        }
        if DomainName.isCanonical(serverName) {
            return self.wildcardIndex(for: serverName) ?? 0
        }
        let canonical = DomainName.canonicalise(serverName)
        return self.exactNames[canonical] ?? self.wildcardIndex(for: canonical) ?? 0
    }

    private func wildcardIndex(for name: String) -> Int? {
        guard !self.wildcardParents.isEmpty, let dot = name.utf8.firstIndex(of: UInt8(ascii: ".")), dot != name.startIndex else {
            return nil
        }
        return self.wildcardParents[name[name.index(after: dot)...]]
    }
}

extension CertificateStore.Entry {
    init(_ certificate: ServerCertificate) throws(CertificateError) {
        do {
            let chain = try certificate.certificateChain.map { link in
                var serializer = DER.Serializer()
                try serializer.serialize(link)
                return try NIOSSLCertificate(bytes: serializer.serializedBytes, format: .der)
            }
            let privateKey = try NIOSSLPrivateKey(bytes: Array(certificate.privateKey.serializeAsPEM().pemString.utf8), format: .pem)
            var override = NIOSSLContextConfigurationOverride()
            override.certificateChain = chain.map { .certificate($0) }
            override.privateKey = .privateKey(privateKey)
            self.init(certificate: certificate, chain: chain, privateKey: privateKey, override: override)
        } catch {
            throw .tlsSetupFailed(certificate.domain, reason: "\(error)")
        }
    }
}
