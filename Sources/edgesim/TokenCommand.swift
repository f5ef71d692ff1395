import ArgumentParser
import Gateway

/// `edgesim token`: a JWT from the local identity provider, for the gateway's JWT authorizers, so that no Cognito
/// is needed to try them. It signs with the key under the state directory that `edgesim serve` uses.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Print a signed JWT from the local identity provider.",
        discussion: """
            The issuer is the control port's address, as `serve` announces it in /.well-known/openid-configuration:
            point a JWT authorizer's issuer there. Example:
              curl -H "Authorization: Bearer $(edgesim token --sub alice --scope shows:write)" https://api.edgesim.test:8443/api/shows
            """
    )

    @Option(help: "The token's subject (`sub`).")
    var sub: String

    @Option(name: .customLong("scope"), help: "A scope for the `scope` claim; repeat for several.")
    var scopes: [String] = []

    @Option(name: .customLong("aud"), help: "An audience for the `aud` claim; repeat for several.")
    var audiences: [String] = []

    @Option(help: "Seconds until the token expires.")
    var ttl = 3600

    @Option(help: "The address `serve` binds to (part of the issuer).")
    var host = "127.0.0.1"

    @Option(name: .customLong("control-port"), help: "The control port `serve` uses (part of the issuer).")
    var controlPort = 4566

    @Option(name: .customLong("state-dir"), help: "Where `serve` keeps its state, the signing key among it.")
    var stateDir = ".edgesim"

    func validate() throws {
        guard ttl > 0 else { throw ValidationError("--ttl must be a positive number of seconds") }
    }

    func run() async throws {
        let identity = try LocalIdentityProvider.loadOrCreate(stateDirectory: stateDir, issuer: "http://\(host):\(controlPort)")
        print(try await identity.signToken(subject: sub, scopes: scopes, audience: audiences, ttl: ttl))
    }
}
