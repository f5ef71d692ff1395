import AsyncHTTPClient
import Gateway
import Logging
import ReadCache
import StackConfig
import Store

/// The logic and data tiers of a stack: the DynamoDB-style store, the API gateway whose `table` routes read it,
/// and the local identity provider whose tokens the gateway's JWT authorizers accept.
struct DataTier: Sendable {
    let store: DynamoDB
    let readCache: ReadCache
    /// Set when the read cache is a Redis server, whose connections close at shutdown.
    let redis: RedisBackend?
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
            let (readCache, redis) = try makeReadCache(stack.readCache, logger: logger)
            var configuration = stack.gateway
            configuration.stateDirectory = options.stateDirectory + "/gateway"
            let gateway = try Gateway(
                configuration: configuration,
                tableBackend: StoreTableBackend(store: store, cache: readCache),
                httpClient: httpClient,
                logger: logger
            )
            let identity = try LocalIdentityProvider.loadOrCreate(
                stateDirectory: options.stateDirectory,
                issuer: "http://\(options.host):\(options.controlPort)"
            )
            return DataTier(
                store: store,
                readCache: readCache,
                redis: redis,
                gateway: gateway,
                identity: identity,
                apiDomainNames: configuration.domainNames.map(\.domainName)
            )
        } catch {
            await store.close()
            throw error
        }
    }

    private static func makeReadCache(_ settings: Stack.ReadCacheSettings, logger: Logger) throws -> (ReadCache, RedisBackend?) {
        switch settings.backend {
        case .inProcess(let configuration):
            return (ReadCache(backend: try InProcessBackend(configuration: configuration), configuration: settings.cache, logger: logger), nil)
        case .redis(let url):
            let redis = RedisBackend(configuration: .init(url: url), logger: logger)
            return (ReadCache(backend: redis, configuration: settings.cache, logger: logger), redis)
        }
    }

    /// Closes the store and the read cache's connections.
    func close() async {
        await store.close()
        await redis?.shutdown()
    }
}
