import X509

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A certificate chain and its private key that a TLS listener presents for one domain.
public struct ServerCertificate: Sendable {
    /// The domain this certificate is served for.
    public let domain: DomainName
    /// The leaf first, then any intermediates (never needed for development certificates, which the CA signs directly).
    public let certificateChain: [Certificate]
    /// The leaf's private key.
    public let privateKey: Certificate.PrivateKey

    init(domain: DomainName, certificateChain: [Certificate], privateKey: Certificate.PrivateKey) {
        self.domain = domain
        self.certificateChain = certificateChain
        self.privateKey = privateKey
    }

    /// The leaf certificate.
    public var certificate: Certificate { self.certificateChain[0] }

    /// Loads a certificate the user supplies for `domain` (a stack file's `certificate:` and `privateKey:`), as ACM's
    /// ImportCertificate does.
    ///
    /// The certificate file holds the leaf and then any intermediates; the key may be PKCS #8, SEC 1 or PKCS #1, and
    /// must not be encrypted.
    ///
    /// - Throws: ``CertificateError`` naming the file when a file is missing or corrupt, when the key is not the
    ///   certificate's, when the certificate's subject alternative names do not cover `domain`, or when it expired.
    public static func importing(
        certificateFile: String,
        privateKeyFile: String,
        for domain: DomainName,
        now: Date = Date()
    ) throws(CertificateError) -> ServerCertificate {
        let pair = PEMPair(certificatePath: certificateFile, privateKeyPath: privateKeyFile, owner: .imported(domain))
        let (chain, privateKey) = try pair.loadChainAndKey()
        let leaf = chain[0]
        guard leaf.covers(domain) else {
            throw .domainNotCovered(pair, domain: domain, names: leaf.dnsNames)
        }
        guard leaf.notValidAfter > now else {
            throw .expired(pair, on: leaf.notValidAfter)
        }
        return ServerCertificate(domain: domain, certificateChain: chain, privateKey: privateKey)
    }
}
