import Edge
import NIOHPACK
import NIOHTTP1

extension HTTPRequestHead {
    /// A request head from an HTTP/2 header block (RFC 9113 §8.3.1): `:method`, `:scheme` and `:path` required,
    /// `:authority` becoming `Host` when there is none. Nil for a malformed request (§8.2): upper-case field names,
    /// connection-specific fields, `TE` other than `trailers`, pseudo-fields after regular ones or unknown.
    /// `NIOHTTP2Handler` runs without its own header validation (see `ViewerListener.configureHTTP2`), so these
    /// checks are the inbound half of it.
    init?(http2Block block: HPACKHeaders) {
        var method: String?
        var path: String?
        var authority: String?
        var hasScheme = false
        var headers = HTTPHeaders()
        headers.reserveCapacity(block.count)
        for (name, value, _) in block {
            guard name.utf8.first == UInt8(ascii: ":") else {
                if HTTP1Bytes.hasUpperCase(name) { return nil }
                if HTTP2ViewerHandler.isConnectionSpecific(name) { return nil }
                if name == "te", value != "trailers" { return nil }
                headers.add(name: name, value: value)
                continue
            }
            guard headers.isEmpty else { return nil }
            switch name {
            case ":method": method = value
            case ":path": path = value
            case ":authority": authority = value
            case ":scheme": hasScheme = true
            default: return nil
            }
        }
        guard let method, let path, hasScheme, !path.isEmpty else { return nil }
        if let authority, !headers.contains(name: "host") {
            headers.replaceOrAdd(name: "host", value: authority)
        }
        self.init(version: .http2, method: HTTPMethod(rawValue: method), uri: path, headers: headers)
    }
}
