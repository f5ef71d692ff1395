import Bucket
import Edge
import NIOCore

/// A bucket as CloudFront's S3 REST origin (with origin access control): GET, HEAD and the conditionals the edge
/// sends when it revalidates. The origin path is prefixed to the key, as CloudFront's `OriginPath` is.
struct BucketOrigin: Origin {
    let endpoint: BucketEndpoint
    let originPath: String

    func fetch(_ request: OriginRequest) async throws -> OriginResponse {
        let response = await endpoint.respond(method: request.method, path: originPath + request.path, headers: request.headers)
        return OriginResponse(status: response.status, headers: response.headers, body: response.body ?? ByteBuffer())
    }
}
