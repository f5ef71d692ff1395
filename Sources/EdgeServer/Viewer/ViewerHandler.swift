import Edge
import Gateway
import NIOCore
import NIOHTTP1
import Telemetry

/// Serves viewers of one POP over HTTP/1.x or one HTTP/2 stream. Hits are answered inside `channelRead`, on the
/// event loop; only origin fetches leave it, and their answers come back to it before anything is written.
///
/// On HTTP/1.x it stands where NIO's server pipeline helpers would (see `ViewerListener.configureHTTP1`): it writes
/// responses as bytes (`HTTP1ResponseWriter`), keeps pipelined requests in order by holding them, and reading,
/// while an origin fetch is under way, and answers a request the decoder cannot parse with CloudFront's 400 page.
final class ViewerHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundIn = Never
    typealias OutboundOut = HTTPServerResponsePart

    /// How responses reach the wire.
    enum Wire {
        /// HTTP/1.x: the handler's own bytes, straight to the transport.
        case http1
        /// One HTTP/2 stream: response parts, which NIO's HTTP/2 to HTTP/1 codec turns into frames.
        case http2Stream
    }

    /// CloudFront's limits (aws-behaviour §1.2): request line plus headers, and URL.
    static let maximumHeaderBytes = 20_480
    static let maximumURLBytes = 8_192
    /// Bodies beyond this are refused before the origin sees them (API Gateway's payload limit is 10 MB).
    static let maximumBodyBytes = 10 * 1024 * 1024 + 1

    private let location: EdgeLocation
    private let wire: Wire
    private let isHTTPS: Bool
    private let observer: (any RequestObserver)?
    private let logsRequestDetails: Bool
    private let apiDomains: APIDomains?
    private let clock: EdgeClock
    private var head: HTTPRequestHead?
    private var body: ByteBuffer?
    private var receivedAt = 0.0
    private var dates = HTTPDateCache()
    private var clientAddress = "127.0.0.1"
    /// After a 413 or a response that closes the connection, the rest of its input is ignored until it closes.
    private var refusing = false
    /// The server is stopping: the response being made is the connection's last.
    private var quiescing = false
    /// Requests that arrived while an earlier one waits for the origin, answered in order once it is written.
    private var held = HeldRequests()
    private var writer: HTTP1ResponseWriter?

    init(services: ViewerServices, wire: Wire, isHTTPS: Bool, clock: EdgeClock = .system) {
        self.location = services.location
        self.wire = wire
        self.isHTTPS = isHTTPS
        self.observer = services.observer
        self.logsRequestDetails = services.logsRequestDetails
        self.apiDomains = services.apiDomains
        self.clock = clock
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let address = context.channel.remoteAddress ?? context.channel.parent?.remoteAddress
        clientAddress = address?.ipAddress ?? "127.0.0.1"
        if wire == .http1 { writer = HTTP1ResponseWriter(allocator: context.channel.allocator) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = HeldRequests.Input.part(unwrapInboundIn(data))
        guard !held.isWaiting else {
            held.append(part)
            return
        }
        receive(part, context: context)
    }

    /// No more reading while a response is awaited: held requests stay few, and TCP pushes back on the viewer.
    func read(context: ChannelHandlerContext) {
        if held.holdRead() { return }
        context.read()
    }

    /// A graceful stop (`ServerQuiescingHelper`): an idle connection closes now; one with a request under way
    /// closes after its response, which says `Connection: close`. HTTP/2 streams are left to their connection.
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard wire == .http1, event is ChannelShouldQuiesceEvent else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        quiescing = true
        if head == nil, !held.isWaiting, !refusing {
            refusing = true
            context.close(promise: nil)
        }
    }

    /// Input the HTTP/1 decoder cannot parse gets CloudFront's 400 page, after the answers to the requests before
    /// it, and the connection closes. Anything else goes on to NIO's default handling.
    func errorCaught(context: ChannelHandlerContext, error: Error) {
        guard wire == .http1, error is HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        if held.isWaiting {
            held.append(.malformed)
        } else {
            receive(.malformed, context: context)
        }
    }

    private func receive(_ input: HeldRequests.Input, context: ChannelHandlerContext) {
        // Once a response closes the connection the rest of its input is moot: data after `Connection: close`
        // is what the decoder reports as an error, and it must not cut short the response being written.
        guard !refusing else { return }
        let part: HTTPServerRequestPart
        switch input {
        case .part(let decoded):
            part = decoded
        case .malformed:
            refusing = true
            let request = HTTPRequestHead(version: .http1_1, method: .GET, uri: "/", headers: ["Connection": "close"])
            write(location.malformedRequest(), for: request, context: context)
            return
        }
        switch part {
        case .head(let head):
            receivedAt = clock.now
            if Self.exceedsLimits(head) {
                refusing = true
                write(location.requestTooLarge(), for: head, context: context)
                return
            }
            self.head = head
            body = nil
        case .body(var chunk):
            guard head != nil else { return }
            if (body?.readableBytes ?? 0) + chunk.readableBytes > Self.maximumBodyBytes, let head {
                refusing = true
                write(location.requestTooLarge(), for: head, context: context)
                return
            }
            if body == nil { body = chunk } else { body!.writeBuffer(&chunk) }
        case .end:
            guard let head else { return }
            self.head = nil
            serve(head, context: context)
        }
    }

    private func serve(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        if let apiDomains, let host = apiDomains.domain(of: head) {
            forward(head, toAPIDomain: host, apiDomains: apiDomains, context: context)
            return
        }
        var request = ViewerRequest(
            method: head.method,
            target: head.uri,
            version: head.version,
            headers: head.headers,
            body: body,
            isHTTPS: isHTTPS,
            clientAddress: clientAddress
        )
        // A stored head's status line reads HTTP/1.1.
        request.acceptsStoredHit = writer != nil && head.version == .http1_1
        body = nil
        switch location.receive(request) {
        case .respond(let response):
            write(consume response, for: head, context: context)
        case .fetch(let fetch):
            held.startWaiting()
            let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            context.eventLoop.makeFutureWithTask { await fetch.run() }.whenSuccess { response in
                let (handler, context) = bound.value
                handler.write(response, for: head, context: context)
                handler.resumeHeldRequests(context: context)
            }
        }
    }

    /// Answers the requests that arrived during a wait, until one waits again; then reads again if a read was held.
    private func resumeHeldRequests(context: ChannelHandlerContext) {
        held.stopWaiting()
        while !held.isWaiting, let part = held.next() {
            receive(part, context: context)
        }
        if !held.isWaiting, held.releaseRead() { context.read() }
    }

    /// A custom domain of the gateway: API Gateway answers, off the event loop like any origin work.
    private func forward(_ head: HTTPRequestHead, toAPIDomain host: String, apiDomains: APIDomains, context: ChannelHandlerContext) {
        let body = body
        self.body = nil
        let clientAddress = clientAddress
        held.startWaiting()
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        context.eventLoop.makeFutureWithTask {
            await apiDomains.respond(to: head, host: host, body: body, clientAddress: clientAddress)
        }.whenSuccess { answer in
            let (handler, context) = bound.value
            let body = head.method == .HEAD ? nil : answer.body
            var headers = answer.headers
            handler.send(
                status: answer.status,
                headers: &headers,
                fieldsAreValid: false,
                body: body,
                close: false,
                for: head,
                context: context
            )
            handler.resumeHeldRequests(context: context)
        }
    }

    /// Takes the response, so that its headers (one copy made for it by the edge) are extended in place.
    private func write(_ response: consuming EdgeResponse, for request: HTTPRequestHead, context: ChannelHandlerContext) {
        if let hit = response.storedHit, var writer {
            let close = response.closeConnection || !request.isKeepAlive || quiescing
            if close { refusing = true }
            let (bytes, uncopiedBody) = writer.encode(
                hit,
                requestID: response.requestID,
                date: { dates.current(clock) },
                close: close,
                body: response.body
            )
            self.writer = writer
            finishHTTP1(bytes, body: uncopiedBody, close: close, context: context)
            observer?.record(event(for: response, contentType: logsRequestDetails ? hit.contentType : nil, request: request))
            return
        }
        let contentType = logsRequestDetails ? response.headers.first(name: "content-type") : nil
        send(
            status: response.status,
            headers: &response.headers,
            fieldsAreValid: response.fieldsAreValid,
            body: response.body,
            close: response.closeConnection,
            for: request,
            context: context
        )
        observer?.record(event(for: response, contentType: contentType, request: request))
    }

    /// Writes one response, adding `Date` and the connection handling of the request's HTTP version. Fields the
    /// edge cannot vouch for are checked first (the pipeline has no validator of its own, see `ViewerListener`);
    /// a response that cannot be written as it is ends the connection, as NIO's validator would have.
    private func send(
        status: HTTPResponseStatus,
        headers: inout HTTPHeaders,
        fieldsAreValid: Bool,
        body: ByteBuffer?,
        close closeRequested: Bool,
        for request: HTTPRequestHead,
        context: ChannelHandlerContext
    ) {
        guard fieldsAreValid || ResponseFields.areValid(status: status, headers: headers) else {
            context.close(promise: nil)
            return
        }
        if !headers.contains(name: "date") { headers.add(name: "Date", value: dates.current(clock)) }
        let close = closeRequested || !request.isKeepAlive || quiescing
        if request.version.major == 1 {
            if close {
                headers.replaceOrAdd(name: "Connection", value: "close")
            } else if request.version.minor == 0 {
                headers.replaceOrAdd(name: "Connection", value: "keep-alive")
            }
        } else {
            // HTTP/2 forbids connection-specific fields.
            headers.remove(name: "connection")
            headers.remove(name: "transfer-encoding")
        }
        if close { refusing = true }
        if var writer {
            let (bytes, uncopiedBody) = writer.encode(
                version: request.version,
                status: status,
                headers: headers,
                body: body,
                requestMethod: request.method
            )
            self.writer = writer
            finishHTTP1(bytes, body: uncopiedBody, close: close, context: context)
            return
        }
        let head = HTTPResponseHead(version: request.version, status: status, headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if let body, body.readableBytes > 0 {
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        }
        writeLast(wrapOutboundOut(.end(nil)), closing: close, context: context)
    }

    /// Writes an HTTP/1 response's bytes, and closes after them when the connection ends with this response.
    private func finishHTTP1(_ bytes: ByteBuffer, body: ByteBuffer?, close: Bool, context: ChannelHandlerContext) {
        let last: ByteBuffer
        if let body {
            context.write(NIOAny(IOData.byteBuffer(bytes)), promise: nil)
            last = body
        } else {
            last = bytes
        }
        writeLast(NIOAny(IOData.byteBuffer(last)), closing: close, context: context)
    }

    /// Writes and flushes a response's last part. A connection that ends with it is closed once it is written
    /// (closing with writes pending would drop them); a kept-alive one gets no promise, which would be an allocation.
    private func writeLast(_ data: NIOAny, closing: Bool, context: ChannelHandlerContext) {
        guard closing else {
            context.writeAndFlush(data, promise: nil)
            return
        }
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(data, promise: written)
        let channel = context.channel
        written.futureResult.whenComplete { _ in channel.close(promise: nil) }
    }

    /// What statistics and the access log see of one response. Built only when someone observes.
    private func event(for response: EdgeResponse, contentType: String?, request: HTTPRequestHead) -> RequestEvent {
        let headers = request.headers
        let duration = clock.now - receivedAt
        return RequestEvent(
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
            contentType: contentType,
            contentLength: response.body?.readableBytes,
            isCacheable: response.isCacheable
        )
    }

    static func exceedsLimits(_ head: HTTPRequestHead) -> Bool {
        if head.uri.utf8.count > maximumURLBytes { return true }
        var total = head.method.rawValue.utf8.count + head.uri.utf8.count + 12
        for (name, value) in head.headers {
            total += name.utf8.count + value.utf8.count + 4
        }
        return total > maximumHeaderBytes
    }
}
