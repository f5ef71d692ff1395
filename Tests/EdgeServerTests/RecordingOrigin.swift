import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A real HTTP/1.1 origin on 127.0.0.1, port 0, that records every request head and body and answers what the
/// test scripts; started and stopped by the test.
final class RecordingOrigin: Sendable {
    struct Received: Sendable {
        let method: HTTPMethod
        let uri: String
        let headers: HTTPHeaders
        let body: String

        /// Every value of `name`, joined as one field would read.
        subscript(_ name: String) -> String? {
            let values = headers[name]
            return values.isEmpty ? nil : values.joined(separator: ", ")
        }
    }

    struct Reply: Sendable {
        var status: HTTPResponseStatus = .ok
        var headers: [(String, String)] = []
        var body = ""
    }

    /// Answers a request; nil holds it unanswered, as an origin that stopped responding would.
    typealias Responder = @Sendable (Received) -> Reply?

    private let channel: any Channel
    private let receivedLog: NIOLockedValueBox<[Received]>
    let port: Int

    static func start(_ responder: @escaping Responder) async throws -> RecordingOrigin {
        let log = NIOLockedValueBox<[Received]>([])
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(Handler(responder: responder, log: log))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return RecordingOrigin(channel: channel, log: log)
    }

    private init(channel: any Channel, log: NIOLockedValueBox<[Received]>) {
        self.channel = channel
        self.port = channel.localAddress?.port ?? 0
        self.receivedLog = log
    }

    /// Every request received so far, in order.
    var received: [Received] { receivedLog.withLockedValue { $0 } }

    var url: String { "http://127.0.0.1:\(port)" }

    /// Stops listening; stopping twice is fine, as tests that need a refused port stop it before the edge starts.
    func stop() async throws {
        do {
            try await channel.close()
        } catch ChannelError.alreadyClosed {}
    }

    private final class Handler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        let responder: Responder
        let log: NIOLockedValueBox<[Received]>
        var head: HTTPRequestHead?
        var body = ByteBuffer()

        init(responder: @escaping Responder, log: NIOLockedValueBox<[Received]>) {
            self.responder = responder
            self.log = log
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body.clear()
            case .body(var buffer):
                body.writeBuffer(&buffer)
            case .end:
                guard let head else { return }
                let received = Received(method: head.method, uri: head.uri, headers: head.headers, body: String(buffer: body))
                log.withLockedValue { $0.append(received) }
                guard let reply = responder(received) else { return }
                var headers = HTTPHeaders(reply.headers)
                headers.replaceOrAdd(name: "Content-Length", value: "\(reply.body.utf8.count)")
                context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: reply.status, headers: headers))), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: reply.body)))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            }
        }
    }
}
