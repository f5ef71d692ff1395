import AWSXML
import HTTPSemantics
import NIOCore
import NIOHTTP1

/// The subset of S3's REST API that `aws s3 ls/cp/sync/rm`, `aws s3api` and boto3 need, over a set of folder buckets.
///
/// Requests are path-style (`/<bucket>/<key>`), as SDKs send them to an `--endpoint-url` that is an IP address;
/// virtual-hosted requests (`Host: <bucket>.localhost`) are accepted too. The caller is the buckets' owner, so a
/// missing key is `404 NoSuchKey`. Signatures are not checked: any credentials are accepted.
///
/// Operations: ListBuckets, HeadBucket, GetBucketLocation, ListObjects, ListObjectsV2, GetObject, HeadObject,
/// PutObject (with `aws-chunked` bodies, Content-MD5 and checksums checked), CopyObject, DeleteObject,
/// DeleteObjects, and multipart uploads (Create, UploadPart, Complete, Abort). Others answer `501 NotImplemented`.
public struct S3API: Sendable {
    /// Settings of the API.
    public struct Configuration: Sendable, Equatable {
        /// The region reported by GetBucketLocation and HeadBucket.
        public var region: String

        public init(region: String = "us-east-1") {
            self.region = region
        }
    }

    public let configuration: Configuration
    let buckets: [String: FolderBucket]
    let uploads: MultipartUploads

