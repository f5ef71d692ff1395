import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTP1

/// A control-port request in the shape the AWS API handlers take: NIO's method and headers (with `Host`), the
/// percent-encoded path and the query apart, and the whole body.
struct ControlRequest: Sendable {
    var method: NIOHTTP1.HTTPMethod
    /// Percent-encoded, as received.
    var path: String
    /// Without `?`; nil when the target has none.
    var query: String?
    var headers: HTTPHeaders
    var body: ByteBuffer

    /// S3's single-request PUT limit is 5 GiB; the control port keeps bodies in memory, so it stops well short.
    static let maximumBodyBytes = 1 << 30

    init(_ request: Request) async throws {
        method = NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue)
        let target = request.head.path ?? "/"
        if let mark = target.firstIndex(of: "?") {
            path = String(target[..<mark])
            query = String(target[target.index(after: mark)...])
        } else {
            path = target
            query = nil
        }
        var headers = HTTPHeaders()
        headers.reserveCapacity(request.headers.count + 1)
        if let authority = request.head.authority { headers.add(name: "Host", value: authority) }
        for field in request.headers { headers.add(name: field.name.canonicalName, value: field.value) }
        self.headers = headers
        var request = request
        body = try await request.collectBody(upTo: Self.maximumBodyBytes)
    }
}

extension Response {
    /// A response from NIO's status and headers; Hummingbird sets `Content-Length` from the body when absent.
    init(status: HTTPResponseStatus, headers: HTTPHeaders, body: ByteBuffer?) {
        var fields = HTTPFields()
        fields.reserveCapacity(headers.count)
        for (name, value) in headers {
            guard let fieldName = HTTPField.Name(name) else { continue }
            fields.append(HTTPField(name: fieldName, value: value))
        }
        self.init(
            status: HTTPResponse.Status(code: Int(status.code), reasonPhrase: status.reasonPhrase),
            headers: fields,
            body: body.map { ResponseBody(byteBuffer: $0) } ?? ResponseBody()
        )
    }
}
