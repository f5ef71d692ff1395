import ArgumentParser
import Certificates
import StackConfig

struct CertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certs",
        abstract: "Create the development CA (once per machine) and a certificate for every domain, renewing expiring ones."
    )

    @Argument(help: "Domains; by default every alias of the stack and localhost.")
    var domains: [String] = []

    @Option(name: .long, help: "A stack file whose aliases get certificates.")
    var config: String?

    @Option(name: .customLong("certs-dir"), help: "Where the CA and the certificates are written.")
    var certsDir = "certs"

    func run() throws {
        var names = domains
        if names.isEmpty {
            let stack = try config.map { try StackLoader.load(path: $0) } ?? Stack.canonicalSPA(folder: "site")
            names = stack.distributions.flatMap(\.aliases) + ["localhost"]
        }
        let result = try DevelopmentCertificates.ensure(for: names, in: certsDir)
        print("CA \(certsDir)/edgesim-ca.pem: \(result.authorityOrigin)")
        for leaf in result.leaves {
            print("  \(leaf.domain): \(leaf.action)")
        }
    }
}
