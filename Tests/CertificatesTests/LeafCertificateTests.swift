import Certificates
import Foundation
import SwiftASN1
import Testing
import X509

@Suite struct LeafCertificateTests {
    static let domains = ["app.edgesim.test", "*.example.test", "localhost"]

    @Test func issuesAPairPerDomainWithAPrivateKeyFile() async throws {
        try await withTemporaryDirectory { path in
            let result = try DevelopmentCertificates.ensure(for: Self.domains, in: path + "/certs")
            #expect(result.authorityOrigin == .created)
            #expect(result.leaves.map(\.domain.name) == Self.domains)
            #expect(result.leaves.map(\.action) == [.issued, .issued, .issued])
            #expect(result.leaves[1].certificatePath == path + "/certs/_wildcard.example.test.pem")
            for leaf in result.leaves {
                #expect(try fileMode(leaf.privateKeyPath) == 0o600)
                #expect(try fileMode(leaf.certificatePath) == 0o644)
                let onDisk = try Certificate(pemEncoded: readFile(leaf.certificatePath))
                #expect(onDisk == leaf.serverCertificate.certificate)
                let key = try Certificate.PrivateKey(pemEncoded: readFile(leaf.privateKeyPath))
                #expect(key.publicKey == onDisk.publicKey)
            }
        }
    }

