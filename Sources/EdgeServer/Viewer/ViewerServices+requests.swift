import Edge
import NIOCore
import NIOHTTP1
import Telemetry

/// What the HTTP/1 and HTTP/2 viewer handlers share about one request: CloudFront's limits, which tier answers,
/// and what statistics and the access log are told.
extension ViewerServices {
    /// CloudFront's limits (aws-behaviour §1.2): request line plus headers, and URL.
    static let maximumHeaderBytes = 20_480
    static let maximumURLBytes = 8_192
    /// Bodies beyond this are refused before the origin sees them (API Gateway's payload limit is 10 MB).
    static let maximumBodyBytes = 10 * 1024 * 1024 + 1

    static func exceedsLimits(_ head: HTTPRequestHead) -> Bool {
        if head.uri.utf8.count > maximumURLBytes { return true }
        var total = head.method.rawValue.utf8.count + head.uri.utf8.count + 12
        for (name, value) in head.headers {
            total += name.utf8.count + value.utf8.count + 4
        }
        return total > maximumHeaderBytes
    }

    /// Who answers a whole request.
    enum Answerer {
        /// A custom domain of the gateway (`api.edgesim.test`): API Gateway, with no CloudFront in front.
        case gateway(host: String, APIDomains)
        case edge(EdgeAction)
    }

    func answerer(
        for head: HTTPRequestHead,
        body: ByteBuffer?,
        isHTTPS: Bool,
        clientAddress: String,
        acceptsStoredHit: Bool
    ) -> Answerer {
        if let apiDomains, let host = apiDomains.domain(of: head) { return .gateway(host: host, apiDomains) }
        var request = ViewerRequest(
            method: head.method,
            target: head.uri,
            version: head.version,
            headers: head.headers,
            body: body,
            isHTTPS: isHTTPS,
            clientAddress: clientAddress
        )
        request.acceptsStoredHit = acceptsStoredHit
        return .edge(location.receive(request))
    }

    /// Tells the observers about one answered request. The event is built only when someone observes.
    func record(
        _ response: EdgeResponse,
        contentType: @autoclosure () -> String?,
        request: HTTPRequestHead,
        receivedAt: Double,
        now: Double,
        isHTTPS: Bool,
        clientAddress: String
    ) {
        guard let observer else { return }
        let headers = request.headers
        let duration = now - receivedAt
        observer.record(
            RequestEvent(
                time: receivedAt,
                pop: location.code,
                distributionID: response.distributionID,
                method: request.method.rawValue,
                host: headers.first(name: "host") ?? "-",
                uri: request.uri,
                status: Int(response.status.code),
                result: RequestEvent.ResultType(rawValue: response.result.rawValue) ?? .error,
                bytesSent: response.body?.readableBytes ?? 0,
                durationSeconds: duration,
                protocolName: isHTTPS ? "https" : "http",
                clientAddress: clientAddress,
                requestID: response.requestID,
                distributionDomain: response.distributionDomain,
                behaviorPathPattern: response.behaviorPathPattern,
                protocolVersion: request.version.major == 2 ? .http2 : (request.version.minor == 0 ? .http1_0 : .http1_1),
                referer: logsRequestDetails ? headers.first(name: "referer") : nil,
                userAgent: logsRequestDetails ? headers.first(name: "user-agent") : nil,
                cookie: logsRequestDetails ? headers.first(name: "cookie") : nil,
                forwardedFor: logsRequestDetails ? headers.first(name: "x-forwarded-for") : nil,
                detailedResult: response.detailedResult,
                timeToFirstByte: duration,
                contentType: logsRequestDetails ? contentType() : nil,
                contentLength: response.body?.readableBytes,
                isCacheable: response.isCacheable
            )
        )
    }
}
