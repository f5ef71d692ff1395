import Certificates
import NIOCore
import NIOSSL
import Testing
import X509

/// A real TLS server on 127.0.0.1 with the store's configuration, reached by swift-nio-ssl clients.
@Suite(.timeLimit(.minutes(1))) struct TLSHandshakeTests {
    static let domains = ["app.edgesim.test", "beta.edgesim.test", "*.example.test", "localhost"]

    struct Case: Sendable, CustomTestStringConvertible {
        var serverName: String?
        var expectedName: String
        var verifyHostname: Bool
        var testDescription: String { "\(self.serverName ?? "no SNI") → \(self.expectedName)" }
    }

    @Test(arguments: [
        Case(serverName: "app.edgesim.test", expectedName: "app.edgesim.test", verifyHostname: true),
        Case(serverName: "beta.edgesim.test", expectedName: "beta.edgesim.test", verifyHostname: true),
        Case(serverName: "api.example.test", expectedName: "*.example.test", verifyHostname: true),
        Case(serverName: "localhost", expectedName: "localhost", verifyHostname: true),
        Case(serverName: "unknown.other.test", expectedName: "app.edgesim.test", verifyHostname: false),
        Case(serverName: nil, expectedName: "localhost", verifyHostname: false),
    ])
    func presentsTheCertificateForTheServerNameAndNegotiatesHTTP2(_ test: Case) async throws {
        try await withTemporaryDirectory { path in
            let certificates = try DevelopmentCertificates.ensure(for: Self.domains, in: path)
            let store = try Certificates.CertificateStore(certificates: certificates.serverCertificates)
            try await withTLSServer(store) { port in
                let result = try await handshake(
                    port: port,
                    serverName: test.serverName,
                    trusting: [certificates.authority.certificate],
                    verifyHostname: test.verifyHostname
                )
                #expect(result.dnsNames == [test.expectedName])
                #expect(certificates.authority.hasIssued(result.peerCertificate))
                #expect(result.negotiatedProtocol == "h2")
            }
        }
    }

    @Test func negotiatesHTTP1ForAClientWithoutHTTP2() async throws {
        try await withTemporaryDirectory { path in
            let certificates = try DevelopmentCertificates.ensure(for: Self.domains, in: path)
            let store = try Certificates.CertificateStore(certificates: certificates.serverCertificates)
            try await withTLSServer(store) { port in
                let result = try await handshake(
                    port: port,
                    serverName: "beta.edgesim.test",
                    trusting: [certificates.authority.certificate],
                    offering: ["http/1.1"]
                )
                #expect(result.negotiatedProtocol == "http/1.1")
            }
        }
    }

    @Test func anUnknownNameFailsHostnameVerification() async throws {
        try await withTemporaryDirectory { path in
            let certificates = try DevelopmentCertificates.ensure(for: Self.domains, in: path)
            let store = try Certificates.CertificateStore(certificates: certificates.serverCertificates)
            try await withTLSServer(store) { port in
                await #expect(throws: NIOSSLExtraError.self) {
                    try await handshake(port: port, serverName: "unknown.other.test", trusting: [certificates.authority.certificate])
                }
            }
        }
    }

    @Test func servesAnImportedCertificateBesideDevelopmentOnes() async throws {
        try await withTemporaryDirectory { path in
            let files = try await ImportCertificateTests.makeCASigned(in: path, name: "shop", subjectAltName: "DNS:shop.example.test")
            let imported = try ServerCertificate.importing(
                certificateFile: files.certificate,
                privateKeyFile: files.key,
                for: DomainName("shop.example.test")
            )
            let userAuthority = try Certificate(pemEncoded: readFile(files.authority))
            let certificates = try DevelopmentCertificates.ensure(for: Self.domains, in: path + "/certs")
            let store = try Certificates.CertificateStore(certificates: [imported] + certificates.serverCertificates)
            try await withTLSServer(store) { port in
                let shop = try await handshake(port: port, serverName: "shop.example.test", trusting: [userAuthority])
                #expect(shop.peerCertificate == imported.certificate)
                #expect(shop.negotiatedProtocol == "h2")
                let other = try await handshake(port: port, serverName: "other.example.test", trusting: [certificates.authority.certificate])
                #expect(other.dnsNames == ["*.example.test"])
            }
        }
    }

    @Test func refusesTLSBelow12() async throws {
        try await withTemporaryDirectory { path in
            let certificates = try DevelopmentCertificates.ensure(for: ["localhost"], in: path)
            let store = try Certificates.CertificateStore(certificates: certificates.serverCertificates)
            try await withTLSServer(store) { port in
                await #expect(throws: (any Error).self) {
                    try await handshake(
                        port: port,
                        serverName: "localhost",
                        trusting: [certificates.authority.certificate],
                        maximumTLSVersion: .tlsv11
                    )
                }
                let modern = try await handshake(port: port, serverName: "localhost", trusting: [certificates.authority.certificate])
                #expect(modern.dnsNames == ["localhost"])
            }
        }
    }
}
