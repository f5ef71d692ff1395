/// A ``Distribution`` as CloudFront's API describes a deployed one (`DistributionConfig` and `DistributionSummary`),
/// with the settings EdgeSim does not simulate at CloudFront's defaults.
struct DistributionView {
    let distribution: Distribution

    /// The children of `<DistributionConfig>`, in the API model's order.
    func writeConfig(into writer: inout XMLWriter) {
        writer.element("CallerReference", "edgesim-" + distribution.id)
        writeAliases(into: &writer)
        writer.element("DefaultRootObject", distribution.defaultRootObject ?? "")
        writeOrigins(into: &writer)
        writeBehaviors(into: &writer)
        writeCustomErrorResponses(into: &writer)
        writer.element("Comment", "")
        writer.group("Logging") { writer in
            writer.element("Enabled", false)
            writer.element("IncludeCookies", false)
            writer.element("Bucket", "")
            writer.element("Prefix", "")
        }
        writer.element("PriceClass", "PriceClass_All")
        writer.element("Enabled", true)
        writeTrailingSettings(into: &writer)
    }

    /// The members of `<DistributionSummary>` after `DomainName`.
    func writeSummary(into writer: inout XMLWriter) {
        writeAliases(into: &writer)
        writeOrigins(into: &writer)
        writeBehaviors(into: &writer)
        writeCustomErrorResponses(into: &writer)
        writer.element("Comment", "")
        writer.element("PriceClass", "PriceClass_All")
        writer.element("Enabled", true)
        writeTrailingSettings(into: &writer)
    }

    /// A stable `E…` version of a configuration, as CloudFront's `ETag`s look.
    static func etag(ofConfig text: String) -> String {
        "E" + code(fromHash: fnv1a(text), length: 13)
    }

    private func writeAliases(into writer: inout XMLWriter) {
        writer.list("Aliases", item: "CNAME", distribution.aliases)
    }

    private func writeOrigins(into writer: inout XMLWriter) {
        writer.list("Origins", distribution.origins) { writer, origin in
            writer.group("Origin") { writer in
                writer.element("Id", origin.id)
                writer.element("DomainName", Self.domainName(of: origin.target))
                writer.element("OriginPath", origin.originPath)
                writer.list("CustomHeaders", origin.customHeaders.sorted { $0.key < $1.key }) { writer, header in
                    writer.group("OriginCustomHeader") { writer in
                        writer.element("HeaderName", header.key)
                        writer.element("HeaderValue", header.value)
                    }
                }
                switch origin.target {
                case .bucket:
                    writer.group("S3OriginConfig") { writer in
                        writer.element("OriginAccessIdentity", "")
                        writer.element("OriginReadTimeout", origin.readTimeout)
                    }
                case .gateway, .http:
                    let (policy, httpPort, httpsPort) = Self.protocolSettings(of: origin.target)
                    writer.group("CustomOriginConfig") { writer in
                        writer.element("HTTPPort", httpPort)
                        writer.element("HTTPSPort", httpsPort)
                        writer.element("OriginProtocolPolicy", policy)
                        writer.list("OriginSslProtocols", item: "SslProtocol", ["TLSv1.2"])
                        writer.element("OriginReadTimeout", origin.readTimeout)
                        writer.element("OriginKeepaliveTimeout", 5)
                    }
                }
                writer.element("ConnectionAttempts", 3)
                writer.element("ConnectionTimeout", origin.connectionTimeout)
                writer.group("OriginShield") { $0.element("Enabled", false) }
                writer.element("OriginAccessControlId", "")
            }
        }
        writer.list("OriginGroups", [String]()) { _, _ in }
    }

    private func writeBehaviors(into writer: inout XMLWriter) {
        writer.group("DefaultCacheBehavior") { writeBehavior(distribution.defaultCacheBehavior, ordered: false, into: &$0) }
        writer.list("CacheBehaviors", distribution.cacheBehaviors) { writer, behavior in
            writer.group("CacheBehavior") { writeBehavior(behavior, ordered: true, into: &$0) }
        }
    }

