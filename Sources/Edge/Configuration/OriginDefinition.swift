/// One entry of a distribution's `origins`: where a behaviour's misses go. Edge knows origins only by this
/// description; the server turns each into an `Origin`.
public struct OriginDefinition: Sendable, Equatable {
    public enum Target: Sendable, Equatable {
        /// A bucket of the stack, by name (S3 REST origin with origin access control).
        case bucket(String)
        /// An API of the stack's gateway, by name.
        case gateway(String)
        /// A custom origin: `http://host:port` or `https://host:port`.
        case http(String)
    }

    public var id: String
    public var target: Target
    /// Prefixed to every path sent to the origin (CloudFront's `OriginPath`).
    public var originPath: String
    /// Sent with every origin request (CloudFront's `CustomHeaders`).
    public var customHeaders: [String: String]
    /// Seconds; CloudFront's defaults are 10 (connect) and 30 (read), §1.16.
    public var connectionTimeout: Int
    public var readTimeout: Int

    public init(
        id: String,
        target: Target,
        originPath: String = "",
        customHeaders: [String: String] = [:],
        connectionTimeout: Int = 10,
        readTimeout: Int = 30
    ) {
        self.id = id
        self.target = target
        self.originPath = originPath
        self.customHeaders = customHeaders
        self.connectionTimeout = connectionTimeout
        self.readTimeout = readTimeout
    }
}
