#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension CertificateAuthority {
    /// Makes sure `directory` holds a good leaf for each domain: issues the missing ones, renews those that
    /// ``renewalReason(for:domain:now:)`` rejects, and keeps the others.
    ///
    /// Domains are handled once each, in the order given.
    ///
    /// - Throws: ``CertificateError`` when a leaf file is unreadable or corrupt, or its key does not match; the
    ///   message says to delete the pair so that a new one is issued. Files are never overwritten when they cannot
    ///   be read, so nothing a user put there is lost silently.
    public func ensureLeaves(
        for domains: [DomainName],
        in directory: CertificateDirectory,
        now: Date = Date()
    ) throws(CertificateError) -> [ProvisionedCertificate] {
        var seen: Set<DomainName> = []
        var provisioned: [ProvisionedCertificate] = []
        for domain in domains where seen.insert(domain).inserted {
            provisioned.append(try self.ensureLeaf(for: domain, in: directory, now: now))
        }
        return provisioned
    }

    private func ensureLeaf(for domain: DomainName, in directory: CertificateDirectory, now: Date) throws(CertificateError) -> ProvisionedCertificate
    {
        let pair = directory.leafPair(for: domain)
        let action: ProvisionedCertificate.Action
        if PEMFile.exists(pair.certificatePath) && PEMFile.exists(pair.privateKeyPath) {
            let (chain, privateKey) = try pair.loadChainAndKey()
            if let reason = self.renewalReason(for: chain[0], domain: domain, now: now) {
                action = .renewed(reason)
            } else {
                return ProvisionedCertificate(
                    serverCertificate: ServerCertificate(domain: domain, certificateChain: chain, privateKey: privateKey),
                    action: .kept,
                    certificatePath: pair.certificatePath,
                    privateKeyPath: pair.privateKeyPath
                )
            }
        } else {
            action = .issued
        }
        try PEMFile.createDirectory(directory.path)
        let issued = try self.issueCertificate(for: domain, now: now)
        try pair.store(certificate: issued.certificate, privateKey: issued.privateKey)
        return ProvisionedCertificate(
            serverCertificate: issued,
            action: action,
            certificatePath: pair.certificatePath,
            privateKeyPath: pair.privateKeyPath
        )
    }
}
