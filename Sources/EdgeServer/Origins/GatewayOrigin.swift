import Edge
import Gateway
import NIOCore

/// An API of the stack's gateway as a distribution's origin, the way CloudFront reaches API Gateway: on the API's
/// own endpoint, where the origin path (`/prod`) names the stage and an HTTP API without one falls back to
/// `$default` (aws-behaviour §3.2). The path is sent whole, `/api` included, as CloudFront sends it.
struct GatewayOrigin: Origin {
    let gateway: Gateway
    let apiName: String
    let originPath: String

    func fetch(_ request: OriginRequest) async throws -> OriginResponse {
        let host = request.headers.first(name: "host") ?? "\(apiName).execute-api.localhost"
        let answer = await gateway.handle(
            APIRequest(
                method: request.method,
                rawPath: originPath + request.path,
                rawQuery: request.query ?? "",
                headers: request.headers,
                body: request.body ?? ByteBuffer(),
                // API Gateway reports the TCP peer, which behind CloudFront is the edge itself, not the viewer.
                sourceIP: "127.0.0.1",
                host: host,
                arrival: .executeAPIEndpoint(apiName: apiName)
            )
        )
        return OriginResponse(status: answer.status, headers: answer.headers, body: answer.body)
    }
}
