import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A real HTTP/1.1 server on 127.0.0.1, port 0, answering from a closure; started and stopped by the test.
final class TestHTTPServer: Sendable {
    struct Received: Sendable {
        let method: HTTPMethod
        let uri: String
        let headers: HTTPHeaders
        let body: String
    }

    typealias Responder = @Sendable (Received) async -> (HTTPResponseStatus, [(String, String)], String)

    private let channel: any Channel
    /// Shared with the connection handlers, which append every request.
    private let receivedLog: NIOLockedValueBox<[Received]>
    let port: Int

    static func start(_ responder: @escaping Responder) async throws -> TestHTTPServer {
        let log = NIOLockedValueBox<[Received]>([])
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(Handler(responder: responder, log: log))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return TestHTTPServer(channel: channel, log: log)
    }

    private init(channel: any Channel, log: NIOLockedValueBox<[Received]>) {
        self.channel = channel
        self.port = channel.localAddress?.port ?? 0
        self.receivedLog = log
    }

    var log: [Received] { receivedLog.withLockedValue { $0 } }

    var url: String { "http://127.0.0.1:\(port)" }

    func stop() async throws {
        try await channel.close()
    }

    private final class Handler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        let responder: Responder
        let log: NIOLockedValueBox<[Received]>
        var head: HTTPRequestHead?
        var body = ""

        init(responder: @escaping Responder, log: NIOLockedValueBox<[Received]>) {
            self.responder = responder
            self.log = log
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body = ""
            case .body(let buffer):
                body += String(buffer: buffer)
            case .end:
                guard let head else { return }
                let received = Received(method: head.method, uri: head.uri, headers: head.headers, body: body)
                log.withLockedValue { $0.append(received) }
                let responder = self.responder
                let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
                let promise = context.eventLoop.makePromise(of: (HTTPResponseStatus, [(String, String)], String).self)
                promise.completeWithTask { await responder(received) }
                promise.futureResult.whenSuccess { status, headers, text in
                    let (handler, context) = loopBound.value
                    var responseHeaders = HTTPHeaders(headers)
                    responseHeaders.replaceOrAdd(name: "content-length", value: "\(text.utf8.count)")
                    let head = HTTPResponseHead(version: .http1_1, status: status, headers: responseHeaders)
                    context.write(handler.wrapOutboundOut(.head(head)), promise: nil)
                    context.write(handler.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: text)))), promise: nil)
                    context.writeAndFlush(handler.wrapOutboundOut(.end(nil)), promise: nil)
                }
            }
        }
    }
}
