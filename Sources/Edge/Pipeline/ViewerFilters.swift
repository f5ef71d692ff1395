import HTTPSemantics
import NIOCore
import NIOHTTP1

/// Conditional requests and ranges towards the viewer, applied once on the way out to whatever the edge answers
/// with (a hit, a miss or a refreshed object), like nginx's not-modified and range filters. They run before a HEAD
/// response drops its body, so lengths come from the stored body.
enum ViewerFilters {
    static func apply(to response: inout EdgeResponse, request: ViewerRequest, now: Int) {
        guard response.status == .ok, request.method == .GET || request.method == .HEAD else { return }
        let conditional = ConditionalHeaders(
            ifMatch: nil,
            ifNoneMatch: request.headers.first(name: "if-none-match"),
            ifModifiedSince: request.headers.first(name: "if-modified-since"),
            ifUnmodifiedSince: nil
        )
        if conditional.ifNoneMatch != nil || conditional.ifModifiedSince != nil {
            let outcome = Conditional.evaluate(
                conditional,
                isGetOrHead: true,
                etag: response.headers.first(name: "etag"),
                lastModified: response.headers.first(name: "last-modified").flatMap { HTTPDate.parse($0) },
                now: now
            )
            if outcome == .notModified {
                notModified(&response)
                return
            }
        }
        guard let range = request.headers.first(name: "range"), let body = response.body else { return }
        let length = body.readableBytes
        switch ByteRange.evaluate(range, length: length) {
        case .whole:
            return
        case .partial(let first, let last):
            response.status = .partialContent
            response.headers.replaceOrAdd(name: "content-range", value: "bytes \(first)-\(last)/\(length)")
            response.headers.replaceOrAdd(name: "content-length", value: String(last - first + 1))
            response.body = body.getSlice(at: body.readerIndex + first, length: last - first + 1)
        case .unsatisfiable:
            response.status = .rangeNotSatisfiable
            response.headers.replaceOrAdd(name: "content-range", value: "bytes */\(length)")
            response.headers.replaceOrAdd(name: "content-length", value: "0")
            response.headers.remove(name: "content-type")
            response.body = nil
        }
    }

    /// A 304 keeps the validators and caching headers and drops the representation (RFC 9110 §15.4.5).
    private static func notModified(_ response: inout EdgeResponse) {
        response.status = .notModified
        for name in ["content-length", "content-type", "content-encoding", "content-range", "accept-ranges"] {
            response.headers.remove(name: name)
        }
        response.body = nil
    }
}
