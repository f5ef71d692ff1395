import AsyncHTTPClient
import Bucket
import Edge
import Eviction
import Gateway
import NIOCore
import StackConfig

/// Turns a stack's descriptions into live parts: buckets opened, origins adapted, the POP's cache sized.
struct StackAssembly {
    let stack: Stack
    let origins: [String: any Origin]
    /// The folder buckets, also served by the control port's S3 API.
    let buckets: [FolderBucket]

    /// One client per pair of origin timeouts, closed with the server.
    let originClients: [HTTPClient]

    init(stack: Stack, group: any EventLoopGroup, gateway: Gateway) throws {
        self.stack = stack
        var buckets: [String: BucketEndpoint] = [:]
        var folders: [FolderBucket] = []
        for (name, definition) in stack.buckets.sorted(by: { $0.key < $1.key }) {
            let bucket = try FolderBucket(name: name, folder: definition.path)
            folders.append(bucket)
            buckets[name] = BucketEndpoint(bucket: bucket, configuration: .init(missingKeyStatus: definition.missingKeyStatus))
        }
        self.buckets = folders
        var origins: [String: any Origin] = [:]
        var clients: [[Int]: HTTPClient] = [:]
        for distribution in stack.distributions {
            for definition in distribution.origins {
                switch definition.target {
                case .bucket(let name):
                    if let endpoint = buckets[name] {
                        origins[distribution.originKey(definition.id)] = BucketOrigin(endpoint: endpoint, originPath: definition.originPath)
                    }
                case .http(let url):
                    let timeouts = [definition.connectionTimeout, definition.readTimeout]
                    let client =
                        clients[timeouts]
                        ?? HTTPOrigin.makeClient(group: group, connectTimeout: timeouts[0], readTimeout: timeouts[1])
                    clients[timeouts] = client
                    origins[distribution.originKey(definition.id)] = HTTPOrigin(baseURL: url, definition: definition, client: client)
                case .gateway(let apiName):
                    origins[distribution.originKey(definition.id)] = GatewayOrigin(
                        gateway: gateway,
                        apiName: apiName,
                        originPath: definition.originPath
                    )
                }
            }
        }
        self.origins = origins
        self.originClients = Array(clients.values)
    }

    /// Every alias of every distribution, then `localhost`: the names that get certificates.
    var domains: [String] {
        var seen: Set<String> = []
        var names: [String] = []
        for alias in stack.distributions.flatMap(\.aliases) + ["localhost"] {
            if seen.insert(alias.lowercased()).inserted { names.append(alias) }
        }
        return names
    }

    /// A POP's cache: the stack's capacity in bytes under its eviction policy (S3-FIFO unless it names another).
    func makeCache() throws -> EdgeCache {
        // StackConfig only accepts the live policies' names, which are all EvictionPolicyKind's.
        let policy = EvictionPolicyKind(stack.edge.evictionPolicy.rawValue) ?? .s3fifo
        return try EdgeCache(capacity: stack.edge.cacheCapacity, policy: policy)
    }

    func location(code: String, cache: EdgeCache, httpsPort: Int) -> EdgeLocation {
        EdgeLocation(code: code, distributions: stack.distributions, origins: origins, cache: cache, httpsPort: httpsPort)
    }
}
