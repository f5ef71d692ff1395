import Bucket
import Edge
import Gateway

/// The local stack `edgesim serve` runs: what `edgesim.yml` describes, checked and filled with defaults, in
/// each module's own configuration types. Build it with ``StackLoader/load(path:)`` or
/// ``Stack/canonicalSPA(folder:)``.
public struct Stack: Sendable {
    /// A folder served as an S3 bucket.
    public struct BucketDefinition: Sendable, Equatable {
        public var name: String
        /// Absolute; a relative path in the stack file starts at the stack file's folder.
        public var path: String
        /// How the bucket answers a key it does not hold (aws-behaviour §2.3).
        public var missingKeyStatus: MissingKeyStatus
        /// Whether a change to the folder invalidates the changed keys in the distributions that serve the bucket,
        /// as a deploy script's `aws cloudfront create-invalidation` would.
        public var autoInvalidate: Bool

        public init(name: String, path: String, missingKeyStatus: MissingKeyStatus = .accessDenied, autoInvalidate: Bool = true) {
            self.name = name
            self.path = path
            self.missingKeyStatus = missingKeyStatus
            self.autoInvalidate = autoInvalidate
        }
    }

    /// The edge's points of presence and their caches.
    public struct EdgeSettings: Sendable, Equatable {
        /// POP codes (`IAD89-P1`), sent as `X-Amz-Cf-Pop`; each POP has its own cache.
        public var pops: [String]
        /// Bytes each POP's cache holds.
        public var cacheCapacity: Int
        public var evictionPolicy: EvictionPolicyName

        public static let defaultPOP = "IAD89-P1"
        public static let defaultCacheCapacity = 256 << 20

        public init(pops: [String] = [defaultPOP], cacheCapacity: Int = defaultCacheCapacity, evictionPolicy: EvictionPolicyName = .s3fifo) {
            self.pops = pops
            self.cacheCapacity = cacheCapacity
            self.evictionPolicy = evictionPolicy
        }
    }

    /// The eviction policies an edge cache can run (`Eviction`'s live policies; Belady needs the future, so
    /// only replays use it).
    public enum EvictionPolicyName: String, Sendable, CaseIterable {
        case lru
        case fifo
        case clock
        case sieve
        case s3fifo
        case wTinyLFU = "w-tinylfu"
        case arc
        case lfu
    }

    /// The stack file as the user named it; nil for the canonical SPA stack.
    public var file: String?
    /// Where relative paths in the stack file start: the stack file's folder (or the working directory).
    public var baseDirectory: String
    /// By name.
    public var buckets: [String: BucketDefinition]
    public var edge: EdgeSettings
    /// How long invalidations stay InProgress, and CloudFront's limits on them.
    public var invalidation: InvalidationLedger.Configuration
    public var distributions: [Distribution]
    /// The custom cache policies of `cachePolicies:` (behaviours already hold the policies they use).
    public var cachePolicies: [CachePolicy]
    /// The custom origin request policies of `originRequestPolicies:`.
    public var originRequestPolicies: [OriginRequestPolicy]
    /// The custom response headers policies of `responseHeadersPolicies:`.
    public var responseHeadersPolicies: [ResponseHeadersPolicy]
    /// The API gateway: `apis:`, `usagePlans:`, `apiKeys:` and `domainNames:`.
    public var gateway: Gateway.Configuration
    /// The DynamoDB-style store: `store:` and `tables:`.
    public var store: StoreSettings
    /// What the gateway's checks warn of (where AWS would behave otherwise); they do not stop the stack loading.
    public var warnings: [StackConfigError.Problem] = []
    /// The sections other modules read, passed through as written: only checked to be a mapping or a list.
    /// The read cache in front of the tables: in-process unless `readCache:` says otherwise.
    public var readCache: ReadCacheSettings
    public var hostedZones: StackNode?

    public init(
        file: String? = nil,
        baseDirectory: String,
        buckets: [String: BucketDefinition] = [:],
        edge: EdgeSettings = EdgeSettings(),
        invalidation: InvalidationLedger.Configuration = .init(),
        distributions: [Distribution] = [],
        cachePolicies: [CachePolicy] = [],
        originRequestPolicies: [OriginRequestPolicy] = [],
        responseHeadersPolicies: [ResponseHeadersPolicy] = [],
        gateway: Gateway.Configuration = Gateway.Configuration(),
        store: StoreSettings = StoreSettings(),
        readCache: ReadCacheSettings = ReadCacheSettings(),
        hostedZones: StackNode? = nil
    ) {
        self.file = file
        self.baseDirectory = baseDirectory
        self.buckets = buckets
        self.edge = edge
        self.invalidation = invalidation
        self.distributions = distributions
        self.cachePolicies = cachePolicies
        self.originRequestPolicies = originRequestPolicies
        self.responseHeadersPolicies = responseHeadersPolicies
        self.gateway = gateway
        self.store = store
        self.readCache = readCache
        self.hostedZones = hostedZones
    }

    /// `1 distribution, 1 bucket`: what `edgesim validate` says of a good file.
    public var summary: String {
        func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
        var parts = [count(distributions.count, "distribution"), count(buckets.count, "bucket")]
        if !gateway.apis.isEmpty { parts.append(count(gateway.apis.count, "API")) }
        if !store.tables.isEmpty { parts.append(count(store.tables.count, "table")) }
        return parts.joined(separator: ", ")
    }
}
