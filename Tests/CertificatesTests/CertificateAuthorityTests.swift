import Certificates
import Crypto
import Foundation
import SwiftASN1
import Testing
import X509

@Suite struct CertificateAuthorityTests {
    @Test func createsOnceThenLoads() async throws {
        try await withTemporaryDirectory { path in
            let directory = CertificateDirectory(path: path + "/certs")
            let (created, firstOrigin) = try CertificateAuthority.loadOrCreate(in: directory, hostname: "testhost")
            let (loaded, secondOrigin) = try CertificateAuthority.loadOrCreate(in: directory, hostname: "testhost")
            #expect(firstOrigin == .created)
            #expect(secondOrigin == .loaded)
            #expect(loaded.certificate == created.certificate)
            #expect(try fileMode(directory.authorityPrivateKeyPath) == 0o600)
            #expect(try fileMode(directory.authorityCertificatePath) == 0o644)
        }
    }

    @Test func isAnECDSAP256RootForTenYears() async throws {
        try await withTemporaryDirectory { path in
            let directory = CertificateDirectory(path: path)
            let now = Date()
            let certificate = try CertificateAuthority.loadOrCreate(in: directory, hostname: "testhost", now: now).authority.certificate
            let onDisk = try Certificate(pemEncoded: readFile(directory.authorityCertificatePath))
            #expect(onDisk == certificate)

            #expect(certificate.subject.description.contains("CN=EdgeSim Development CA (testhost)"))
            #expect(certificate.issuer == certificate.subject)
            #expect(certificate.publicKey.isValidSignature(certificate.signature, for: certificate))
            #expect(P256.Signing.PublicKey(certificate.publicKey) != nil)
            #expect(certificate.signatureAlgorithm == .ecdsaWithSHA256)
            #expect(certificate.notValidAfter.timeIntervalSince(certificate.notValidBefore) == 3_652 * 86_400)
            #expect(abs(certificate.notValidBefore.timeIntervalSince(now) + 3_600) < 1)

            let basicConstraints = try #require(certificate.extensions[oid: .X509ExtensionID.basicConstraints])
            #expect(basicConstraints.critical)
            #expect(try certificate.extensions.basicConstraints == .isCertificateAuthority(maxPathLength: 0))
            let keyUsageExtension = try #require(certificate.extensions[oid: .X509ExtensionID.keyUsage])
            #expect(keyUsageExtension.critical)
            #expect(try certificate.extensions.keyUsage == KeyUsage(keyCertSign: true, cRLSign: true))
            #expect(try certificate.extensions.subjectKeyIdentifier == SubjectKeyIdentifier(hash: certificate.publicKey))

            let text = try await runTool("/usr/bin/openssl", ["x509", "-in", directory.authorityCertificatePath, "-noout", "-text"])
            #expect(text.status == 0)
            #expect(text.output.contains("CA:TRUE"))
            #expect(text.output.contains("Certificate Sign, CRL Sign"))
            #expect(text.output.contains("ASN1 OID: prime256v1"))
        }
    }

    @Test func namesThisMachineByDefault() async throws {
        try await withTemporaryDirectory { path in
            let hostname = try await runTool("/bin/hostname", []).output.trimmingCharacters(in: .whitespacesAndNewlines)
            let certificate = try CertificateAuthority.loadOrCreate(in: CertificateDirectory(path: path)).authority.certificate
            #expect(certificate.subject.description.contains("CN=EdgeSim Development CA (\(hostname))"))
        }
    }

    enum Damaged: CaseIterable { case certificate, privateKey }

