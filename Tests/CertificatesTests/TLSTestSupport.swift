import Certificates
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
import SwiftASN1
import X509

/// Runs `body` against a TLS server on 127.0.0.1 (a free port) that serves `store`'s configuration, then stops it.
@discardableResult
func withTLSServer<Result>(_ store: Certificates.CertificateStore, _ body: (Int) async throws -> Result) async throws -> Result {
    let context = try NIOSSLContext(configuration: store.makeServerConfiguration())
    let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
        .childChannelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
            }
        }
        .bind(host: "127.0.0.1", port: 0)
        .get()
    do {
        let result = try await body(server.localAddress!.port!)
        try await server.close()
        return result
    } catch {
        try? await server.close()
        throw error
    }
}

/// What a client saw of a completed handshake.
struct Handshake {
    var negotiatedProtocol: String?
    var peerCertificate: Certificate

    var dnsNames: [String] {
        guard let names = try? self.peerCertificate.extensions.subjectAlternativeNames else {
            return []
        }
        return names.compactMap { name in
            if case .dnsName(let dnsName) = name {
                return dnsName
            }
            return nil
        }
    }
}

/// Completes a TLS handshake with swift-nio-ssl as the client, trusting only `roots`.
///
/// - Parameter verifyHostname: check that the certificate covers `serverName` (full verification); otherwise only the
///   chain is checked, for names the server has no certificate for.
func handshake(
    port: Int,
    serverName: String?,
    trusting roots: [Certificate],
    offering protocols: [String] = ["h2", "http/1.1"],
    verifyHostname: Bool = true,
    maximumTLSVersion: TLSVersion? = nil
) async throws -> Handshake {
    var configuration = TLSConfiguration.makeClientConfiguration()
    configuration.trustRoots = .certificates(
        try roots.map { root in
            var serializer = DER.Serializer()
            try serializer.serialize(root)
            return try NIOSSLCertificate(bytes: serializer.serializedBytes, format: .der)
        }
    )
    configuration.maximumTLSVersion = maximumTLSVersion
    configuration.certificateVerification = verifyHostname ? .fullVerification : .noHostnameVerification
    configuration.applicationProtocols = protocols
    let context = try NIOSSLContext(configuration: configuration)

    let group = MultiThreadedEventLoopGroup.singleton
    let completed = group.next().makePromise(of: String?.self)
    let channel = try await ClientBootstrap(group: group)
        .channelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                let tls = try NIOSSLClientHandler(context: context, serverHostname: serverName)
                try channel.pipeline.syncOperations.addHandlers(tls, HandshakeObserver(completed))
            }
        }
        .connect(host: "127.0.0.1", port: port)
        .get()
    do {
        let negotiated = try await completed.futureResult.get()
        let peer = try await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self).peerCertificate?.toDERBytes()
        }.get()
        try await channel.close()
        guard let peer else {
            throw HandshakeFailure.noPeerCertificate
        }
        return Handshake(negotiatedProtocol: negotiated, peerCertificate: try Certificate(derEncoded: peer))
    } catch {
        try? await channel.close()
        throw error
    }
}

enum HandshakeFailure: Error {
    case noPeerCertificate
    case closedBeforeHandshake
}

/// Completes `promise` with the ALPN protocol once the handshake is done, or with the error that ended it.
private final class HandshakeObserver: ChannelInboundHandler {
    typealias InboundIn = Any

    private let promise: EventLoopPromise<String?>
    private var isDone = false

    init(_ promise: EventLoopPromise<String?>) {
        self.promise = promise
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted(let negotiatedProtocol) = event as? TLSUserEvent {
            self.finish(.success(negotiatedProtocol))
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.finish(.failure(error))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.finish(.failure(HandshakeFailure.closedBeforeHandshake))
        context.fireChannelInactive()
    }

    private func finish(_ result: Result<String?, any Error>) {
        guard !self.isDone else {
            return
        }
        self.isDone = true
        self.promise.completeWith(result)
    }
}
