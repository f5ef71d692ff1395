#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A problem with a domain name, a certificate file or its private key, told so that a user can fix it.
///
/// ``description`` says what is wrong, in which file, and what to do about it.
public struct CertificateError: Error, CustomStringConvertible, Sendable {
    /// What kind of problem this is, for callers that act on it.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { self.name }

        /// A domain that cannot be a certificate's dNSName.
        public static let invalidDomain = Code("invalidDomain")
        /// A file that is missing or cannot be read.
        public static let unreadableFile = Code("unreadableFile")
        /// A file that is not the PEM certificate or private key it should be.
        public static let corruptFile = Code("corruptFile")
        /// A private key that does not belong to the certificate next to it.
        public static let keyMismatch = Code("keyMismatch")
        /// A development CA certificate that is not a usable CA (not self-signed, not a CA, expired).
        public static let invalidAuthority = Code("invalidAuthority")
        /// A supplied certificate whose subject alternative names do not cover its domain.
        public static let domainNotCovered = Code("domainNotCovered")
        /// A file or folder that could not be written.
        public static let writeFailed = Code("writeFailed")
        /// A supplied certificate that has expired.
        public static let expired = Code("expired")
        /// A certificate that could not be built or signed.
        public static let issueFailed = Code("issueFailed")
        /// A certificate or key that the TLS library refuses.
        public static let tlsSetupFailed = Code("tlsSetupFailed")
        /// A certificate store built from no certificates.
        public static let noCertificates = Code("noCertificates")
    }

    /// What kind of problem this is.
    public let code: Code
    /// The file the problem is in, when there is one.
    public let file: String?
    /// What is wrong, where, and how to fix it.
    public let description: String

    private init(_ code: Code, file: String?, _ description: String) {
        self.code = code
        self.file = file
        self.description = description
    }
}

extension CertificateError {
    static func invalidDomain(_ name: String, reason: String) -> CertificateError {
        CertificateError(
            .invalidDomain,
            file: nil,
            "`\(name)` cannot be given a certificate: \(reason). Give a domain such as `app.edgesim.test` or `*.example.test`."
        )
    }

    static func unreadableFile(_ path: String, of pair: PEMPair, reason: String) -> CertificateError {
        CertificateError(.unreadableFile, file: path, "\(path): cannot read the \(pair.role(of: path)) (\(reason)). \(pair.remedy)")
    }

    static func corruptFile(_ path: String, of pair: PEMPair, reason: String) -> CertificateError {
        CertificateError(.corruptFile, file: path, "\(path): not a valid PEM \(pair.role(of: path)) (\(reason)). \(pair.remedy)")
    }

    static func keyMismatch(_ pair: PEMPair) -> CertificateError {
        CertificateError(
            .keyMismatch,
            file: pair.privateKeyPath,
            "\(pair.privateKeyPath): this private key does not belong to the certificate in \(pair.certificatePath). \(pair.remedy)"
        )
    }

    static func invalidAuthority(_ pair: PEMPair, reason: String) -> CertificateError {
        CertificateError(.invalidAuthority, file: pair.certificatePath, "\(pair.certificatePath): \(reason). \(pair.remedy)")
    }

    static func domainNotCovered(_ pair: PEMPair, domain: DomainName, names: [String]) -> CertificateError {
        let listed = names.isEmpty ? "no DNS names" : names.joined(separator: ", ")
        return CertificateError(
            .domainNotCovered,
            file: pair.certificatePath,
            "\(pair.certificatePath): the certificate does not cover \(domain) (its subject alternative names: \(listed)). \(pair.remedy)"
        )
    }

    static func writeFailed(_ path: String, reason: String) -> CertificateError {
        CertificateError(
            .writeFailed,
            file: path,
            "\(path): cannot write (\(reason)). Check that the certificates folder exists and is writable, or pick another with --certs-dir."
        )
    }

    static func expired(_ pair: PEMPair, on date: Date) -> CertificateError {
        CertificateError(.expired, file: pair.certificatePath, "\(pair.certificatePath): the certificate expired on \(date). \(pair.remedy)")
    }

    static func issueFailed(_ subject: String, reason: String) -> CertificateError {
        CertificateError(.issueFailed, file: nil, "cannot build the certificate for \(subject): \(reason).")
    }

    static func tlsSetupFailed(_ domain: DomainName, reason: String) -> CertificateError {
        CertificateError(.tlsSetupFailed, file: nil, "the certificate for \(domain) cannot be used for TLS: \(reason).")
    }

    static var noCertificates: CertificateError {
        CertificateError(.noCertificates, file: nil, "no certificates to serve: give at least one domain (for example `localhost`).")
    }
}
