import Bucket
import Edge
import Gateway
import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTP1
import Store
import Telemetry

/// The control port's dispatcher. One port carries several AWS APIs, told apart the way their SDKs address
/// them: DynamoDB by `X-Amz-Target` on `POST /`, CloudFront by its `/2020-05-31/` prefix, EdgeSim's own pages
/// under `/_edgesim/` and `/.well-known/`, and everything else is S3 (path-style, as SDKs use for an IP
/// endpoint).
struct ControlResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let s3: S3API
    let dynamoDB: DynamoDBWireHandler
    let cloudFront: CloudFrontAPI
    let identity: LocalIdentityProvider
    let statistics: EdgeStatistics
    let accessLog: AccessLogWriter?

    func respond(to request: Request, context: Context) async throws -> Response {
        let control = try await ControlRequest(request)
        if control.method == .POST, control.path == "/", let target = control.headers.first(name: "x-amz-target"),
            target.hasPrefix("DynamoDB_")
        {
            return await dynamoDBResponse(control, target: target)
        }
        if control.path.hasPrefix("/\(CloudFrontAPI.version)/") {
            let answer = await cloudFront.handle(
                method: control.method,
                path: control.path,
                query: control.query,
                headers: control.headers,
                body: control.body
            )
            return Response(status: answer.status, headers: answer.headers, body: answer.body)
        }
        if let page = identityDocument(control) ?? telemetryPage(control) { return page }
        let answer = await s3.handle(method: control.method, path: control.path, query: control.query, headers: control.headers, body: control.body)
        return Response(status: answer.status, headers: answer.headers, body: answer.body)
    }

    private func dynamoDBResponse(_ request: ControlRequest, target: String) async -> Response {
        let answer = await dynamoDB.handle(
            target: target,
            contentType: request.headers.first(name: "content-type"),
            authorization: request.headers.first(name: "authorization"),
            body: request.body
        )
        var headers = HTTPHeaders(answer.headers.map { ($0.name, $0.value) })
        headers.add(name: "Content-Length", value: String(answer.body.readableBytes))
        return Response(status: HTTPResponseStatus(statusCode: answer.status), headers: headers, body: answer.body)
    }

    /// The dashboard, the statistics it polls, and the Prometheus exposition. Invalidations are copied from the
    /// ledger when asked for, so the dashboard's list is never older than the page.
    private func telemetryPage(_ request: ControlRequest) -> Response? {
        guard request.method == .GET || request.method == .HEAD else { return nil }
        let document: String
        let contentType: String
        switch request.path {
        case "/_edgesim", "/_edgesim/":
            (document, contentType) = (Dashboard.html, Dashboard.contentType)
        case "/_edgesim/stats":
            recordInvalidations()
            (document, contentType) = (statistics.jsonDocument(), "application/json")
        case "/metrics":
            (document, contentType) = (statistics.prometheusText() + (accessLog?.prometheusText() ?? ""), EdgeStatistics.prometheusContentType)
        default:
            return nil
        }
        let body = ByteBuffer(string: document)
        let headers: HTTPHeaders = ["Content-Type": contentType, "Content-Length": String(body.readableBytes), "Cache-Control": "no-store"]
        return Response(status: .ok, headers: headers, body: request.method == .HEAD ? nil : body)
    }

    private func recordInvalidations() {
        let ledger = cloudFront.ledger
        for distribution in ledger.distributions {
            guard let invalidations = try? ledger.invalidations(distributionID: distribution.id) else { continue }
            let now = ledger.clock.now
            for invalidation in invalidations {
                statistics.recordInvalidation(
                    InvalidationRecord(
                        id: invalidation.id,
                        distribution: distribution.id,
                        paths: invalidation.batch.paths,
                        createTime: invalidation.createTime,
                        status: invalidation.status(at: now).rawValue
                    )
                )
            }
        }
    }

    /// The local identity provider's OpenID discovery documents, which JWT authorizers (ours and the user's) read.
    private func identityDocument(_ request: ControlRequest) -> Response? {
        guard request.method == .GET || request.method == .HEAD else { return nil }
        let document: String
        switch request.path {
        case "/.well-known/jwks.json": document = identity.jwksDocument
        case "/.well-known/openid-configuration": document = identity.openIDConfigurationDocument
        default: return nil
        }
        let body = ByteBuffer(string: document)
        let headers: HTTPHeaders = ["Content-Type": "application/json", "Content-Length": String(body.readableBytes)]
        return Response(status: .ok, headers: headers, body: request.method == .HEAD ? nil : body)
    }
}