    /// Serves `buckets` by name. A later bucket with the same name as an earlier one replaces it.
    public init(buckets: [FolderBucket], configuration: Configuration = .init()) {
        self.buckets = Dictionary(buckets.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        self.configuration = configuration
        self.uploads = MultipartUploads()
    }

    /// Answers one request.
    ///
    /// - Parameters:
    ///   - path: the request target's path as received (percent-encoded), without the query.
    ///   - query: the query string without `?`, or nil.
    ///   - body: the request body, nil or empty when there is none.
    public func handle(method: HTTPMethod, path: String, query: String?, headers: HTTPHeaders, body: ByteBuffer?) async -> S3Response {
        let ids = RequestIdentifiers.make()
        let query = QueryParameters(query)
        let isHead = method == .HEAD
        let (bucketName, keyPath) = route(path: path, host: headers.first(name: "Host"))
        guard let bucketName else {
            guard method == .GET || isHead else { return .error(.methodNotAllowed(method, resourceType: "SERVICE"), ids: ids, isHead: isHead) }
            return listBuckets(ids: ids, isHead: isHead)
        }
        guard let bucket = buckets[bucketName] else {
            if method == .PUT && keyPath == nil && query.pairs.isEmpty {
                return .error(.notImplemented(operation: "CreateBucket", advice: "add the bucket's folder to edgesim.yml"), ids: ids, isHead: false)
            }
            return .error(.noSuchBucket(bucketName), ids: ids, isHead: isHead)
        }
        let request = Request(bucket: bucket, method: method, query: query, headers: headers, body: body ?? ByteBuffer(), ids: ids)
        guard let keyPath else { return await handleBucket(request) }
        guard let key = ObjectKey(requestPath: keyPath) else {
            return invalidKeyResponse(request, keyText: ObjectKey.decodedPath(keyPath) ?? keyPath)
        }
        return await handleObject(request, key: key)
    }

    /// One request, once its bucket is known.
    struct Request: Sendable {
        var bucket: FolderBucket
        var method: HTTPMethod
        var query: QueryParameters
        var headers: HTTPHeaders
        var body: ByteBuffer
        var ids: RequestIdentifiers
        var isHead: Bool { method == .HEAD }
    }

    /// The bucket name and the percent-encoded key path (`/key`), or nil parts for the service and bucket levels.
    private func route(path: String, host: String?) -> (bucket: String?, keyPath: String?) {
        if let bucket = virtualHostedBucket(host) {
            let utf8 = path.utf8
            return (bucket, utf8.count <= 1 ? nil : path)
        }
        let trimmed = path.utf8.first == UInt8(ascii: "/") ? path.dropFirst() : path[...]
        guard !trimmed.isEmpty else { return (nil, nil) }
        guard let slash = trimmed.firstIndex(of: "/") else { return (String(trimmed), nil) }
        let keyPath = trimmed[slash...]
        return (String(trimmed[..<slash]), keyPath.count <= 1 ? nil : String(keyPath))
    }

    /// `Host: site.localhost:4566` names the bucket `site` when `site` is one of ours and the host is not an IP address.
    private func virtualHostedBucket(_ host: String?) -> String? {
        guard let host else { return nil }
        let name = host.split(separator: ":", maxSplits: 1).first ?? ""
        guard let dot = name.firstIndex(of: "."), !name.allSatisfy({ $0.isNumber || $0 == "." }) else { return nil }
        let label = String(name[..<dot])
        return buckets[label] == nil ? nil : label
    }

    private func handleBucket(_ request: Request) async -> S3Response {
        let query = request.query
        switch request.method {
        case .GET:
            if query.contains("location") { return bucketLocation(request) }
            if let unsupported = Self.unsupportedBucketSubresources.first(where: query.contains) {
                return .error(.notImplemented(operation: "?\(unsupported) on a bucket", advice: nil), ids: request.ids, isHead: false)
            }
            do throws(S3Error) {
                let version: ListObjectsRequest.Version
                switch query["list-type"] {
                case nil: version = .v1
                case "2": version = .v2
                case let other?: throw .invalidArgument("Invalid List Type specified in Request", name: "list-type", value: other)
                }
                let listing = try ListObjectsRequest(version: version, bucket: request.bucket.name, query: query)
                return await Self.listObjects(listing, in: request.bucket, ids: request.ids)
            } catch {
                return .error(error, ids: request.ids, isHead: false)
            }
        case .HEAD:
            return .empty(.ok, ids: request.ids, extraHeaders: [("x-amz-bucket-region", configuration.region), ("Content-Type", "application/xml")])
        case .POST where query.contains("delete"):
            return await deleteObjects(request)
        case .PUT where query.pairs.isEmpty:
            return .error(.bucketAlreadyOwnedByYou(request.bucket.name), ids: request.ids, isHead: false)
        case .PUT, .DELETE:
            return .error(.notImplemented(operation: "\(request.method.rawValue) on a bucket", advice: nil), ids: request.ids, isHead: false)
        default:
            return .error(.methodNotAllowed(request.method, resourceType: "BUCKET"), ids: request.ids, isHead: request.isHead)
        }
    }

    private func handleObject(_ request: Request, key: ObjectKey) async -> S3Response {
        let query = request.query
        switch request.method {
        case .GET, .HEAD:
            if let unsupported = Self.unsupportedObjectSubresources.first(where: query.contains) {
                return .error(.notImplemented(operation: "?\(unsupported) on an object", advice: nil), ids: request.ids, isHead: request.isHead)
            }
            let endpoint = BucketEndpoint(bucket: request.bucket, configuration: .init(missingKeyStatus: .noSuchKey))
            let overrides = Self.responseHeaderOverrides.compactMap { parameter, header in query[parameter].map { (header, $0) } }
            return await endpoint.objectResponse(
                key,
                isHead: request.isHead,
                headers: request.headers,
                ids: request.ids,
                missing: .noSuchKey(key.rawValue),
                overrides: overrides
            )
        case .PUT:
            if let uploadID = query["uploadId"] { return await uploadPart(request, key: key, uploadID: uploadID) }
            if request.headers.contains(name: "x-amz-copy-source") { return await copyObject(request, key: key) }
            return await putObject(request, key: key)
        case .DELETE:
            if let uploadID = query["uploadId"] { return await abortMultipartUpload(request, uploadID: uploadID) }
            return await deleteObject(request, key: key)
        case .POST:
            if query.contains("uploads") { return await createMultipartUpload(request, key: key) }
            if let uploadID = query["uploadId"] { return await completeMultipartUpload(request, key: key, uploadID: uploadID) }
            return .error(.methodNotAllowed(request.method, resourceType: "OBJECT"), ids: request.ids, isHead: false)
        default:
            return .error(.methodNotAllowed(request.method, resourceType: "OBJECT"), ids: request.ids, isHead: request.isHead)
        }
    }

    /// A key that no file can hold: reads and deletes answer as for a key that does not exist; writes are refused.
    private func invalidKeyResponse(_ request: Request, keyText: String) -> S3Response {
        switch request.method {
        case .GET, .HEAD:
            return .error(.noSuchKey(keyText), ids: request.ids, isHead: request.isHead)
        case .DELETE:
            return .empty(.noContent, ids: request.ids)
        default:
            let problem = "keys whose segments are empty, '.', '..', longer than 255 bytes, or hold '\\' or NUL do not name a file"
            return .error(
                .invalidArgument("Object key '\(keyText)' cannot be stored in a folder bucket: \(problem).", name: "key", value: keyText),
                ids: request.ids,
                isHead: false
            )
        }
    }

    private func bucketLocation(_ request: Request) -> S3Response {
        let namespace = #"xmlns="http://s3.amazonaws.com/doc/2006-03-01/""#
        var document = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        // us-east-1 is reported as an empty LocationConstraint, for historical reasons.
        if configuration.region == "us-east-1" {
            document += "<LocationConstraint " + namespace + "/>"
        } else {
            document += "<LocationConstraint " + namespace + ">" + XML.escaped(configuration.region) + "</LocationConstraint>"
        }
        return .xml(document, ids: request.ids)
    }

    private func listBuckets(ids: RequestIdentifiers, isHead: Bool) -> S3Response {
        var document = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        document += #"<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">"# + Self.ownerXML + "<Buckets>"
        for bucket in buckets.values.sorted(by: { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }) {
            document += "<Bucket><Name>" + bucket.name + "</Name><CreationDate>" + ISO8601Timestamp.format(epochSeconds: bucket.creationDate)
            document += "</CreationDate></Bucket>"
        }
        document += "</Buckets></ListAllMyBucketsResult>"
        var response = S3Response.xml(document, ids: ids)
        if isHead { response.body = nil }
        return response
    }

    /// The owner every object and bucket reports: one local account.
    static let ownerXML = "<Owner><ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID><DisplayName>webfile</DisplayName></Owner>"

    /// GetObject's `response-*` parameters and the headers they set.
    private static let responseHeaderOverrides = [
        ("response-content-type", "Content-Type"), ("response-content-language", "Content-Language"),
        ("response-expires", "Expires"), ("response-cache-control", "Cache-Control"),
        ("response-content-disposition", "Content-Disposition"), ("response-content-encoding", "Content-Encoding"),
    ]

    private static let unsupportedBucketSubresources = [
        "accelerate", "acl", "analytics", "cors", "encryption", "intelligent-tiering", "inventory", "lifecycle", "logging",
        "metrics", "notification", "object-lock", "ownershipControls", "policy", "policyStatus", "publicAccessBlock",
        "replication", "requestPayment", "tagging", "uploads", "versioning", "versions", "website",
    ]

    private static let unsupportedObjectSubresources = [
        "acl", "attributes", "legal-hold", "restore", "retention", "select", "tagging", "torrent", "uploadId",
    ]
}
