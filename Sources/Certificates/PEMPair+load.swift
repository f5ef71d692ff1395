import SwiftASN1
import X509

extension PEMPair {
    /// The certificates of the certificate file: the leaf (or the CA) first, then any intermediates.
    func loadCertificates() throws(CertificateError) -> [Certificate] {
        let path = self.certificatePath
        let documents = try self.loadDocuments(path)
        let blocks = documents.filter { $0.discriminator == "CERTIFICATE" }
        guard !blocks.isEmpty else {
            throw .corruptFile(path, of: self, reason: "no -----BEGIN CERTIFICATE----- block")
        }
        var certificates: [Certificate] = []
        for block in blocks {
            do {
                certificates.append(try Certificate(derEncoded: block.derBytes))
            } catch {
                throw .corruptFile(path, of: self, reason: "the certificate cannot be decoded: \(error)")
            }
        }
        return certificates
    }

    /// The private key of the key file: PKCS #8 (`PRIVATE KEY`), SEC 1 (`EC PRIVATE KEY`) or PKCS #1 (`RSA PRIVATE KEY`).
    func loadPrivateKey() throws(CertificateError) -> Certificate.PrivateKey {
        let path = self.privateKeyPath
        let documents = try self.loadDocuments(path)
        if documents.contains(where: { $0.discriminator == "ENCRYPTED PRIVATE KEY" }) {
            throw .corruptFile(
                path,
                of: self,
                reason: "the key is encrypted; EdgeSim needs it unencrypted, for example from `openssl pkey -in KEY -out KEY`"
            )
        }
        let keyTypes: Set = ["PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY"]
        guard let block = documents.first(where: { keyTypes.contains($0.discriminator) }) else {
            throw .corruptFile(path, of: self, reason: "no -----BEGIN PRIVATE KEY----- block")
        }
        do {
            return try Certificate.PrivateKey(pemDocument: block)
        } catch {
            throw .corruptFile(path, of: self, reason: "the key cannot be decoded: \(error)")
        }
    }

    /// Both files, checking that the key is the certificate's.
    func loadChainAndKey() throws(CertificateError) -> (chain: [Certificate], privateKey: Certificate.PrivateKey) {
        let chain = try self.loadCertificates()
        let privateKey = try self.loadPrivateKey()
        guard privateKey.publicKey == chain[0].publicKey else {
            throw .keyMismatch(self)
        }
        return (chain, privateKey)
    }

    private func loadDocuments(_ path: String) throws(CertificateError) -> [PEMDocument] {
        let text: String
        switch PEMFile.load(path) {
        case .contents(let contents): text = contents
        case .missing: throw .unreadableFile(path, of: self, reason: "no such file")
        case .failed(let reason): throw .unreadableFile(path, of: self, reason: reason)
        }
        do {
            return try PEMDocument.parseMultiple(pemString: text)
        } catch {
            throw .corruptFile(path, of: self, reason: "\(error)")
        }
    }

    /// Writes a certificate (mode 0644) and its private key (mode 0600), key first so that a certificate on disk
    /// always has its key.
    func store(certificate: Certificate, privateKey: Certificate.PrivateKey) throws(CertificateError) {
        let certificatePEM: String
        let privateKeyPEM: String
        do {
            certificatePEM = try certificate.serializeAsPEM().pemString + "\n"
            privateKeyPEM = try privateKey.serializeAsPEM().pemString + "\n"
        } catch {
            throw .writeFailed(self.certificatePath, reason: "cannot encode the certificate: \(error)")
        }
        try PEMFile.store(privateKeyPEM, at: self.privateKeyPath, mode: PEMFile.privateMode)
        try PEMFile.store(certificatePEM, at: self.certificatePath, mode: PEMFile.publicMode)
    }
}
