import NIOCore
import NIOHTTP1

extension EdgeLocation {
    /// A stored object on its way to a viewer: CloudFront's headers added, then 304/Range, then HEAD.
    func deliver(_ object: CachedObject, result: EdgeResult, exchange: Exchange, now: Double, status: HTTPResponseStatus? = nil) -> EdgeResponse {
        if result == .hit, status == nil, let hit = storedHit(object, exchange: exchange, now: now) { return hit }
        var headers = object.headers
        // One copy of the shared stored headers, with room for everything added on the way out, so that no
        // append below or in the listener (`Date`, `Connection`) grows the array again.
        headers.reserveCapacity(headers.count + Self.addedFieldCapacity)
        addEdgeHeaders(&headers, result: result, requestID: exchange.requestID)
        // A miss shows the Age an upstream cache reported; the edge's own time counts from storing (§1.1).
        let age = object.age(at: now)
        if age > 0, result == .hit || result == .miss || result == .refreshHit { headers.add(name: "Age", value: String(age)) }
        var response = EdgeResponse(
            status: status ?? object.status,
            headers: headers,
            body: object.body,
            result: result,
            requestID: exchange.requestID,
            distributionID: exchange.distribution.id
        )
        response.fieldsAreValid = object.hasValidFields
        return finish(response: &response, exchange: exchange, now: now)
    }

    /// A plain hit as a ``StoredHit``, when the request accepts one and nothing but the edge's fields would change
    /// the stored response on its way out (see ``StoredHit`` for the conditions).
    private func storedHit(_ object: CachedObject, exchange: Exchange, now: Double) -> EdgeResponse? {
        let request = exchange.request
        guard request.acceptsStoredHit, object.storedHead != nil, request.method == .GET,
            exchange.behavior.responseHeadersPolicy == nil, !Self.asksForPartOrValidation(request)
        else { return nil }
        var response = EdgeResponse(
            status: object.status,
            headers: HTTPHeaders(),
            body: object.body,
            result: .hit,
            requestID: exchange.requestID,
            distributionID: exchange.distribution.id
        )
        response.fieldsAreValid = true
        response.storedHit = StoredHit(object: object, edgeFields: hitFields, age: object.age(at: now))
        response.distributionDomain = exchange.distribution.domainName
        response.behaviorPathPattern = exchange.behavior.pathPattern.description
        response.isCacheable = true
        return response
    }

    /// `If-None-Match`, `If-Modified-Since` or `Range`: what ``ViewerFilters`` answers for a stored 200. One pass.
    private static func asksForPartOrValidation(_ request: ViewerRequest) -> Bool {
        request.headers.contains { name, _ in
            HTTP1Bytes.name(name, is: "range") || HTTP1Bytes.name(name, is: "if-none-match")
                || HTTP1Bytes.name(name, is: "if-modified-since")
        }
    }

    /// The fields a stored response may gain on its way out: the four edge headers, `Age`, `Date`, `Connection`,
    /// and two from a range or conditional answer; a response headers policy's own may grow it further.
    static let addedFieldCapacity = 9

    /// An origin response that is not served from the cache (not cacheable, or a pass-through method).
    func deliver(_ origin: OriginResponse, result: EdgeResult, exchange: Exchange, now: Double) -> EdgeResponse {
        var headers = Self.viewerHeaders(from: origin.headers, bodyLength: origin.body.readableBytes)
        addEdgeHeaders(&headers, result: result, requestID: exchange.requestID)
        var response = EdgeResponse(
            status: origin.status,
            headers: headers,
            body: origin.body,
            result: result,
            requestID: exchange.requestID,
            distributionID: exchange.distribution.id
        )
        return finish(response: &response, exchange: exchange, now: now)
    }

