import Edge
import Gateway
import NIOCore
import NIOHTTP1

/// Serves viewers of one POP over an HTTP/1.x connection. Hits are answered inside `channelRead`, on the event
/// loop; only origin fetches leave it, and their answers come back to it before anything is written.
///
/// It stands where NIO's server pipeline helpers would (see `ViewerListener.configureHTTP1`): it writes responses
/// as bytes (`HTTP1ResponseWriter`), keeps pipelined requests in order by holding them, and reading, while an
/// origin fetch is under way, answers input the decoder cannot parse with CloudFront's 400 page, and closes idle
/// connections when the server stops.
final class ViewerHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundIn = Never
    typealias OutboundOut = IOData

    private let services: ViewerServices
    private let isHTTPS: Bool
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
    private var writer = HTTP1ResponseWriter(allocator: ByteBufferAllocator())

    init(services: ViewerServices, isHTTPS: Bool, clock: EdgeClock = .system) {
        self.services = services
        self.isHTTPS = isHTTPS
        self.clock = clock
    }

    func handlerAdded(context: ChannelHandlerContext) {
        clientAddress = context.channel.remoteAddress?.ipAddress ?? "127.0.0.1"
        writer = HTTP1ResponseWriter(allocator: context.channel.allocator)
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
    /// closes after its response, which says `Connection: close`.
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is ChannelShouldQuiesceEvent else {
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
        guard error is HTTPParserError else {
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
            write(services.location.malformedRequest(), for: request, context: context)
            return
        }
        switch part {
        case .head(let head):
            receivedAt = clock.now
            if ViewerServices.exceedsLimits(head) {
                refusing = true
                write(services.location.requestTooLarge(), for: head, context: context)
                return
            }
            self.head = head
            body = nil
        case .body(var chunk):
            guard head != nil else { return }
            if (body?.readableBytes ?? 0) + chunk.readableBytes > ViewerServices.maximumBodyBytes, let head {
                refusing = true
                write(services.location.requestTooLarge(), for: head, context: context)
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
        let body = self.body
        self.body = nil
        // A stored head's status line reads HTTP/1.1.
        let answerer = services.answerer(
            for: head,
            body: body,
            isHTTPS: isHTTPS,
            clientAddress: clientAddress,
            acceptsStoredHit: head.version == .http1_1
        )
        switch answerer {
        case .edge(.respond(let response)):
            write(consume response, for: head, context: context)
        case .edge(.fetch(let fetch)):
            held.startWaiting()
            answerLater(self, context: context, fetch.run) { handler, context, response in
                handler.write(response, for: head, context: context)
                handler.resumeHeldRequests(context: context)
            }
        case .gateway(let host, let apiDomains):
            held.startWaiting()
            let clientAddress = clientAddress
            let gatewayAnswer: @Sendable () async -> APIResponse = {
                await apiDomains.respond(to: head, host: host, body: body, clientAddress: clientAddress)
            }
            answerLater(self, context: context, gatewayAnswer) { handler, context, answer in
                var headers = answer.headers
                let body = head.method == .HEAD ? nil : answer.body
                handler.send(status: answer.status, headers: &headers, fieldsAreValid: false, body: body, close: false, for: head, context: context)
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

    /// Takes the response, so that its headers (one copy made for it by the edge) are extended in place.
    private func write(_ response: consuming EdgeResponse, for request: HTTPRequestHead, context: ChannelHandlerContext) {
        if let hit = response.storedHit {
            let close = closes(after: request, asked: response.closeConnection)
            if close { refusing = true }
            let (bytes, uncopiedBody) = writer.encode(
                hit,
                requestID: response.requestID,
                date: { dates.current(clock) },
                close: close,
                body: response.body
            )
            write(bytes, body: uncopiedBody, close: close, context: context)
            record(response, contentType: hit.contentType, request: request)
            return
        }
        send(
            status: response.status,
            headers: &response.headers,
            fieldsAreValid: response.fieldsAreValid,
            body: response.body,
            close: response.closeConnection,
            for: request,
            context: context
        )
        record(response, contentType: response.headers.first(name: "content-type"), request: request)
    }

    private func record(_ response: EdgeResponse, contentType: @autoclosure () -> String?, request: HTTPRequestHead) {
        services.record(
            response,
            contentType: contentType(),
            request: request,
            receivedAt: receivedAt,
            now: clock.now,
            isHTTPS: isHTTPS,
            clientAddress: clientAddress
        )
    }

    /// Whether the connection ends with this response: the edge asked (413, 400), the viewer did (`Connection:
    /// close`, HTTP/1.0 without keep-alive), or the server is stopping.
    private func closes(after request: HTTPRequestHead, asked: Bool) -> Bool {
        asked || !request.isKeepAlive || quiescing
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
        let close = closes(after: request, asked: closeRequested)
        if close {
            refusing = true
            headers.replaceOrAdd(name: "Connection", value: "close")
        } else if request.version.minor == 0 {
            headers.replaceOrAdd(name: "Connection", value: "keep-alive")
        }
        let (bytes, uncopiedBody) = writer.encode(
            version: request.version,
            status: status,
            headers: headers,
            body: body,
            requestMethod: request.method
        )
        write(bytes, body: uncopiedBody, close: close, context: context)
    }

    /// Writes and flushes a response's bytes. A connection that ends with it is closed once they are written
    /// (closing with writes pending would drop them); a kept-alive one gets no promise, which would be an allocation.
    private func write(_ bytes: ByteBuffer, body: ByteBuffer?, close: Bool, context: ChannelHandlerContext) {
        var last = bytes
        if let body {
            context.write(wrapOutboundOut(.byteBuffer(bytes)), promise: nil)
            last = body
        }
        guard close else {
            context.writeAndFlush(wrapOutboundOut(.byteBuffer(last)), promise: nil)
            return
        }
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.byteBuffer(last)), promise: written)
        let channel = context.channel
        written.futureResult.whenComplete { _ in channel.close(promise: nil) }
    }
}
