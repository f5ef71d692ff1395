import Edge
import Gateway
import NIOCore
import NIOHPACK
import NIOHTTP1
import NIOHTTP2

/// Serves every stream of one HTTP/2 connection straight from frames, behind `NIOHTTP2Handler` without a stream
/// multiplexer.
///
/// NIO's multiplexer gives each stream a child channel with its own pipeline, and its HTTP/2-to-HTTP/1 codec turns
/// each request and response into parts: a channel, a pipeline and several promises per request, which cost a
/// 1 KiB hit more than the hit itself. Here a stream is an entry in a dictionary; hits are answered inside
/// `channelRead` and flushed once per read, so the streams a viewer multiplexes into one read share a flush.
/// Request bodies are credited back to the viewer's flow-control windows as they arrive; NIO's handler keeps the
/// response side within the viewer's windows.
final class HTTP2ViewerHandler: ChannelInboundHandler {
    typealias InboundIn = HTTP2Frame
    typealias OutboundOut = HTTP2Frame

    private struct Stream {
        var head: HTTPRequestHead
        var body: ByteBuffer?
        var receivedAt: Double
        /// Answered early (413): the rest of its request is read and dropped.
        var isAnswered = false
    }

    private let services: ViewerServices
    private let clock: EdgeClock
    private var streams: [HTTP2StreamID: Stream] = [:]
    private var dates = HTTPDateCache()
    private var clientAddress = "127.0.0.1"
    private var isReading = false
    private var needsFlush = false
    /// DATA bytes taken in and not yet returned to the connection window.
    private var connectionCredit = 0
    private var lastStreamID = HTTP2StreamID.rootStream
    private var quiescing = false

    init(services: ViewerServices, clock: EdgeClock = .system) {
        self.services = services
        self.clock = clock
    }

    func handlerAdded(context: ChannelHandlerContext) {
        clientAddress = context.channel.remoteAddress?.ipAddress ?? "127.0.0.1"
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        isReading = true
        let frame = unwrapInboundIn(data)
        switch frame.payload {
        case .headers(let headers):
            receiveHeaders(headers, on: frame.streamID, context: context)
        case .data(let data):
            receiveData(data, on: frame.streamID, context: context)
        case .rstStream:
            streams[frame.streamID] = nil
        default:
            break
        }
    }