    private func finish(response: inout EdgeResponse, exchange: Exchange, now: Double) -> EdgeResponse {
        ViewerFilters.apply(to: &response, request: exchange.request, now: Int(now))
        if let policy = exchange.behavior.responseHeadersPolicy {
            policy.apply(to: &response, request: exchange.request, pop: code)
            // Its values come from the stack file, unchecked.
            response.fieldsAreValid = false
        }
        if exchange.request.method == .HEAD { response.body = nil }
        response.distributionDomain = exchange.distribution.domainName
        response.behaviorPathPattern = exchange.behavior.pathPattern.description
        response.isCacheable = exchange.behavior.caches(exchange.request.method.rawValue)
        return response
    }

    /// The headers CloudFront adds to every response (aws-behaviour §1.1), in the order it sends them.
    func addEdgeHeaders(_ headers: inout HTTPHeaders, result: EdgeResult, requestID: String) {
        headers.add(name: "X-Cache", value: result.xCache)
        headers.add(name: "Via", value: via)
        headers.add(name: "X-Amz-Cf-Pop", value: code)
        headers.add(name: "X-Amz-Cf-Id", value: requestID)
    }

    /// A response CloudFront makes itself: `Server: CloudFront` and one of its HTML pages.
    func ownPage(status: HTTPResponseStatus, reason: String, requestID: String, distribution: Distribution?, close: Bool = false) -> EdgeResponse {
        let body = CloudFrontPages.error(status: Int(status.code), reason: reason, requestID: requestID)
        var response = ownResponse(
            status: status,
            contentType: "text/html",
            body: body,
            result: .error,
            requestID: requestID,
            distribution: distribution
        )
        response.closeConnection = close
        return response
    }

    func ownResponse(
        status: HTTPResponseStatus,
        contentType: String,
        body: String,
        result: EdgeResult,
        requestID: String,
        distribution: Distribution?
    ) -> EdgeResponse {
        var headers = HTTPHeaders()
        headers.add(name: "Server", value: "CloudFront")
        headers.add(name: "Content-Type", value: contentType)
        headers.add(name: "Content-Length", value: String(body.utf8.count))
        addEdgeHeaders(&headers, result: result, requestID: requestID)
        return EdgeResponse(
            status: status,
            headers: headers,
            body: ByteBuffer(string: body),
            result: result,
            requestID: requestID,
            distributionID: distribution?.id
        )
    }

    /// The 413 CloudFront sends for a request line and headers over 20,480 bytes or a URL over 8,192, before it
    /// closes the connection (aws-behaviour §1.2). The listener calls this before it has a full request.
    public func requestTooLarge() -> EdgeResponse {
        ownPage(status: .payloadTooLarge, reason: CloudFrontPages.badRequest, requestID: requestIDs.next(), distribution: nil, close: true)
    }

    /// The 400 CloudFront sends for a request it cannot parse, before it closes the connection. The listener calls
    /// this for what its HTTP/1 decoder refuses.
    public func malformedRequest() -> EdgeResponse {
        ownPage(status: .badRequest, reason: CloudFrontPages.badRequest, requestID: requestIDs.next(), distribution: nil, close: true)
    }

    /// Origin headers as viewers get them: hop-by-hop fields gone, the length of the body we hold (§1.17).
    /// The origin's `Date` stays, so `Date` and `Age` tell a hit's true age as RFC 9111 caches do.
    static func viewerHeaders(from origin: HTTPHeaders, bodyLength: Int) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.reserveCapacity(origin.count + 6)
        // Fields the origin's `Connection` names are hop-by-hop too (RFC 9110 §7.6.1).
        let named = Set(origin[canonicalForm: "connection"].map { $0.lowercased() })
        for (name, value) in origin {
            let lowered = name.lowercased()
            guard !hopByHop.contains(lowered), !named.contains(lowered) else { continue }
            headers.add(name: name, value: value)
        }
        headers.replaceOrAdd(name: "Content-Length", value: String(bodyLength))
        return headers
    }

    static let hopByHop: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "content-length",
        "via", "x-cache", "x-amz-cf-pop", "x-amz-cf-id", "age",
    ]
}
