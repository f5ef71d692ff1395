import Bucket
import Foundation
import NIOCore
import NIOHTTP1

extension S3API {
    /// One call as an HTTP server would make it: the target split into path and query.
    func call(_ method: HTTPMethod, _ target: String, headers: [(String, String)] = [], body: String? = nil) async -> S3Response {
        await call(method, target, headers: headers, bytes: body.map { Data($0.utf8) })
    }

    func call(_ method: HTTPMethod, _ target: String, headers: [(String, String)] = [], bytes: Data?) async -> S3Response {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        return await handle(
            method: method,
            path: String(parts[0]),
            query: parts.count > 1 ? String(parts[1]) : nil,
            headers: HTTPHeaders(headers),
            body: bytes.map { ByteBuffer(bytes: $0) }
        )
    }
}

/// The text of every `<name>` element in `xml`, in order (enough for S3's flat response documents).
func elements(_ name: String, in xml: String) -> [String] {
    var values: [String] = []
    var rest = xml[...]
    while let open = rest.range(of: "<\(name)>"), let close = rest[open.upperBound...].range(of: "</\(name)>") {
        values.append(String(rest[open.upperBound..<close.lowerBound]))
        rest = rest[close.upperBound...]
    }
    return values
}

/// The `<Key>`s of a listing's `<Contents>` (the `<Prefix>` inside `<CommonPrefixes>` is separate).
func listedKeys(_ xml: String) -> [String] {
    elements("Contents", in: xml).flatMap { elements("Key", in: $0) }
}

func listedPrefixes(_ xml: String) -> [String] {
    elements("CommonPrefixes", in: xml).flatMap { elements("Prefix", in: $0) }
}
