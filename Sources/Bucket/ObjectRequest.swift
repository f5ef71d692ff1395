import HTTPSemantics
import NIOCore
import NIOHTTP1

/// A GET or HEAD of one object: the conditional and range headers that decide the answer (aws-behaviour §2.5, §2.6).
struct ObjectRequest: Sendable {
    var isHead: Bool
    var conditionals: ConditionalHeaders
    var range: String?
    var now: Int

    init(isHead: Bool, headers: HTTPHeaders, now: Int) {
        self.isHead = isHead
        self.conditionals = ConditionalHeaders(
            ifMatch: Self.joined(headers, "If-Match"),
            ifNoneMatch: Self.joined(headers, "If-None-Match"),
            ifModifiedSince: headers.first(name: "If-Modified-Since"),
            ifUnmodifiedSince: headers.first(name: "If-Unmodified-Since")
        )
        self.range = headers.first(name: "Range")
        self.now = now
    }

    private static func joined(_ headers: HTTPHeaders, _ name: String) -> String? {
        let values = headers[name]
        return values.count <= 1 ? values.first : values.joined(separator: ", ")
    }

    /// What the request gets once the object's metadata is known: conditionals first, then the range, as S3 does.
    enum Decision: Sendable, Equatable {
        case whole
        case partial(ClosedRange<Int>)
        case notModified
        case preconditionFailed(condition: String)
        case unsatisfiable
    }

    func decide(_ metadata: ObjectMetadata) -> Decision {
        let outcome = Conditional.evaluate(
            conditionals,
            isGetOrHead: true,
            etag: metadata.etag,
            lastModified: metadata.lastModified,
            now: now
        )
        switch outcome {
        case .notModified: return .notModified
        case .preconditionFailed(let condition): return .preconditionFailed(condition: condition)
        case .proceed: break
        }
        guard let range else { return .whole }
        switch ByteRange.evaluate(range, length: metadata.size) {
        case .whole: return .whole
        case .partial(let first, let last): return .partial(first...last)
        case .unsatisfiable: return .unsatisfiable
        }
    }

    /// The bytes to read for a decision: none for HEAD and for answers without the object's content.
    func read(for decision: Decision) -> ObjectRead {
        guard !isHead else { return .metadataOnly }
        switch decision {
        case .whole: return .whole
        case .partial(let range): return .bytes(range)
        case .notModified, .preconditionFailed, .unsatisfiable: return .metadataOnly
        }
    }
}

/// How a GET or HEAD of an object turned out, before it is written as a REST answer or a website page.
enum ObjectOutcome: Sendable {
    /// 200 or 206 (when `object.range` is set), body present for GET.
    case found(BucketObject)
    case notModified(ObjectMetadata)
    /// 412 or 416.
    case failed(S3Error)
    /// No object at the key.
    case missing
}

extension FolderBucket {
    /// Looks up `key` and applies the request's conditionals and range, reading only the bytes the answer needs.
    func fetch(_ key: ObjectKey, for request: ObjectRequest) async throws(BucketError) -> ObjectOutcome {
        let object = try await object(forKey: key) { metadata in request.read(for: request.decide(metadata)) }
        guard let object else { return .missing }
        switch request.decide(object.metadata) {
        case .whole:
            return .found(object)
        case .partial(let range):
            // HEAD reads no bytes but still describes the range.
            var partial = object
            partial.range = range
            return .found(partial)
        case .notModified:
            return .notModified(object.metadata)
        case .preconditionFailed(let condition):
            return .failed(.preconditionFailed(condition: condition))
        case .unsatisfiable:
            return .failed(.invalidRange(requested: request.range ?? "", size: object.metadata.size))
        }
    }
}

extension S3Response {
    /// 200 or 206 with the object's headers in S3's order; `overrides` are GetObject's `response-*` header values.
    static func object(_ object: BucketObject, ids: RequestIdentifiers, overrides: [(String, String)] = []) -> S3Response {
        let metadata = object.metadata
        var headers = ids.headers()
        headers.add(name: "Last-Modified", value: metadata.lastModifiedHTTPDate)
        headers.add(name: "ETag", value: metadata.etag)
        headers.add(name: "x-amz-server-side-encryption", value: "AES256")
        headers.add(name: "Accept-Ranges", value: "bytes")
        let length: Int
        if let range = object.range {
            headers.add(name: "Content-Range", value: "bytes \(range.lowerBound)-\(range.upperBound)/\(metadata.size)")
            length = range.count
        } else {
            length = metadata.size
        }
        headers.add(name: "Content-Type", value: metadata.contentType)
        for (name, value) in overrides { headers.replaceOrAdd(name: name, value: value) }
        headers.add(name: "Server", value: "AmazonS3")
        headers.add(name: "Content-Length", value: String(length))
        return S3Response(status: object.range == nil ? .ok : .partialContent, headers: headers, body: object.body)
    }

    /// 304: the validators and no body.
    static func notModified(_ metadata: ObjectMetadata, ids: RequestIdentifiers) -> S3Response {
        var headers = ids.headers()
        headers.add(name: "Last-Modified", value: metadata.lastModifiedHTTPDate)
        headers.add(name: "ETag", value: metadata.etag)
        headers.add(name: "x-amz-server-side-encryption", value: "AES256")
        headers.add(name: "Server", value: "AmazonS3")
        return S3Response(status: .notModified, headers: headers, body: nil)
    }
}
