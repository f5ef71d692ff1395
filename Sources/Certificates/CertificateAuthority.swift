import Crypto
import X509

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The development CA of this machine: an ECDSA P-256 root that signs a leaf certificate for every domain EdgeSim
/// serves. Users trust its certificate once (see `certs/README.md`); its private key never leaves the machine.
public struct CertificateAuthority: Sendable {
    /// How the CA came to be: made now, or read from the certificates folder.
    public enum Origin: Sendable, Equatable {
        case created
        case loaded
    }

    /// How long a new CA is valid: ten years.
    public static let validity: TimeInterval = 3_652 * 86_400

    /// How far before `now` certificates start to be valid. X.509 times are whole seconds and swift-certificates
    /// rounds, so a certificate valid from `now` could be rejected as not yet valid for half a second after it is
    /// made; an hour also covers clocks of containers and VMs that lag behind the host's.
    public static let backdating: TimeInterval = 3_600

    /// The CA certificate, the one users trust.
    public let certificate: Certificate
    let privateKey: Certificate.PrivateKey
    let keyIdentifier: ArraySlice<UInt8>

    init(certificate: Certificate, privateKey: Certificate.PrivateKey) {
        self.certificate = certificate
        self.privateKey = privateKey
        self.keyIdentifier = SubjectKeyIdentifier(hash: certificate.publicKey).keyIdentifier
    }

    /// Loads the CA from `directory`, or creates it there when neither of its files exists.
    ///
    /// The certificate is written with mode 0644 and the private key with mode 0600.
    ///
    /// - Parameters:
    ///   - hostname: named in the CA's subject so that a user who trusts CAs of several machines can tell them apart;
    ///     the machine's host name by default.
    ///   - now: the moment a new CA is made (it is valid from ``backdating`` before), and against which a loaded CA is
    ///     checked.
    /// - Throws: ``CertificateError`` when a file is unreadable, corrupt, not a CA, expired, or when the key does not
    ///   belong to the certificate; the message names the file and says to delete the pair to generate a new CA.
    public static func loadOrCreate(
        in directory: CertificateDirectory,
        hostname: String? = nil,
        now: Date = Date()
    ) throws(CertificateError) -> (authority: CertificateAuthority, origin: Origin) {
        let pair = directory.authorityPair
        if !PEMFile.exists(pair.certificatePath) && !PEMFile.exists(pair.privateKeyPath) {
            try PEMFile.createDirectory(directory.path)
            let authority = try CertificateAuthority.create(hostname: hostname ?? Hostname.current, now: now)
            try pair.store(certificate: authority.certificate, privateKey: authority.privateKey)
            return (authority, .created)
        }
        return (try CertificateAuthority.load(pair, now: now), .loaded)
    }

    static func create(hostname: String, now: Date) throws(CertificateError) -> CertificateAuthority {
        let privateKey = Certificate.PrivateKey(P256.Signing.PrivateKey())
        do {
            let name = try DistinguishedName {
                OrganizationName("EdgeSim")
                CommonName("EdgeSim Development CA (\(hostname))")
            }
            let extensions = try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: privateKey.publicKey)
            }
            let certificate = try Certificate(
                version: .v3,
                serialNumber: .random(),
                publicKey: privateKey.publicKey,
                notValidBefore: now.addingTimeInterval(-Self.backdating),
                notValidAfter: now.addingTimeInterval(Self.validity - Self.backdating),
                issuer: name,
                subject: name,
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: extensions,
                issuerPrivateKey: privateKey
            )
            return CertificateAuthority(certificate: certificate, privateKey: privateKey)
        } catch {
            throw .issueFailed("the development CA", reason: "\(error)")
        }
    }

    static func load(_ pair: PEMPair, now: Date) throws(CertificateError) -> CertificateAuthority {
        let (chain, privateKey) = try pair.loadChainAndKey()
        let certificate = chain[0]
        guard case .isCertificateAuthority = try? certificate.extensions.basicConstraints else {
            throw .invalidAuthority(pair, reason: "this is not a CA certificate (basicConstraints CA:true is missing)")
        }
        guard certificate.issuer == certificate.subject,
            certificate.publicKey.isValidSignature(certificate.signature, for: certificate)
        else {
            throw .invalidAuthority(pair, reason: "this CA certificate is not self-signed")
        }
        guard certificate.notValidAfter > now else {
            throw .invalidAuthority(pair, reason: "this CA certificate expired on \(certificate.notValidAfter)")
        }
        return CertificateAuthority(certificate: certificate, privateKey: privateKey)
    }
}

extension Certificate.SerialNumber {
    /// 128 random bits as a positive INTEGER of 16 bytes: unique per certificate (RFC 5280 §4.1.2.2 and the CA/Browser
    /// Forum's 64 bits of entropy) and short of the 20-byte limit whatever the first bit.
    static func random() -> Certificate.SerialNumber {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[0] = (bytes[0] & 0x7F) | 0x01
        return Certificate.SerialNumber(bytes: bytes)
    }
}
