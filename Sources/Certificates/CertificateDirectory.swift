/// The certificates folder (`certs/` by default) and the names of the files in it.
///
/// - `edgesim-ca.pem`, `edgesim-ca-key.pem`: the development CA of this machine;
/// - `<domain>.pem`, `<domain>-key.pem`: the leaf certificate it issued for a domain (`_wildcard.example.test.pem` for
///   `*.example.test`).
///
/// Private key files are created with mode 0600.
public struct CertificateDirectory: Sendable, Hashable {
    /// The folder, as given (relative paths are relative to the working directory).
    public let path: String

    public init(path: String) {
        var path = path
        while path.count > 1 && path.hasSuffix("/") {
            path.removeLast()
        }
        self.path = path.isEmpty ? "." : path
    }

    /// The development CA certificate, the file users add to their trust stores.
    public var authorityCertificatePath: String { self.file("edgesim-ca.pem") }
    /// The development CA private key; it never leaves this machine.
    public var authorityPrivateKeyPath: String { self.file("edgesim-ca-key.pem") }

    /// The leaf certificate issued for `domain`.
    public func certificatePath(for domain: DomainName) -> String { self.file(domain.fileStem + ".pem") }
    /// The private key of the leaf certificate issued for `domain`.
    public func privateKeyPath(for domain: DomainName) -> String { self.file(domain.fileStem + "-key.pem") }

    var authorityPair: PEMPair {
        PEMPair(certificatePath: self.authorityCertificatePath, privateKeyPath: self.authorityPrivateKeyPath, owner: .authority)
    }

    func leafPair(for domain: DomainName) -> PEMPair {
        PEMPair(certificatePath: self.certificatePath(for: domain), privateKeyPath: self.privateKeyPath(for: domain), owner: .issued)
    }

    private func file(_ name: String) -> String { self.path + "/" + name }
}
