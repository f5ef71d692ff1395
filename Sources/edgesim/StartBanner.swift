import EdgeServer
import StackConfig

/// What `serve` prints on start: each URL it serves and the curl line that reaches a custom domain.
struct StartBanner {
    let server: EdgeServer
    let stack: Stack
    let options: ServerOptions

    var text: String {
        var lines = ["EdgeSim is serving (POP \(server.location.code)):"]
        let https = server.httpsPort == 443 ? "" : ":\(server.httpsPort)"
        let http = server.httpPort == 80 ? "" : ":\(server.httpPort)"
        for distribution in stack.distributions {
            lines.append("  distribution \(distribution.id) (\(distribution.domainName))")
            for alias in distribution.aliases {
                lines.append("    https://\(alias)\(https)/    http://\(alias)\(http)/")
            }
        }
        let ca = options.certificatesDirectory + "/edgesim-ca.pem"
        if let custom = server.domains.first(where: { $0 != "localhost" && !$0.hasPrefix("*") }) {
            lines.append("Reach a custom domain without editing /etc/hosts:")
            lines.append("  curl --resolve \(custom):\(server.httpsPort):\(options.host) --cacert \(ca) https://\(custom)\(https)/")
        }
        lines.append("Trust \(ca) in your browser: see certs/README.md. Ctrl-C drains and stops.")
        return lines.joined(separator: "\n")
    }
}
