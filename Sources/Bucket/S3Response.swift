import HTTPSemantics
import NIOCore
import NIOHTTP1

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A complete S3 answer: status, headers in S3's order, and the body (nil for HEAD, 304 and empty answers).
///
/// `Content-Length` is always set when the answer has a body or describes one (HEAD); framing beyond that is the
/// transport's business.
public struct S3Response: Sendable {
    public var status: HTTPResponseStatus
    public var headers: HTTPHeaders
    public var body: ByteBuffer?

    public init(status: HTTPResponseStatus, headers: HTTPHeaders, body: ByteBuffer?) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The body as a string, for logs and tests.
    public var bodyText: String { body.map { String(buffer: $0) } ?? "" }
}

/// The identifiers S3 stamps on every response (`x-amz-request-id`, `x-amz-id-2`) and repeats in error bodies.
struct RequestIdentifiers: Sendable {
    /// 16 upper-case hex digits, as S3's request IDs are.
    var requestID: String
    /// The extended request ID: base64, as S3's `x-amz-id-2` is.
    var hostID: String
    /// The response time, for the `Date` header.
    var now: Int

    static func make(now: Int = currentEpochSeconds()) -> Self {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789ABCDEF".utf8)
        var id = UInt64.random(in: .min ... .max, using: &generator)
        var requestID = [UInt8](repeating: 0, count: 16)
        for index in (0..<16).reversed() {
            requestID[index] = digits[Int(id & 0xF)]
            id >>= 4
        }
        var hostBytes: [UInt8] = []
        hostBytes.reserveCapacity(48)
        for _ in 0..<6 { withUnsafeBytes(of: UInt64.random(in: .min ... .max, using: &generator)) { hostBytes.append(contentsOf: $0) } }
        return Self(requestID: String(decoding: requestID, as: UTF8.self), hostID: Base64.encode(hostBytes), now: now)
    }

    /// The headers every S3 response starts with.
    func headers() -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.reserveCapacity(12)
        headers.add(name: "x-amz-id-2", value: hostID)
        headers.add(name: "x-amz-request-id", value: requestID)
        headers.add(name: "Date", value: HTTPDate.format(epochSeconds: now))
        return headers
    }
}

extension S3Response {
    /// The REST error answer: S3's XML error document, or for HEAD the bare status (S3 sends no body to HEAD).
    static func error(_ error: S3Error, ids: RequestIdentifiers, isHead: Bool) -> S3Response {
        .errorDocument(status: error.status, contentType: "application/xml", document: error.xml(ids: ids), ids: ids, isHead: isHead)
    }

    /// An error answer with S3's error header order; HEAD gets the headers without the body.
    static func errorDocument(status: HTTPResponseStatus, contentType: String, document: String, ids: RequestIdentifiers, isHead: Bool) -> S3Response
    {
        var headers = HTTPHeaders()
        headers.add(name: "x-amz-request-id", value: ids.requestID)
        headers.add(name: "x-amz-id-2", value: ids.hostID)
        headers.add(name: "Content-Type", value: contentType)
        var body: ByteBuffer?
        if !isHead {
            headers.add(name: "Content-Length", value: String(document.utf8.count))
            body = ByteBuffer(string: document)
        }
        headers.add(name: "Date", value: HTTPDate.format(epochSeconds: ids.now))
        headers.add(name: "Server", value: "AmazonS3")
        return S3Response(status: status, headers: headers, body: body)
    }

    /// A 200 answer carrying an XML document (listings, multi-object results).
    static func xml(_ document: String, ids: RequestIdentifiers) -> S3Response {
        var headers = ids.headers()
        headers.add(name: "Content-Type", value: "application/xml")
        headers.add(name: "Content-Length", value: String(document.utf8.count))
        headers.add(name: "Server", value: "AmazonS3")
        return S3Response(status: .ok, headers: headers, body: ByteBuffer(string: document))
    }

    /// An answer with no body: S3's replies to writes and deletes.
    static func empty(_ status: HTTPResponseStatus, ids: RequestIdentifiers, extraHeaders: [(String, String)] = []) -> S3Response {
        var headers = ids.headers()
        for (name, value) in extraHeaders { headers.add(name: name, value: value) }
        if status != .noContent { headers.add(name: "Content-Length", value: "0") }
        headers.add(name: "Server", value: "AmazonS3")
        return S3Response(status: status, headers: headers, body: nil)
    }
}

/// Seconds since the epoch, now.
func currentEpochSeconds() -> Int {
    Int(time(nil))
}