    private func writeBehavior(_ behavior: CacheBehavior, ordered: Bool, into writer: inout XMLWriter) {
        if ordered { writer.element("PathPattern", behavior.pathPattern.description) }
        writer.element("TargetOriginId", behavior.targetOriginId)
        for signers in ["TrustedSigners", "TrustedKeyGroups"] {
            writer.group(signers) { writer in
                writer.element("Enabled", false)
                writer.element("Quantity", 0)
            }
        }
        writer.element("ViewerProtocolPolicy", behavior.viewerProtocolPolicy.rawValue)
        writer.group("AllowedMethods") { writer in
            let methods = behavior.allowedMethods.methods
            writer.element("Quantity", methods.count)
            writer.group("Items") { writer in
                for method in methods { writer.element("Method", method) }
            }
            writer.list("CachedMethods", item: "Method", behavior.cacheOptions ? ["GET", "HEAD", "OPTIONS"] : ["GET", "HEAD"])
        }
        writer.element("SmoothStreaming", false)
        writer.element("Compress", behavior.compress)
        writer.list("LambdaFunctionAssociations", [String]()) { _, _ in }
        writer.list("FunctionAssociations", [String]()) { _, _ in }
        writer.element("FieldLevelEncryptionId", "")
        writer.element("CachePolicyId", Self.policyID(behavior.cachePolicy.id, name: behavior.cachePolicy.name, kind: "cache"))
        if let policy = behavior.originRequestPolicy {
            writer.element("OriginRequestPolicyId", Self.policyID(policy.id, name: policy.name, kind: "origin-request"))
        }
        if let policy = behavior.responseHeadersPolicy {
            writer.element("ResponseHeadersPolicyId", Self.policyID(policy.id, name: policy.name, kind: "response-headers"))
        }
    }

    private func writeCustomErrorResponses(into writer: inout XMLWriter) {
        writer.list("CustomErrorResponses", distribution.customErrorResponses) { writer, response in
            writer.group("CustomErrorResponse") { writer in
                writer.element("ErrorCode", response.errorCode)
                if let page = response.responsePagePath { writer.element("ResponsePagePath", page) }
                if let code = response.responseCode { writer.element("ResponseCode", String(code)) }
                writer.element("ErrorCachingMinTTL", response.errorCachingMinTTL)
            }
        }
    }

    /// From `ViewerCertificate` to `Staging`, common to the configuration and the summary.
    private func writeTrailingSettings(into writer: inout XMLWriter) {
        writer.group("ViewerCertificate") { writer in
            writer.element("CloudFrontDefaultCertificate", true)
            writer.element("SSLSupportMethod", "vip")
            writer.element("MinimumProtocolVersion", "TLSv1")
            writer.element("CertificateSource", "cloudfront")
        }
        writer.group("Restrictions") { writer in
            writer.group("GeoRestriction") { writer in
                writer.element("RestrictionType", "none")
                writer.element("Quantity", 0)
            }
        }
        writer.element("WebACLId", "")
        writer.element("HttpVersion", "http2")
        writer.element("IsIPV6Enabled", true)
        writer.element("Staging", false)
    }

    /// Where an origin would live on AWS: the bucket's S3 endpoint, the API's execute-api host, the URL's host.
    static func domainName(of target: OriginDefinition.Target) -> String {
        switch target {
        case .bucket(let name): name + ".s3.us-east-1.amazonaws.com"
        case .gateway(let name): name + ".execute-api.us-east-1.amazonaws.com"
        case .http(let url): String(hostAndPort(url).host)
        }
    }

    /// A custom origin's `OriginProtocolPolicy` and ports.
    static func protocolSettings(of target: OriginDefinition.Target) -> (policy: String, httpPort: Int, httpsPort: Int) {
        guard case .http(let url) = target else { return ("https-only", 80, 443) }
        let (_, port) = hostAndPort(url)
        if url.hasPrefix("https://") { return ("https-only", 80, port ?? 443) }
        return ("http-only", port ?? 80, 443)
    }

    private static func hostAndPort(_ url: String) -> (host: Substring, port: Int?) {
        var rest = url[...]
        if let colon = rest.firstIndex(of: ":"), rest[colon...].hasPrefix("://") { rest = rest[colon...].dropFirst(3) }
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            let port = rest[rest.index(after: close)...].dropFirst()
            return (rest[...close], Int(port))
        }
        if let colon = rest.lastIndex(of: ":") { return (rest[..<colon], Int(rest[rest.index(after: colon)...])) }
        return (rest, nil)
    }

    /// A managed policy's id, or for a custom one (which has none in the stack file) a stable UUID made from its name.
    static func policyID(_ id: String, name: String, kind: String) -> String {
        guard id.isEmpty else { return id }
        let high = fnv1a(kind + ":" + name)
        let low = fnv1a(name + ":" + kind)
        let hex = hexDigits(high) + hexDigits(low)
        let characters = Array(hex)
        return String(characters[0..<8]) + "-" + String(characters[8..<12]) + "-" + String(characters[12..<16]) + "-"
            + String(characters[16..<20]) + "-" + String(characters[20..<32])
    }

    private static func hexDigits(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }

    private static func code(fromHash hash: UInt64, length: Int) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var value = hash
        var result = ""
        for _ in 0..<length {
            result.append(alphabet[Int(value % 36)])
            value = value / 36 &+ (value &* 31)
        }
        return result
    }
}
