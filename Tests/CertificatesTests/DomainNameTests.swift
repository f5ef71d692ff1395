import Certificates
import Testing

@Suite struct DomainNameTests {
    @Test(arguments: [
        ("app.edgesim.test", "app.edgesim.test"),
        ("App.EdgeSim.TEST", "app.edgesim.test"),
        ("app.edgesim.test.", "app.edgesim.test"),
        ("*.Example.Test", "*.example.test"),
        ("localhost", "localhost"),
        ("xn--bcher-kva.example", "xn--bcher-kva.example"),
    ])
    func canonicalises(given: String, expected: String) throws {
        #expect(try DomainName(given).name == expected)
    }

    @Test(arguments: [
        "",
        ".",
        "a..b",
        ".app.test",
        "app.*.test",
        "*app.test",
        "*.test",
        "-app.test",
        "app-.test",
        "app_1.test",
        "bücher.test",
        "127.0.0.1",
        String(repeating: "a", count: 64) + ".test",
    ])
    func rejectsNamesACertificateCannotCarry(name: String) {
        let error = #expect(throws: CertificateError.self) { try DomainName(name) }
        #expect(error?.code == .invalidDomain)
        #expect(error?.description.contains("`\(name)`") == true)
    }

    @Test func wildcardFilesAreNamedForShells() throws {
        let directory = CertificateDirectory(path: "certs/")
        let wildcard = try DomainName("*.example.test")
        #expect(wildcard.isWildcard)
        #expect(directory.certificatePath(for: wildcard) == "certs/_wildcard.example.test.pem")
        #expect(directory.privateKeyPath(for: wildcard) == "certs/_wildcard.example.test-key.pem")
        #expect(directory.certificatePath(for: .localhost) == "certs/localhost.pem")
        #expect(directory.authorityCertificatePath == "certs/edgesim-ca.pem")
        #expect(directory.authorityPrivateKeyPath == "certs/edgesim-ca-key.pem")
    }
}
