import AsyncHTTPClient
import NIOCore

extension Gateway {
    /// An HTTP client set up as a proxy needs it: redirects and compressed bodies are handed to the client as the
    /// upstream sent them, never followed or inflated, and an upstream that refuses connections fails at once
    /// rather than being retried until the integration times out.
    public static var proxyClientConfiguration: HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(10)),
            decompression: .disabled
        )
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }

    /// A process-wide client with ``proxyClientConfiguration``, which lives as long as the process does, as
    /// `HTTPClient.shared` does; servers that manage their own clients pass one to ``init(configuration:tableBackend:httpClient:clock:random:logger:)``.
    public static let sharedHTTPClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: proxyClientConfiguration)
}
