import Certificates
import Foundation
import Testing
import X509

/// Certificates a user brings, made by `openssl` as users make them.
@Suite struct ImportCertificateTests {
    /// A self-signed certificate from `openssl req`, with an RSA key in PKCS #8 or an EC key in SEC 1 form.
    static func makeSelfSigned(in path: String, name: String, subjectAltName: String, rsa: Bool) async throws -> (certificate: String, key: String) {
        let certificate = path + "/\(name).crt"
        let key = path + "/\(name).key"
        var arguments = ["req", "-x509", "-nodes", "-days", "30", "-subj", "/CN=\(name)", "-addext", "subjectAltName=\(subjectAltName)"]
        if rsa {
            arguments += ["-newkey", "rsa:2048", "-keyout", key]
        } else {
            let parameters = try await runTool("/usr/bin/openssl", ["ecparam", "-name", "prime256v1", "-genkey", "-out", key])
            #expect(parameters.status == 0, "\(parameters.output)")
            arguments += ["-key", key]
        }
        let made = try await runTool("/usr/bin/openssl", arguments + ["-out", certificate])
        #expect(made.status == 0, "\(made.output)")
        return (certificate, key)
    }

    /// A leaf with an RSA key signed by a CA of the user's own, as a company CA or mkcert would issue it.
    static func makeCASigned(
        in path: String,
        name: String,
        subjectAltName: String
    ) async throws -> (certificate: String, key: String, authority: String) {
        let authority = try await Self.makeSelfSigned(in: path, name: name + "-ca", subjectAltName: "DNS:\(name)-ca.invalid", rsa: false)
        let request = path + "/\(name).csr"
        let key = path + "/\(name).key"
        let certificate = path + "/\(name).crt"
        let extensions = path + "/\(name).ext"
        try writeFile("subjectAltName=\(subjectAltName)\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n", to: extensions)
        let steps = [
            ["req", "-new", "-nodes", "-newkey", "rsa:2048", "-subj", "/CN=\(name)", "-keyout", key, "-out", request],
            [
                "x509", "-req", "-in", request, "-CA", authority.certificate, "-CAkey", authority.key, "-CAcreateserial",
                "-days", "30", "-extfile", extensions, "-out", certificate,
            ],
        ]
        for step in steps {
            let run = try await runTool("/usr/bin/openssl", step)
            #expect(run.status == 0, "\(run.output)")
        }
        return (certificate, key, authority.certificate)
    }

    @Test func importsAnRSAPairInPKCS8() async throws {
        try await withTemporaryDirectory { path in
            let files = try await Self.makeSelfSigned(in: path, name: "shop", subjectAltName: "DNS:shop.example.test", rsa: true)
            #expect(try readFile(files.key).contains("BEGIN PRIVATE KEY"))
            let imported = try ServerCertificate.importing(
                certificateFile: files.certificate,
                privateKeyFile: files.key,
                for: DomainName("Shop.Example.Test")
            )
            #expect(imported.domain.name == "shop.example.test")
            #expect(imported.certificateChain.count == 1)
            #expect(imported.privateKey.publicKey == imported.certificate.publicKey)
        }
    }

    @Test func importsAnECKeyInSEC1AndAWildcardCoveringTheDomain() async throws {
        try await withTemporaryDirectory { path in
            let files = try await Self.makeSelfSigned(in: path, name: "wild", subjectAltName: "DNS:*.example.test", rsa: false)
            #expect(try readFile(files.key).contains("BEGIN EC PARAMETERS"))
            #expect(try readFile(files.key).contains("BEGIN EC PRIVATE KEY"))
            let imported = try ServerCertificate.importing(
                certificateFile: files.certificate,
                privateKeyFile: files.key,
                for: DomainName("shop.example.test")
            )
            #expect(imported.domain.name == "shop.example.test")
        }
    }