    /// Window credit and responses made during the read go out in one flush.
    func channelReadComplete(context: ChannelHandlerContext) {
        isReading = false
        if connectionCredit > 0 {
            context.write(
                wrapOutboundOut(HTTP2Frame(streamID: .rootStream, payload: .windowUpdate(windowSizeIncrement: connectionCredit))),
                promise: nil
            )
            connectionCredit = 0
            needsFlush = true
        }
        if needsFlush {
            needsFlush = false
            context.flush()
        }
        context.fireChannelReadComplete()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case let closed as StreamClosedEvent:
            streams[closed.streamID] = nil
        case is ChannelShouldQuiesceEvent:
            // GOAWAY names the last stream that will be answered; the connection closes once they all are.
            quiescing = true
            context.writeAndFlush(
                wrapOutboundOut(
                    HTTP2Frame(streamID: .rootStream, payload: .goAway(lastStreamID: lastStreamID, errorCode: .noError, opaqueData: nil))
                ),
                promise: nil
            )
            closeIfDrained(context: context)
        default:
            break
        }
        context.fireUserInboundEventTriggered(event)
    }

    private func receiveHeaders(_ payload: HTTP2Frame.FramePayload.Headers, on id: HTTP2StreamID, context: ChannelHandlerContext) {
        if streams[id] != nil {
            // Trailers: nothing in them is used, but they end the request.
            if payload.endStream { endOfRequest(on: id, context: context) }
            return
        }
        guard let head = HTTPRequestHead(http2Block: payload.headers) else {
            context.write(wrapOutboundOut(HTTP2Frame(streamID: id, payload: .rstStream(.protocolError))), promise: nil)
            needsFlush = true
            return
        }
        lastStreamID = max(lastStreamID, id)
        streams[id] = Stream(head: head, receivedAt: clock.now)
        if ViewerServices.exceedsLimits(head) {
            answerEarly(services.location.requestTooLarge(), on: id, context: context)
            return
        }
        if payload.endStream { endOfRequest(on: id, context: context) }
    }

    private func receiveData(_ payload: HTTP2Frame.FramePayload.Data, on id: HTTP2StreamID, context: ChannelHandlerContext) {
        guard case .byteBuffer(var chunk) = payload.data else { return }
        let flowControlled = chunk.readableBytes + (payload.paddingBytes.map { $0 + 1 } ?? 0)
        connectionCredit += flowControlled
        guard var stream = streams[id], !stream.isAnswered else { return }
        if (stream.body?.readableBytes ?? 0) + chunk.readableBytes > ViewerServices.maximumBodyBytes {
            answerEarly(services.location.requestTooLarge(), on: id, context: context)
            return
        }
        if stream.body == nil { stream.body = chunk } else { stream.body!.writeBuffer(&chunk) }
        streams[id] = stream
        if payload.endStream {
            endOfRequest(on: id, context: context)
        } else if flowControlled > 0 {
            context.write(wrapOutboundOut(HTTP2Frame(streamID: id, payload: .windowUpdate(windowSizeIncrement: flowControlled))), promise: nil)
            needsFlush = true
        }
    }

    /// A 413 before the request is whole; what follows on the stream is dropped.
    private func answerEarly(_ response: EdgeResponse, on id: HTTP2StreamID, context: ChannelHandlerContext) {
        guard let stream = streams[id] else { return }
        streams[id]?.isAnswered = true
        write(response, for: stream, on: id, context: context)
    }

    private func endOfRequest(on id: HTTP2StreamID, context: ChannelHandlerContext) {
        guard let stream = streams[id], !stream.isAnswered else { return }
        streams[id]?.body = nil
        let head = stream.head
        let answerer = services.answerer(
            for: head,
            body: stream.body,
            isHTTPS: true,
            clientAddress: clientAddress,
            acceptsStoredHit: true
        )
        switch answerer {
        case .edge(.respond(let response)):
            write(response, for: stream, on: id, context: context)
        case .edge(.fetch(let fetch)):
            answerLater(self, context: context, fetch.run) { handler, context, response in
                handler.write(response, for: stream, on: id, context: context)
            }
        case .gateway(let host, let apiDomains):
            let clientAddress = clientAddress
            let body = stream.body
            let gatewayAnswer: @Sendable () async -> APIResponse = {
                await apiDomains.respond(to: head, host: host, body: body, clientAddress: clientAddress)
            }
            answerLater(self, context: context, gatewayAnswer) { handler, context, answer in
                var headers = answer.headers
                handler.send(
                    status: answer.status,
                    headers: &headers,
                    fieldsAreValid: false,
                    body: answer.body,
                    on: id,
                    method: head.method,
                    context: context
                )
            }
        }
    }

    private func write(_ response: EdgeResponse, for stream: Stream, on id: HTTP2StreamID, context: ChannelHandlerContext) {
        if let hit = response.storedHit {
            send(hit, requestID: response.requestID, body: response.body, on: id, context: context)
        } else {
            var headers = response.headers
            send(
                status: response.status,
                headers: &headers,
                fieldsAreValid: response.fieldsAreValid,
                body: response.body,
                on: id,
                method: stream.head.method,
                context: context
            )
        }
        services.record(
            response,
            contentType: response.storedHit?.contentType ?? response.headers.first(name: "content-type"),
            request: stream.head,
            receivedAt: stream.receivedAt,
            now: clock.now,
            isHTTPS: true,
            clientAddress: clientAddress
        )
    }

    /// A ``StoredHit``: the stored fields and the POP's without a copy of the stored `HTTPHeaders` extended first;
    /// the same fields in the same order as `send(status:headers:...)` makes of the hit's full headers.
    private func send(_ hit: StoredHit, requestID: String, body: ByteBuffer?, on id: HTTP2StreamID, context: ChannelHandlerContext) {
        guard streams[id] != nil else { return }
        defer { finishStream(id, context: context) }
        var block = HPACKHeaders()
        block.reserveCapacity(hit.fields.count + 8)
        block.add(name: ":status", value: "200")
        for (name, value) in hit.fields {
            block.add(name: Self.lowercased(name), value: value)
        }
        for (name, value) in hit.edgeFields.http2 { block.add(name: name, value: value) }
        block.add(name: "x-amz-cf-id", value: requestID, indexing: .nonIndexable)
        if hit.age > 0 { block.add(name: "age", value: String(hit.age), indexing: .nonIndexable) }
        if !hit.hasDate { block.add(name: "date", value: dates.current(clock)) }
        write(block, body: body, on: id, context: context)
    }

    /// HEADERS, then DATA unless there is no body, on a stream the viewer has not reset. Field names go in lower
    /// case and connection-specific fields are left out (RFC 9113 §8.2); a field the edge cannot vouch for and
    /// finds invalid resets the stream instead.
    private func send(
        status: HTTPResponseStatus,
        headers: inout HTTPHeaders,
        fieldsAreValid: Bool,
        body: ByteBuffer?,
        on id: HTTP2StreamID,
        method: HTTPMethod,
        context: ChannelHandlerContext
    ) {
        guard streams[id] != nil else { return }
        defer { finishStream(id, context: context) }
        guard fieldsAreValid || ResponseFields.areValid(status: status, headers: headers) else {
            context.write(wrapOutboundOut(HTTP2Frame(streamID: id, payload: .rstStream(.internalError))), promise: nil)
            return
        }
        var block = HPACKHeaders()
        block.reserveCapacity(headers.count + 2)
        block.add(name: ":status", value: String(status.code))
        for (name, value) in headers where !Self.isConnectionSpecific(name) {
            // Values made for this response alone stay out of the viewer's HPACK table: indexing them would evict
            // the constant fields every response shares, which would then be sent in full again.
            let isPerResponse = HTTP1Bytes.name(name, is: "x-amz-cf-id") || HTTP1Bytes.name(name, is: "age")
            block.add(name: Self.lowercased(name), value: value, indexing: isPerResponse ? .nonIndexable : .indexable)
        }
        if !headers.contains(name: "date") { block.add(name: "date", value: dates.current(clock)) }
        write(block, body: method == .HEAD ? nil : body, on: id, context: context)
    }

    private func write(_ block: HPACKHeaders, body: ByteBuffer?, on id: HTTP2StreamID, context: ChannelHandlerContext) {
        let sendsBody = (body?.readableBytes ?? 0) > 0
        context.write(wrapOutboundOut(HTTP2Frame(streamID: id, payload: .headers(.init(headers: block, endStream: !sendsBody)))), promise: nil)
        if sendsBody, let body {
            context.write(wrapOutboundOut(HTTP2Frame(streamID: id, payload: .data(.init(data: .byteBuffer(body), endStream: true)))), promise: nil)
        }
    }

    /// After a response: the stream is forgotten (unless answered early, while its request still arrives), and
    /// what was written is flushed now, or with the rest of the read.
    private func finishStream(_ id: HTTP2StreamID, context: ChannelHandlerContext) {
        if !(streams[id]?.isAnswered ?? false) { streams[id] = nil }
        if isReading { needsFlush = true } else { context.flush() }
        closeIfDrained(context: context)
    }

    private func closeIfDrained(context: ChannelHandlerContext) {
        guard quiescing, streams.isEmpty else { return }
        context.close(promise: nil)
    }

    static func isConnectionSpecific(_ name: String) -> Bool {
        HTTP1Bytes.name(name, is: "connection") || HTTP1Bytes.name(name, is: "transfer-encoding")
            || HTTP1Bytes.name(name, is: "keep-alive") || HTTP1Bytes.name(name, is: "proxy-connection")
            || HTTP1Bytes.name(name, is: "upgrade")
    }

    /// Field names are mostly sent in mixed case by origins; most are short enough that the lowered copy is a
    /// small string, stored inline.
    private static func lowercased(_ name: String) -> String {
        HTTP1Bytes.hasUpperCase(name) ? name.lowercased() : name
    }
}
