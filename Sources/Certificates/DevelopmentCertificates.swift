#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The development CA and the leaves for a set of domains, made ready in a certificates folder: what `edgesim certs`
/// does, and what `edgesim serve` does on start.
public struct DevelopmentCertificates: Sendable {
    /// The folder the files are in.
    public let directory: CertificateDirectory
    /// The CA of this machine.
    public let authority: CertificateAuthority
    /// Whether the CA was created now (users must trust it) or loaded.
    public let authorityOrigin: CertificateAuthority.Origin
    /// One entry a domain, in the order given, with what was done.
    public let leaves: [ProvisionedCertificate]

    /// The leaves' certificates and keys, ready for a ``CertificateStore``.
    public var serverCertificates: [ServerCertificate] { self.leaves.map(\.serverCertificate) }

    /// Loads or creates the CA in `directory`, then issues, renews or keeps a leaf for each domain.
    ///
    /// - Parameters:
    ///   - domains: the names to serve, for example a stack's aliases and `localhost`; duplicates are ignored after
    ///     canonicalisation (case, trailing dot).
    ///   - directory: the certificates folder, created when missing.
    ///   - hostname: named in a new CA's subject; the machine's host name by default.
    /// - Throws: ``CertificateError`` for an invalid domain or an unusable file, saying which and what to do.
    public static func ensure(
        for domains: [String],
        in directory: String,
        hostname: String? = nil,
        now: Date = Date()
    ) throws(CertificateError) -> DevelopmentCertificates {
        var names: [DomainName] = []
        for domain in domains {
            names.append(try DomainName(domain))
        }
        let directory = CertificateDirectory(path: directory)
        let (authority, origin) = try CertificateAuthority.loadOrCreate(in: directory, hostname: hostname, now: now)
        let leaves = try authority.ensureLeaves(for: names, in: directory, now: now)
        return DevelopmentCertificates(directory: directory, authority: authority, authorityOrigin: origin, leaves: leaves)
    }
}