    @Test func keepsTheIntermediatesAfterTheLeaf() async throws {
        try await withTemporaryDirectory { path in
            let development = try DevelopmentCertificates.ensure(for: ["app.edgesim.test"], in: path)
            let bundle = path + "/bundle.pem"
            try writeFile(readFile(development.leaves[0].certificatePath) + readFile(development.directory.authorityCertificatePath), to: bundle)
            let imported = try ServerCertificate.importing(
                certificateFile: bundle,
                privateKeyFile: development.leaves[0].privateKeyPath,
                for: DomainName("app.edgesim.test")
            )
            #expect(imported.certificateChain == [development.leaves[0].serverCertificate.certificate, development.authority.certificate])
        }
    }

    @Test func aMissingFileNamesTheStackFileFields() async throws {
        try await withTemporaryDirectory { path in
            let error = #expect(throws: Certificates.CertificateError.self) {
                try ServerCertificate.importing(
                    certificateFile: path + "/none.crt",
                    privateKeyFile: path + "/none.key",
                    for: DomainName("shop.example.test")
                )
            }
            #expect(error?.code == .unreadableFile)
            #expect(error?.file == path + "/none.crt")
            #expect(error?.description.contains("no such file") == true)
            #expect(error?.description.contains("`certificate:` and `privateKey:` files given for shop.example.test") == true)
        }
    }

    @Test func aKeyOfAnotherCertificateIsAMismatch() async throws {
        try await withTemporaryDirectory { path in
            let one = try await Self.makeSelfSigned(in: path, name: "one", subjectAltName: "DNS:shop.example.test", rsa: false)
            let two = try await Self.makeSelfSigned(in: path, name: "two", subjectAltName: "DNS:shop.example.test", rsa: false)
            let error = #expect(throws: Certificates.CertificateError.self) {
                try ServerCertificate.importing(certificateFile: one.certificate, privateKeyFile: two.key, for: DomainName("shop.example.test"))
            }
            #expect(error?.code == .keyMismatch)
            #expect(error?.file == two.key)
        }
    }

    @Test func aCertificateForOtherNamesIsRefused() async throws {
        try await withTemporaryDirectory { path in
            let files = try await Self.makeSelfSigned(
                in: path,
                name: "other",
                subjectAltName: "DNS:other.example.test,DNS:*.deep.example.test",
                rsa: false
            )
            for domain in ["shop.example.test", "a.b.deep.example.test", "*.example.test"] {
                let error = #expect(throws: Certificates.CertificateError.self) {
                    try ServerCertificate.importing(certificateFile: files.certificate, privateKeyFile: files.key, for: DomainName(domain))
                }
                #expect(error?.code == .domainNotCovered)
                #expect(
                    error?.description.contains("does not cover \(domain) (its subject alternative names: other.example.test, *.deep.example.test)")
                        == true
                )
            }
        }
    }

    @Test func anEncryptedKeyIsExplained() async throws {
        try await withTemporaryDirectory { path in
            let files = try await Self.makeSelfSigned(in: path, name: "locked", subjectAltName: "DNS:shop.example.test", rsa: false)
            let encrypted = path + "/locked-encrypted.key"
            let made = try await runTool("/usr/bin/openssl", ["pkey", "-in", files.key, "-aes256", "-passout", "pass:secret", "-out", encrypted])
            #expect(made.status == 0, "\(made.output)")
            let error = #expect(throws: Certificates.CertificateError.self) {
                try ServerCertificate.importing(certificateFile: files.certificate, privateKeyFile: encrypted, for: DomainName("shop.example.test"))
            }
            #expect(error?.code == .corruptFile)
            #expect(error?.description.contains("the key is encrypted") == true)
        }
    }

    @Test func anExpiredCertificateIsRefused() async throws {
        try await withTemporaryDirectory { path in
            let files = try await Self.makeSelfSigned(in: path, name: "old", subjectAltName: "DNS:shop.example.test", rsa: false)
            let error = #expect(throws: Certificates.CertificateError.self) {
                try ServerCertificate.importing(
                    certificateFile: files.certificate,
                    privateKeyFile: files.key,
                    for: DomainName("shop.example.test"),
                    now: Date().addingTimeInterval(31 * 86_400)
                )
            }
            #expect(error?.code == .expired)
        }
    }
}
