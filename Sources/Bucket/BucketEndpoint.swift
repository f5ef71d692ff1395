import NIOCore
import NIOHTTP1

/// A bucket as an origin sees it: S3's REST endpoint (behind origin access control), or its website endpoint.
///
/// This is what CloudFront talks to. GET and HEAD of objects carry S3's headers, conditionals (§2.5) and ranges
/// (§2.6); errors are S3's XML (REST, §2.7) or HTML pages (website, §2.2).
public struct BucketEndpoint: Sendable {
    /// How the endpoint answers.
    public struct Configuration: Sendable, Equatable {
        /// The answer for a key that does not exist (aws-behaviour §2.3).
        public var missingKeyStatus: MissingKeyStatus
        /// Website hosting (index and error documents, HTML errors); nil for the REST endpoint.
        public var website: WebsiteConfiguration?
        /// Whether a 416 carries `Content-Range: bytes */<size>` (unconfirmed for S3, aws-behaviour §8).
        public var contentRangeOnUnsatisfiableRange: Bool

        public init(
            missingKeyStatus: MissingKeyStatus = .accessDenied,
            website: WebsiteConfiguration? = nil,
            contentRangeOnUnsatisfiableRange: Bool = false
        ) {
            self.missingKeyStatus = missingKeyStatus
            self.website = website
            self.contentRangeOnUnsatisfiableRange = contentRangeOnUnsatisfiableRange
        }
    }

    public let bucket: FolderBucket
    public let configuration: Configuration

    public init(bucket: FolderBucket, configuration: Configuration = .init()) {
        self.bucket = bucket
        self.configuration = configuration
    }

    /// Answers one request as S3 would.
    ///
    /// - Parameters:
    ///   - path: the request target's path as received, still percent-encoded, without the query; the key is this
    ///     path without its leading `/`, decoded exactly once.
    ///   - headers: the request headers (conditionals, `Range`, `Origin`).
    public func respond(method: HTTPMethod, path: String, headers: HTTPHeaders) async -> S3Response {
        let ids = RequestIdentifiers.make()
        if let website = configuration.website {
            return await respondAsWebsite(website, method: method, path: path, headers: headers, ids: ids)
        }
        switch method {
        case .GET, .HEAD:
            guard let key = ObjectKey(requestPath: path) else {
                if ObjectKey.decodedPath(path) == "" && configuration.missingKeyStatus == .noSuchKey {
                    return await listRoot(isHead: method == .HEAD, ids: ids)
                }
                return .error(missingKeyError(ObjectKey.decodedPath(path) ?? ""), ids: ids, isHead: method == .HEAD)
            }
            return await objectResponse(key, isHead: method == .HEAD, headers: headers, ids: ids, missing: missingKeyError(key.rawValue))
        case .OPTIONS:
            return .error(Self.corsRefusal(headers), ids: ids, isHead: false)
        case .PUT, .DELETE:
            // Origin access control signs these, but the bucket policy grants the distribution only s3:GetObject.
            return .error(.accessDenied, ids: ids, isHead: false)
        default:
            return .error(.methodNotAllowed(method, resourceType: "OBJECT"), ids: ids, isHead: false)
        }
    }

    /// The REST answer to a GET or HEAD of `key`, with `missing` for a key that does not exist.
    func objectResponse(
        _ key: ObjectKey,
        isHead: Bool,
        headers: HTTPHeaders,
        ids: RequestIdentifiers,
        missing: S3Error,
        overrides: [(String, String)] = []
    ) async -> S3Response {
        let request = ObjectRequest(isHead: isHead, headers: headers, now: ids.now)
        do {
            switch try await bucket.fetch(key, for: request) {
            case .found(let object):
                return .object(object, ids: ids, overrides: overrides)
            case .notModified(let metadata):
                return .notModified(metadata, ids: ids)
            case .failed(let error):
                var response = S3Response.error(error, ids: ids, isHead: isHead)
                addContentRange(to: &response, for: error)
                return response
            case .missing:
                return .error(missing, ids: ids, isHead: isHead)
            }
        } catch {
            return .error(.from(error, key: key.rawValue), ids: ids, isHead: isHead)
        }
    }

    func addContentRange(to response: inout S3Response, for error: S3Error) {
        guard configuration.contentRangeOnUnsatisfiableRange, error.code == "InvalidRange",
            let size = error.details.first(where: { $0.name == "ActualObjectSize" })?.value
        else { return }
        response.headers.add(name: "Content-Range", value: "bytes */\(size)")
    }

    func missingKeyError(_ key: String) -> S3Error {
        switch configuration.missingKeyStatus {
        case .accessDenied: .accessDenied
        case .noSuchKey: .noSuchKey(key)
        }
    }

    /// GET `/` on a REST endpoint whose caller may list the bucket: the ListObjects result (aws-behaviour §1.9).
    private func listRoot(isHead: Bool, ids: RequestIdentifiers) async -> S3Response {
        let listing = ListObjectsRequest(version: .v1, bucket: bucket.name)
        let response = await S3API.listObjects(listing, in: bucket, ids: ids)
        guard isHead else { return response }
        return S3Response(status: response.status, headers: response.headers, body: nil)
    }

    /// S3's answer to a CORS preflight on a bucket without a CORS configuration (aws-behaviour §2.9).
    static func corsRefusal(_ headers: HTTPHeaders) -> S3Error {
        guard headers.contains(name: "Origin") else {
            return S3Error(status: .badRequest, code: "BadRequest", message: "Insufficient information. Origin request header needed.")
        }
        return S3Error(
            status: .forbidden,
            code: "AccessForbidden",
            message: "CORSResponse: CORS is not enabled for this bucket.",
            details: [
                .init(name: "Method", value: headers.first(name: "Access-Control-Request-Method") ?? ""),
                .init(name: "ResourceType", value: "BUCKET"),
            ]
        )
    }
}

/// How S3 answers a GET or HEAD of a key that does not exist (aws-behaviour §2.3).
public enum MissingKeyStatus: String, Sendable, Equatable, CaseIterable {
    /// `403 AccessDenied`: the caller lacks `s3:ListBucket`, as with CloudFront origin access control (the default).
    case accessDenied
    /// `404 NoSuchKey`: the caller may list the bucket.
    case noSuchKey
}

/// An S3 website configuration's index and error documents (aws-behaviour §2.2).
public struct WebsiteConfiguration: Sendable, Equatable {
    /// `IndexDocument.Suffix`: served for `/` and every key ending in `/`; case-sensitive.
    public var indexDocument: String
    /// `ErrorDocument.Key`: served with the original status for 4xx errors; nil for S3's default HTML page.
    public var errorDocument: String?

    public init(indexDocument: String = "index.html", errorDocument: String? = nil) {
        self.indexDocument = indexDocument
        self.errorDocument = errorDocument
    }
}
