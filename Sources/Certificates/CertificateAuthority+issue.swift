import Crypto
import X509

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension CertificateAuthority {
    /// How long a leaf certificate is valid: 397 days, under the 398 days browsers accept.
    public static let leafValidity: TimeInterval = 397 * 86_400

    /// A leaf is renewed when it has less than this left: 30 days.
    public static let renewalWindow: TimeInterval = 30 * 86_400

    /// Issues a new leaf certificate for `domain` with a new ECDSA P-256 key.
    ///
    /// The leaf names the domain in its subject alternative names (a wildcard domain gets the wildcard; `localhost`
    /// also gets 127.0.0.1 and ::1), is for serverAuth with digitalSignature, is not a CA, has a random serial number
    /// and is valid for ``leafValidity`` from ``backdating`` before `now`.
    public func issueCertificate(for domain: DomainName, now: Date = Date()) throws(CertificateError) -> ServerCertificate {
        let privateKey = Certificate.PrivateKey(P256.Signing.PrivateKey())
        do {
            let subject = try DistinguishedName {
                OrganizationName("EdgeSim development certificate")
                CommonName(domain.name)
            }
            let extensions = try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(domain.subjectAlternativeNames)
                SubjectKeyIdentifier(hash: privateKey.publicKey)
                AuthorityKeyIdentifier(keyIdentifier: self.keyIdentifier)
            }
            let certificate = try Certificate(
                version: .v3,
                serialNumber: .random(),
                publicKey: privateKey.publicKey,
                notValidBefore: now.addingTimeInterval(-Self.backdating),
                notValidAfter: now.addingTimeInterval(Self.leafValidity - Self.backdating),
                issuer: self.certificate.subject,
                subject: subject,
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: extensions,
                issuerPrivateKey: self.privateKey
            )
            return ServerCertificate(domain: domain, certificateChain: [certificate], privateKey: privateKey)
        } catch {
            throw .issueFailed(domain.name, reason: "\(error)")
        }
    }

    /// Whether this CA signed `certificate`.
    public func hasIssued(_ certificate: Certificate) -> Bool {
        certificate.issuer == self.certificate.subject
            && self.certificate.publicKey.isValidSignature(certificate.signature, for: certificate)
    }

    /// Why the leaf for `domain` must be replaced, or `nil` when it can be kept: it was signed by another CA (the
    /// CA was regenerated), its subject alternative names lack one a new leaf would carry, or it has less than
    /// ``renewalWindow`` left.
    public func renewalReason(for leaf: Certificate, domain: DomainName, now: Date) -> RenewalReason? {
        if !self.hasIssued(leaf) {
            return .issuedByAnotherAuthority
        }
        let present = leaf.subjectAlternativeNames
        if !domain.subjectAlternativeNames.allSatisfy(present.contains) {
            return .doesNotCoverDomain
        }
        if leaf.notValidAfter.timeIntervalSince(now) < Self.renewalWindow {
            return .expiresSoon(notValidAfter: leaf.notValidAfter)
        }
        return nil
    }
}
