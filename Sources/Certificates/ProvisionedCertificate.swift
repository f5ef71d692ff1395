#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Why a development leaf on disk was replaced.
public enum RenewalReason: Sendable, Equatable, CustomStringConvertible {
    /// It expires within ``CertificateAuthority/renewalWindow`` (or already expired).
    case expiresSoon(notValidAfter: Date)
    /// Another CA signed it, typically the CA of this machine before its files were deleted.
    case issuedByAnotherAuthority
    /// Its subject alternative names lack one that a new leaf for the domain carries.
    case doesNotCoverDomain

    public var description: String {
        switch self {
        case .expiresSoon(let notValidAfter): return "it expires on \(notValidAfter)"
        case .issuedByAnotherAuthority: return "another CA signed it"
        case .doesNotCoverDomain: return "its names do not cover the domain"
        }
    }
}

/// A development leaf certificate in the certificates folder and what ``CertificateAuthority/ensureLeaves(for:in:now:)``
/// did with it.
public struct ProvisionedCertificate: Sendable {
    /// What was done to the files.
    public enum Action: Sendable, Equatable, CustomStringConvertible {
        /// There was none (or only half a pair); a new one was issued.
        case issued
        /// The one on disk could not be kept; a new one was issued.
        case renewed(RenewalReason)
        /// The one on disk is good and was kept.
        case kept

        /// For `edgesim certs` to print: `issued`, `renewed (another CA signed it)`, `kept`.
        public var description: String {
            switch self {
            case .issued: return "issued"
            case .renewed(let reason): return "renewed (\(reason))"
            case .kept: return "kept"
            }
        }
    }

    /// The certificate and key, ready for a ``CertificateStore``.
    public let serverCertificate: ServerCertificate
    public let action: Action
    /// Where the certificate is (mode 0644).
    public let certificatePath: String
    /// Where its private key is (mode 0600).
    public let privateKeyPath: String

    public var domain: DomainName { self.serverCertificate.domain }
    public var notValidAfter: Date { self.serverCertificate.certificate.notValidAfter }
}
