import NIOSSL

extension CertificateStore {
    /// HTTP/2 first, so that a client offering both gets it, as CloudFront negotiates.
    public static let applicationProtocols = ["h2", "http/1.1"]

    /// A server `TLSConfiguration` that presents the certificate ``certificate(forServerName:)`` picks and offers
    /// `applicationProtocols` by ALPN.
    ///
    /// Build one `NIOSSLContext` from it at start and share it across connections. In swift-nio-ssl 2.37 the
    /// `sslContextCallback` does not swap the connection's `SSL_CTX`: it returns an override that sets the chosen
    /// certificate chain and key on the connection, while ALPN is still answered from this configuration's context.
    /// That is why the ALPN list lives here and not per certificate. The overrides hold certificates and keys parsed
    /// when the store was built, so a handshake parses nothing.
    public func makeServerConfiguration(
        applicationProtocols: [String] = CertificateStore.applicationProtocols,
        minimumTLSVersion: TLSVersion = .tlsv12
    ) -> TLSConfiguration {
        let fallback = self.entries[0]
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: fallback.chain.map { .certificate($0) },
            privateKey: .privateKey(fallback.privateKey)
        )
        configuration.minimumTLSVersion = minimumTLSVersion
        configuration.applicationProtocols = applicationProtocols
        configuration.sslContextCallback = { [self] clientHello, promise in
            promise.succeed(self.entries[self.entryIndex(forServerName: clientHello.serverHostname)].override)
        }
        return configuration
    }
}
