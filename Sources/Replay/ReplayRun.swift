import Eviction

/// One policy at one capacity.
public struct ReplayRun: Sendable, Encodable {
    public var policy: EvictionPolicyKind
    /// The policy's name as reports print it (`S3-FIFO`).
    public var policyName: String
    /// The capacity as given (`1%`, `100 MB`).
    public var capacityLabel: String
    /// The capacity each POP's cache had, in ``capacityUnit``.
    public var capacity: Int
    /// `objects` or `bytes`.
    public var capacityUnit: String
    /// All POPs together.
    public var edge: CacheStatistics
    /// Each POP, in ``ReplayReport/pops`` order; empty with a single POP.
    public var popStatistics: [CacheStatistics]
    /// The regional tier (its own requests are the POPs' misses), when there is one.
    public var regional: CacheStatistics?
    /// Requests and bytes that reached the origin.
    public var origin: OriginStatistics
    /// Wall-clock time of the run, for throughput; not part of the JSON so reports stay reproducible.
    public var elapsedSeconds: Double

    /// Replayed requests per second.
    public var requestsPerSecond: Double { elapsedSeconds > 0 ? Double(edge.requests) / elapsedSeconds : 0 }

    private enum CodingKeys: String, CodingKey {
        case policy, policyName, capacityLabel, capacity, capacityUnit, edge
        case popStatistics = "pops"
        case regional, origin
    }
}

/// What the origin served, and how much the caches kept from it.
public struct OriginStatistics: Sendable, Hashable, Encodable {
    public var requests = 0
    public var bytes = 0
    /// `1 − originRequests / viewerRequests`.
    public var offload: Double?
    /// `1 − originBytes / bytesServed`.
    public var byteOffload: Double?
}
