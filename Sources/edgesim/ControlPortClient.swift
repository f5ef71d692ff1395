import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Talks to a running `edgesim serve` on its control port, for the commands that inspect or steer it.
struct ControlPortClient {
    let baseURL: String

    init(host: String, port: Int) {
        baseURL = "http://\(host):\(port)"
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The status and body of one request; a server that is not running is a clear error, not a stack trace.
    func send(_ method: HTTPMethod, _ path: String, body: String? = nil, contentType: String? = nil) async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            let collected = try await response.body.collect(upTo: 16 << 20)
            return (Int(response.status.code), String(buffer: collected))
        } catch {
            throw Failure(
                description: "cannot reach edgesim's control port at \(baseURL) (\(error)); is `edgesim serve` running with this --control-port?"
            )
        }
    }
}