    @Test(arguments: [
        ("app.edgesim.test", [GeneralName.dnsName("app.edgesim.test")]),
        ("*.example.test", [.dnsName("*.example.test")]),
        (
            "localhost",
            [
                .dnsName("localhost"),
                .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])),
                .ipAddress(ASN1OctetString(contentBytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])),
            ]
        ),
    ])
    func isAServerCertificateTheCASigned(domain: String, names: [GeneralName]) async throws {
        try await withTemporaryDirectory { path in
            let now = Date()
            let result = try DevelopmentCertificates.ensure(for: [domain], in: path, now: now)
            let authority = result.authority.certificate
            let leaf = result.leaves[0].serverCertificate.certificate

            #expect(Array(try #require(try leaf.extensions.subjectAlternativeNames)) == names)
            #expect(Array(try #require(try leaf.extensions.extendedKeyUsage)) == [.serverAuth])
            #expect(try leaf.extensions.keyUsage == KeyUsage(digitalSignature: true))
            #expect(try #require(leaf.extensions[oid: .X509ExtensionID.keyUsage]).critical)
            #expect(try leaf.extensions.basicConstraints == .notCertificateAuthority)
            #expect(leaf.notValidAfter.timeIntervalSince(leaf.notValidBefore) == 397 * 86_400)
            #expect(abs(leaf.notValidBefore.timeIntervalSince(now) + 3_600) < 1)
            #expect(leaf.issuer == authority.subject)
            #expect(authority.publicKey.isValidSignature(leaf.signature, for: leaf))
            #expect(try leaf.extensions.authorityKeyIdentifier?.keyIdentifier == authority.extensions.subjectKeyIdentifier?.keyIdentifier)
            #expect(leaf.serialNumber.bytes.count <= 20)
            #expect(leaf.serialNumber.bytes.first.map { $0 & 0x80 == 0 } == true)
        }
    }

    @Test func serialNumbersAreRandom() async throws {
        try await withTemporaryDirectory { path in
            let result = try DevelopmentCertificates.ensure(for: ["a.test", "b.test", "c.test", "d.test"], in: path)
            let serials = Set(result.leaves.map(\.serverCertificate.certificate.serialNumber))
            #expect(serials.count == 4)
            #expect(!serials.contains(result.authority.certificate.serialNumber))
        }
    }

    @Test func goodLeavesAreKept() async throws {
        try await withTemporaryDirectory { path in
            let first = try DevelopmentCertificates.ensure(for: Self.domains, in: path)
            let second = try DevelopmentCertificates.ensure(for: Self.domains, in: path, now: Date().addingTimeInterval(86_400))
            #expect(second.authorityOrigin == .loaded)
            #expect(second.leaves.map(\.action) == [.kept, .kept, .kept])
            #expect(second.leaves.map(\.serverCertificate.certificate) == first.leaves.map(\.serverCertificate.certificate))
        }
    }

    @Test func anExpiringLeafIsRenewedWithAPrivateKeyFile() async throws {
        try await withTemporaryDirectory { path in
            let now = Date()
            let issuedLongAgo = now.addingTimeInterval(-380 * 86_400)
            let old = try DevelopmentCertificates.ensure(for: ["app.edgesim.test"], in: path, now: issuedLongAgo).leaves[0]
            // A user who widened the key's mode does not keep a readable key after renewal.
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: old.privateKeyPath)

            let renewed = try DevelopmentCertificates.ensure(for: ["app.edgesim.test"], in: path, now: now).leaves[0]
            #expect(renewed.action == .renewed(.expiresSoon(notValidAfter: old.notValidAfter)))
            #expect(renewed.serverCertificate.certificate.serialNumber != old.serverCertificate.certificate.serialNumber)
            #expect(abs(renewed.notValidAfter.timeIntervalSince(now.addingTimeInterval(397 * 86_400 - 3_600))) < 1)
            #expect(try Certificate(pemEncoded: readFile(renewed.certificatePath)) == renewed.serverCertificate.certificate)
            #expect(try fileMode(renewed.privateKeyPath) == 0o600)
        }
    }

    @Test func aLeafWithMoreThanThirtyDaysLeftIsKept() async throws {
        try await withTemporaryDirectory { path in
            let now = Date()
            _ = try DevelopmentCertificates.ensure(for: ["app.edgesim.test"], in: path, now: now.addingTimeInterval(-366 * 86_400))
            let leaf = try DevelopmentCertificates.ensure(for: ["app.edgesim.test"], in: path, now: now).leaves[0]
            #expect(leaf.action == .kept)
        }
    }

    @Test func leavesOfAPreviousAuthorityAreRenewed() async throws {
        try await withTemporaryDirectory { path in
            let directory = CertificateDirectory(path: path)
            _ = try DevelopmentCertificates.ensure(for: Self.domains, in: path)
            try FileManager.default.removeItem(atPath: directory.authorityCertificatePath)
            try FileManager.default.removeItem(atPath: directory.authorityPrivateKeyPath)

            let result = try DevelopmentCertificates.ensure(for: Self.domains, in: path)
            #expect(result.authorityOrigin == .created)
            #expect(result.leaves.map(\.action) == Array(repeating: .renewed(.issuedByAnotherAuthority), count: 3))
            #expect(result.leaves.map(\.action.description) == Array(repeating: "renewed (another CA signed it)", count: 3))
            for leaf in result.leaves {
                #expect(result.authority.hasIssued(leaf.serverCertificate.certificate))
            }
        }
    }

    @Test func aLeafWhoseNamesDoNotCoverTheDomainIsRenewed() async throws {
        try await withTemporaryDirectory { path in
            let first = try DevelopmentCertificates.ensure(for: ["app.edgesim.test", "beta.edgesim.test"], in: path)
            try writeFile(readFile(first.leaves[1].certificatePath), to: first.leaves[0].certificatePath)
            try writeFile(readFile(first.leaves[1].privateKeyPath), to: first.leaves[0].privateKeyPath)

            let result = try DevelopmentCertificates.ensure(for: ["app.edgesim.test", "beta.edgesim.test"], in: path)
            #expect(result.leaves.map(\.action) == [.renewed(.doesNotCoverDomain), .kept])
            #expect(try result.leaves[0].serverCertificate.certificate.extensions.subjectAlternativeNames?.first == .dnsName("app.edgesim.test"))
        }
    }

    @Test func halfAPairIsIssuedAgain() async throws {
        try await withTemporaryDirectory { path in
            let first = try DevelopmentCertificates.ensure(for: ["app.edgesim.test"], in: path).leaves[0]
            try FileManager.default.removeItem(atPath: first.privateKeyPath)
            let again = try DevelopmentCertificates.ensure(for: ["app.edgesim.test"], in: path).leaves[0]
            #expect(again.action == .issued)
            #expect(try fileMode(again.privateKeyPath) == 0o600)
        }
    }

    @Test func aCorruptLeafIsAnErrorAndLeftAlone() async throws {
        try await withTemporaryDirectory { path in
            let leaf = try DevelopmentCertificates.ensure(for: ["app.edgesim.test"], in: path).leaves[0]
            let garbage = "-----BEGIN CERTIFICATE-----\n%%%\n-----END CERTIFICATE-----\n"
            try writeFile(garbage, to: leaf.certificatePath)

            let error = #expect(throws: Certificates.CertificateError.self) {
                try DevelopmentCertificates.ensure(for: ["app.edgesim.test"], in: path)
            }
            #expect(error?.code == .corruptFile)
            #expect(error?.file == leaf.certificatePath)
            #expect(error?.description.contains("Delete \(leaf.certificatePath) and \(leaf.privateKeyPath)") == true)
            #expect(try readFile(leaf.certificatePath) == garbage)
        }
    }

    @Test func aDomainIsHandledOnce() async throws {
        try await withTemporaryDirectory { path in
            let result = try DevelopmentCertificates.ensure(for: ["App.EdgeSim.test", "app.edgesim.test."], in: path)
            #expect(result.leaves.map(\.domain.name) == ["app.edgesim.test"])
        }
    }

    @Test func anInvalidDomainStopsBeforeAnyFileIsWritten() async throws {
        try await withTemporaryDirectory { path in
            let error = #expect(throws: Certificates.CertificateError.self) {
                try DevelopmentCertificates.ensure(for: ["app.edgesim.test", "bad..name"], in: path + "/certs")
            }
            #expect(error?.code == .invalidDomain)
            #expect(!FileManager.default.fileExists(atPath: path + "/certs"))
        }
    }
}