    @Test(arguments: Damaged.allCases)
    func aCorruptFileIsNamedWithTheWayOut(damaged: Damaged) async throws {
        try await withTemporaryDirectory { path in
            let directory = CertificateDirectory(path: path)
            _ = try CertificateAuthority.loadOrCreate(in: directory)
            let file = damaged == .certificate ? directory.authorityCertificatePath : directory.authorityPrivateKeyPath
            let label = damaged == .certificate ? "CERTIFICATE" : "PRIVATE KEY"
            try writeFile("-----BEGIN \(label)-----\nbm90IGEga2V5\n-----END \(label)-----\n", to: file)

            let error = #expect(throws: Certificates.CertificateError.self) { try CertificateAuthority.loadOrCreate(in: directory) }
            #expect(error?.code == .corruptFile)
            #expect(error?.file == file)
            #expect(error?.description.hasPrefix(file + ": not a valid PEM development CA") == true)
            #expect(
                error?.description.contains("Delete \(directory.authorityCertificatePath) and \(directory.authorityPrivateKeyPath)") == true
            )
        }
    }

    @Test func aFileWithoutPEMIsCorrupt() async throws {
        try await withTemporaryDirectory { path in
            let directory = CertificateDirectory(path: path)
            _ = try CertificateAuthority.loadOrCreate(in: directory)
            try writeFile("hello\n", to: directory.authorityCertificatePath)
            let error = #expect(throws: Certificates.CertificateError.self) { try CertificateAuthority.loadOrCreate(in: directory) }
            #expect(error?.code == .corruptFile)
            #expect(error?.description.contains("no -----BEGIN CERTIFICATE----- block") == true)
        }
    }

    @Test func aKeyOfAnotherAuthorityIsAMismatch() async throws {
        try await withTemporaryDirectory { path in
            let mine = CertificateDirectory(path: path + "/mine")
            let other = CertificateDirectory(path: path + "/other")
            _ = try CertificateAuthority.loadOrCreate(in: mine)
            _ = try CertificateAuthority.loadOrCreate(in: other)
            try writeFile(readFile(other.authorityPrivateKeyPath), to: mine.authorityPrivateKeyPath)

            let error = #expect(throws: Certificates.CertificateError.self) { try CertificateAuthority.loadOrCreate(in: mine) }
            #expect(error?.code == .keyMismatch)
            #expect(error?.file == mine.authorityPrivateKeyPath)
            #expect(error?.description.contains("does not belong to the certificate in \(mine.authorityCertificatePath)") == true)
        }
    }

    @Test func aMissingHalfIsNotSilentlyReplaced() async throws {
        try await withTemporaryDirectory { path in
            let directory = CertificateDirectory(path: path)
            let original = try CertificateAuthority.loadOrCreate(in: directory).authority.certificate
            try FileManager.default.removeItem(atPath: directory.authorityPrivateKeyPath)

            let error = #expect(throws: Certificates.CertificateError.self) { try CertificateAuthority.loadOrCreate(in: directory) }
            #expect(error?.code == .unreadableFile)
            #expect(error?.file == directory.authorityPrivateKeyPath)
            #expect(try Certificate(pemEncoded: readFile(directory.authorityCertificatePath)) == original)
        }
    }

    @Test func aLeafInPlaceOfTheAuthorityIsRefused() async throws {
        try await withTemporaryDirectory { path in
            let directory = CertificateDirectory(path: path)
            let issued = try DevelopmentCertificates.ensure(for: ["app.edgesim.test"], in: path)
            let leaf = issued.leaves[0]
            try writeFile(readFile(leaf.certificatePath), to: directory.authorityCertificatePath)
            try writeFile(readFile(leaf.privateKeyPath), to: directory.authorityPrivateKeyPath)

            let error = #expect(throws: Certificates.CertificateError.self) { try CertificateAuthority.loadOrCreate(in: directory) }
            #expect(error?.code == .invalidAuthority)
            #expect(error?.description.contains("not a CA certificate") == true)
        }
    }

    @Test func anExpiredAuthorityIsRefused() async throws {
        try await withTemporaryDirectory { path in
            let directory = CertificateDirectory(path: path)
            let longAgo = Date().addingTimeInterval(-11 * 365 * 86_400)
            _ = try CertificateAuthority.loadOrCreate(in: directory, now: longAgo)

            let error = #expect(throws: Certificates.CertificateError.self) { try CertificateAuthority.loadOrCreate(in: directory) }
            #expect(error?.code == .invalidAuthority)
            #expect(error?.description.contains("expired") == true)
        }
    }
}
