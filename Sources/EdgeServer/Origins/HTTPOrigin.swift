import AsyncHTTPClient
import Edge
import NIOCore
import NIOHTTP1

/// A custom origin reached over HTTP or HTTPS (aws-behaviour §1.16): HTTP/1.1, the origin's own `Host` unless the
/// policy forwards the viewer's, and the origin's own connect and read (response) timeouts, which its client
/// enforces: connect while connecting, read between the packets of the response.
struct HTTPOrigin: Origin {
    let baseURL: String
    let definition: OriginDefinition
    /// A client with this origin's timeouts (``makeClient(group:connectTimeout:readTimeout:)``).
    let client: HTTPClient
    /// Larger bodies are refused rather than held in memory (CloudFront's own limit is 30 GB, §1.13).
    static let maximumBodyBytes = 256 * 1024 * 1024

    func fetch(_ request: OriginRequest) async throws -> OriginResponse {
        var url = baseURL + definition.originPath + request.path
        if let query = request.query { url += "?" + query }
        var outbound = HTTPClientRequest(url: url)
        outbound.method = request.method
        outbound.headers = request.headers
        for (name, value) in definition.customHeaders.sorted(by: { $0.key < $1.key }) {
            outbound.headers.replaceOrAdd(name: name, value: value)
        }
        if let body = request.body { outbound.body = .bytes(body) }
        do {
            let response = try await client.execute(outbound, deadline: .distantFuture)
            let body = try await response.body.collect(upTo: Self.maximumBodyBytes)
            return OriginResponse(status: response.status, headers: response.headers, body: body)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            throw OriginError(.timeout, "\(url): \(error)")
        } catch let error as HTTPClientError where error == .connectTimeout {
            throw OriginError(.timeout, "\(url): \(error)")
        } catch {
            throw OriginError(.connect, "\(url): \(error)")
        }
    }

    static func makeClient(group: EventLoopGroup, connectTimeout: Int, readTimeout: Int) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(Int64(connectTimeout)), read: .seconds(Int64(readTimeout)))
        configuration.decompression = .disabled
        configuration.redirectConfiguration = .disallow
        configuration.httpVersion = .http1Only
        return HTTPClient(eventLoopGroupProvider: .shared(group), configuration: configuration)
    }
}
