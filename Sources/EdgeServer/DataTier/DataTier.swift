import AsyncHTTPClient
import Gateway
import Logging
import StackConfig
import Store

/// The logic and data tiers of a stack: the DynamoDB-style store, the API gateway whose `table` routes read it,
/// and the local identity provider whose tokens the gateway's JWT authorizers accept.
struct DataTier: Sendable {
    let store: DynamoDB
    let gateway: Gateway
    let identity: LocalIdentityProvider
    /// The gateway's custom domain names, which get certificates and are answered by the gateway itself.
    let apiDomainNames: [String]

    /// Opens the store (creating and seeding the stack's tables) and builds the gateway over it.
    static func open(stack: Stack, options: ServerOptions, httpClient: HTTPClient, logger: Logger) async throws -> DataTier {
        let store = try await DynamoDB.open(
            configuration: stack.store.configuration(stateDirectory: options.stateDirectory),
            seedItems: stack.store.seedItems,
            logger: logger
        )
        do {
            var configuration = stack.gateway
            configuration.stateDirectory = options.stateDirectory + "/gateway"
            let gateway = try Gateway(
                configuration: configuration,
                tableBackend: StoreTableBackend(store: store),
                httpClient: httpClient,
                logger: logger
            )
            let identity = try LocalIdentityProvider.loadOrCreate(
                stateDirectory: options.stateDirectory,
                issuer: "http://\(options.host):\(options.controlPort)"
            )
            return DataTier(store: store, gateway: gateway, identity: identity, apiDomainNames: configuration.domainNames.map(\.domainName))
        } catch {
            await store.close()
            throw error
        }
    }

}
