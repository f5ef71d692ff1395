import Gateway
import NIOCore
import NIOHTTP1

/// The gateway's custom domain names (`api.edgesim.test`), which viewers reach directly, not through a
/// distribution: API Gateway answers them itself, with no CloudFront headers and nothing cached.
struct APIDomains: Sendable {
    let gateway: Gateway
    /// Lower-cased host names, without port.
    let hosts: Set<String>

    init?(gateway: Gateway?, hosts: [String]) {
        guard let gateway, !hosts.isEmpty else { return nil }
        self.gateway = gateway
        self.hosts = Set(hosts.map { $0.lowercased() })
    }

    /// The host name of `Host` when it is one of the gateway's domains.
    func domain(of head: HTTPRequestHead) -> String? {
        guard let host = head.headers.first(name: "host") else { return nil }
        var name = Substring(host)
        if let colon = name.lastIndex(of: ":"), !name.hasSuffix("]") { name = name[..<colon] }
        let lowered = name.lowercased()
        return hosts.contains(lowered) ? lowered : nil
    }

    func respond(to head: HTTPRequestHead, host: String, body: ByteBuffer?, clientAddress: String) async -> APIResponse {
        let target = head.uri
        let mark = target.firstIndex(of: "?")
        return await gateway.handle(
            APIRequest(
                method: head.method,
                rawPath: String(target[..<(mark ?? target.endIndex)]),
                rawQuery: mark.map { String(target[target.index(after: $0)...]) } ?? "",
                headers: head.headers,
                body: body ?? ByteBuffer(),
                sourceIP: clientAddress,
                host: host,
                arrival: .customDomain
            )
        )
    }
}
