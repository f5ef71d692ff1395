import Certificates
import NIOSSL
import Testing

@Suite struct CertificateStoreTests {
    static let domains = ["app.edgesim.test", "beta.edgesim.test", "*.example.test", "localhost"]

    @Test(arguments: [
        ("app.edgesim.test", "app.edgesim.test"),
        ("beta.edgesim.test", "beta.edgesim.test"),
        ("BETA.EdgeSim.Test.", "beta.edgesim.test"),
        ("api.example.test", "*.example.test"),
        ("API.Example.TEST", "*.example.test"),
        ("a.b.example.test", "app.edgesim.test"),
        ("example.test", "app.edgesim.test"),
        (".example.test", "app.edgesim.test"),
        ("unknown.test", "app.edgesim.test"),
        ("localhost", "localhost"),
    ])
    func picksByServerName(serverName: String, expected: String) async throws {
        try await withTemporaryDirectory { path in
            let store = try CertificateStore(certificates: DevelopmentCertificates.ensure(for: Self.domains, in: path).serverCertificates)
            #expect(store.certificate(forServerName: serverName).domain.name == expected)
        }
    }

    @Test func withoutAServerNameTheLocalhostCertificateCoversTheLoopbackAddress() async throws {
        try await withTemporaryDirectory { path in
            let withLocalhost = try CertificateStore(certificates: DevelopmentCertificates.ensure(for: Self.domains, in: path).serverCertificates)
            #expect(withLocalhost.certificate(forServerName: nil).domain == .localhost)

            let withoutLocalhost = try CertificateStore(
                certificates: DevelopmentCertificates.ensure(for: ["beta.edgesim.test", "app.edgesim.test"], in: path).serverCertificates
            )
            #expect(withoutLocalhost.certificate(forServerName: nil).domain.name == "beta.edgesim.test")
            #expect(withoutLocalhost.defaultCertificate.domain.name == "beta.edgesim.test")
        }
    }

    @Test func theFirstCertificateForADomainWins() async throws {
        try await withTemporaryDirectory { path in
            let first = try DevelopmentCertificates.ensure(for: ["app.edgesim.test"], in: path + "/one").serverCertificates[0]
            let second = try DevelopmentCertificates.ensure(for: ["app.edgesim.test"], in: path + "/two").serverCertificates[0]
            let store = try CertificateStore(certificates: [first, second])
            #expect(store.domains.map(\.name) == ["app.edgesim.test"])
            #expect(store.certificate(forServerName: "app.edgesim.test").certificate == first.certificate)
        }
    }

    @Test func anEmptyStoreIsAnError() {
        let error = #expect(throws: CertificateError.self) { try CertificateStore(certificates: []) }
        #expect(error?.code == .noCertificates)
    }

    @Test func configuresHTTP2FirstAndTLS12AtLeast() async throws {
        try await withTemporaryDirectory { path in
            let store = try CertificateStore(certificates: DevelopmentCertificates.ensure(for: ["localhost"], in: path).serverCertificates)
            let configuration = store.makeServerConfiguration()
            #expect(configuration.applicationProtocols == ["h2", "http/1.1"])
            #expect(configuration.minimumTLSVersion == .tlsv12)
            #expect(configuration.sslContextCallback != nil)
        }
    }
}
