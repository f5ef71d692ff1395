import Edge
import NIOCore
import NIOExtras
import NIOHTTP1
import NIOHTTP2
import NIOPosix
import NIOSSL
import Telemetry

/// What every viewer connection of a POP shares: the edge, the request observer, the gateway's own domains.
struct ViewerServices: Sendable {
    let location: EdgeLocation
    let observer: (any RequestObserver)?
    /// Whether an access log listens: only it reads the request's Referer, User-Agent, Cookie, X-Forwarded-For and
    /// the response's Content-Type, so without it those strings are not made for every request.
    let logsRequestDetails: Bool
    let apiDomains: APIDomains?
}

/// One listening socket of a POP: plain HTTP, or TLS with HTTP/2 and HTTP/1.1 chosen by ALPN.
struct ViewerListener {
    enum Transport {
        case http
        case https(NIOSSLContext)
    }

    let host: String
    let port: Int
    let transport: Transport
    let services: ViewerServices

    /// Binds and returns the server channel; connections are tracked by `quiesce` for a graceful stop.
    func bind(group: EventLoopGroup, quiesce: ServerQuiescingHelper) async throws -> Channel {
        let services = self.services
        let transport = self.transport
        return try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelInitializer { channel in
                channel.pipeline.addHandler(quiesce.makeServerChannelHandler(channel: channel))
            }
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                switch transport {
                case .http:
                    return Self.configureHTTP1(channel, services: services, isHTTPS: false)
                case .https(let context):
                    return channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                    }.flatMap {
                        channel.configureHTTP2SecureUpgrade(
                            h2ChannelConfigurator: { channel in
                                Self.configureHTTP2(channel, services: services)
                            },
                            http1ChannelConfigurator: { channel in
                                Self.configureHTTP1(channel, services: services, isHTTPS: true)
                            }
                        )
                    }
                }
            }
            .bind(host: host, port: port)
            .get()
    }

    static func configureHTTP1(_ channel: Channel, services: ViewerServices, isHTTPS: Bool) -> EventLoopFuture<Void> {
        channel.eventLoop.makeCompletedFuture {
            let sync = channel.pipeline.syncOperations
            // Only NIO's request decoder: `ViewerHandler` writes responses as bytes itself and does the work of
            // NIO's pipelining, error and header-validation helpers, which would otherwise pass three parts per
            // response through three handlers and check every field of every hit. The handler checks only what
            // the edge cannot vouch for (`EdgeResponse.fieldsAreValid`).
            try sync.addHandler(ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes)))
            try sync.addHandler(ViewerHandler(services: services, isHTTPS: isHTTPS))
        }
    }

    static func configureHTTP2(_ channel: Channel, services: ViewerServices) -> EventLoopFuture<Void> {
        // Headers larger than CloudFront's 20,480-byte limit must reach the handler to be answered with 413.
        let settings = [
            HTTP2Setting(parameter: .maxConcurrentStreams, value: 128),
            HTTP2Setting(parameter: .maxHeaderListSize, value: 64 * 1024),
        ]
        return channel.eventLoop.makeCompletedFuture {
            let sync = channel.pipeline.syncOperations
            // No stream multiplexer: `HTTP2ViewerHandler` serves the streams from frames (its comment says why).
            // No header-block validation either: on every response it costs a tenth of a hit's time, while the
            // edge's fields are valid by construction or checked (`ResponseFields`), and `HTTPRequestHead(http2Block:)`
            // checks what viewers send.
            try sync.addHandler(NIOHTTP2Handler(mode: .server, initialSettings: settings, headerBlockValidation: .disabled))
            try sync.addHandler(HTTP2ViewerHandler(services: services))
        }
    }
}
