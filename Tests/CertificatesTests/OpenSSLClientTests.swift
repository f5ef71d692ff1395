import Certificates
import Testing

/// `openssl s_client`, trusting only the development CA, verifies the chain and the name for every alias.
@Suite(.timeLimit(.minutes(1))) struct OpenSSLClientTests {
    static let domains = ["app.edgesim.test", "beta.edgesim.test", "*.example.test", "localhost"]

    @Test(arguments: ["app.edgesim.test", "beta.edgesim.test", "api.example.test", "localhost"])
    func verifiesTheChainForEachName(serverName: String) async throws {
        try await withTemporaryDirectory { path in
            let certificates = try DevelopmentCertificates.ensure(for: Self.domains, in: path)
            let store = try CertificateStore(certificates: certificates.serverCertificates)
            try await withTLSServer(store) { port in
                let client = try await runTool(
                    "/usr/bin/openssl",
                    [
                        "s_client", "-connect", "127.0.0.1:\(port)", "-servername", serverName,
                        "-CAfile", certificates.directory.authorityCertificatePath,
                        "-verify_hostname", serverName, "-verify_return_error", "-alpn", "h2,http/1.1",
                    ]
                )
                #expect(client.output.contains("Verify return code: 0 (ok)"), "\(client.output)")
                #expect(client.output.contains("ALPN protocol: h2"), "\(client.output)")
                #expect(client.status == 0)
            }
        }
    }

    @Test func reportsAMismatchForANameWithoutACertificate() async throws {
        try await withTemporaryDirectory { path in
            let certificates = try DevelopmentCertificates.ensure(for: Self.domains, in: path)
            let store = try CertificateStore(certificates: certificates.serverCertificates)
            try await withTLSServer(store) { port in
                let client = try await runTool(
                    "/usr/bin/openssl",
                    [
                        "s_client", "-connect", "127.0.0.1:\(port)", "-servername", "unknown.other.test",
                        "-CAfile", certificates.directory.authorityCertificatePath, "-verify_hostname", "unknown.other.test",
                    ]
                )
                #expect(client.output.contains("Verify return code: 62 (hostname mismatch)"), "\(client.output)")
            }
        }
    }

    @Test func verifiesTheLoopbackAddressWithoutAServerName() async throws {
        try await withTemporaryDirectory { path in
            let certificates = try DevelopmentCertificates.ensure(for: Self.domains, in: path)
            let store = try CertificateStore(certificates: certificates.serverCertificates)
            try await withTLSServer(store) { port in
                let client = try await runTool(
                    "/usr/bin/openssl",
                    [
                        "s_client", "-connect", "127.0.0.1:\(port)", "-noservername",
                        "-CAfile", certificates.directory.authorityCertificatePath, "-verify_ip", "127.0.0.1", "-verify_return_error",
                    ]
                )
                #expect(client.output.contains("Verify return code: 0 (ok)"), "\(client.output)")
            }
        }
    }
}
