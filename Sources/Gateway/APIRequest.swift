import NIOCore
import NIOHTTP1

/// A request as it reaches API Gateway.
public struct APIRequest: Sendable {
    /// How the request reached the gateway, which decides how its API and stage are chosen.
    public enum Arrival: Sendable, Equatable {
        /// On a custom domain name: the API and stage come from the base path mappings of `host`, whose base path
        /// is taken off the path.
        case customDomain
        /// Through a CloudFront behaviour (`/api/*`) whose origin is this API and stage: the path is kept whole,
        /// `/api` included.
        case distribution(apiName: String, stage: String)
        /// On the API's own endpoint (`{api-id}.execute-api...`): the first path segment names the stage; an HTTP
        /// API falls back to `$default` (aws-behaviour §3.2).
        case executeAPIEndpoint(apiName: String)
    }

    public var method: HTTPMethod
    /// The path as sent, percent-encoded, without the query.
    public var rawPath: String
    /// The query as sent, without `?`; empty when there is none.
    public var rawQuery: String
    public var headers: HTTPHeaders
    public var body: ByteBuffer
    public var sourceIP: String
    /// The `Host` the client used, without port.
    public var host: String
    public var arrival: Arrival

    public init(
        method: HTTPMethod,
        rawPath: String,
        rawQuery: String = "",
        headers: HTTPHeaders = HTTPHeaders(),
        body: ByteBuffer = ByteBuffer(),
        sourceIP: String = "127.0.0.1",
        host: String,
        arrival: Arrival
    ) {
        self.method = method
        self.rawPath = rawPath
        self.rawQuery = rawQuery
        self.headers = headers
        self.body = body
        self.sourceIP = sourceIP
        self.host = host
        self.arrival = arrival
    }
}
