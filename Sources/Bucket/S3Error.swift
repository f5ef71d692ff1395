import AWSXML
import NIOHTTP1

/// One of S3's REST errors: status, code, message and the extra elements S3 puts in its error document.
struct S3Error: Error, Sendable, Equatable {
    var status: HTTPResponseStatus
    var code: String
    var message: String
    /// Extra elements in S3's order, between `<Message>` and `<RequestId>` (for example `<Key>`).
    var details: [Detail] = []

    struct Detail: Sendable, Equatable {
        var name: String
        var value: String
    }

    /// `<?xml …?>` and the `<Error>` element exactly as S3 writes them (aws-behaviour §2.7).
    func xml(ids: RequestIdentifiers) -> String {
        var document = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n<Error><Code>" + code + "</Code><Message>"
        document += XML.escaped(message) + "</Message>"
        for detail in details { document += "<" + detail.name + ">" + XML.escaped(detail.value) + "</" + detail.name + ">" }
        document += "<RequestId>" + ids.requestID + "</RequestId><HostId>" + ids.hostID + "</HostId></Error>"
        return document
    }

    static func noSuchKey(_ key: String) -> Self {
        Self(status: .notFound, code: "NoSuchKey", message: "The specified key does not exist.", details: [.init(name: "Key", value: key)])
    }

    static let accessDenied = Self(status: .forbidden, code: "AccessDenied", message: "Access Denied")

    static func noSuchBucket(_ name: String) -> Self {
        Self(
            status: .notFound,
            code: "NoSuchBucket",
            message: "The specified bucket does not exist",
            details: [.init(name: "BucketName", value: name)]
        )
    }

    static func invalidRange(requested: String, size: Int) -> Self {
        Self(
            status: .rangeNotSatisfiable,
            code: "InvalidRange",
            message: "The requested range is not satisfiable",
            details: [.init(name: "RangeRequested", value: requested), .init(name: "ActualObjectSize", value: String(size))]
        )
    }

    static func preconditionFailed(condition: String) -> Self {
        Self(
            status: .preconditionFailed,
            code: "PreconditionFailed",
            message: "At least one of the pre-conditions you specified did not hold",
            details: [.init(name: "Condition", value: condition)]
        )
    }

    static func methodNotAllowed(_ method: HTTPMethod, resourceType: String) -> Self {
        Self(
            status: .methodNotAllowed,
            code: "MethodNotAllowed",
            message: "The specified method is not allowed against this resource.",
            details: [.init(name: "Method", value: method.rawValue), .init(name: "ResourceType", value: resourceType)]
        )
    }

    static let internalError = Self(
        status: .internalServerError,
        code: "InternalError",
        message: "We encountered an internal error. Please try again."
    )

    static func badDigest(expected: String, calculated: String) -> Self {
        Self(
            status: .badRequest,
            code: "BadDigest",
            message: "The Content-MD5 you specified did not match what we received.",
            details: [.init(name: "ExpectedDigest", value: expected), .init(name: "CalculatedDigest", value: calculated)]
        )
    }

    static func badChecksum(algorithm: String) -> Self {
        Self(status: .badRequest, code: "BadDigest", message: "The \(algorithm) you specified did not match the calculated checksum.")
    }

    static let invalidDigest = Self(status: .badRequest, code: "InvalidDigest", message: "The Content-MD5 you specified was invalid.")

    static func contentSHA256Mismatch(client: String, computed: String) -> Self {
        Self(
            status: .badRequest,
            code: "XAmzContentSHA256Mismatch",
            message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
            details: [.init(name: "ClientComputedContentSHA256", value: client), .init(name: "S3ComputedContentSHA256", value: computed)]
        )
    }

    static let incompleteBody = Self(
        status: .badRequest,
        code: "IncompleteBody",
        message: "You did not provide the number of bytes specified by the Content-Length HTTP header"
    )

    static let malformedXML = Self(
        status: .badRequest,
        code: "MalformedXML",
        message: "The XML you provided was not well-formed or did not validate against our published schema"
    )

    static func invalidArgument(_ message: String, name: String, value: String) -> Self {
        Self(
            status: .badRequest,
            code: "InvalidArgument",
            message: message,
            details: [.init(name: "ArgumentName", value: name), .init(name: "ArgumentValue", value: value)]
        )
    }

    static func invalidRequest(_ message: String) -> Self {
        Self(status: .badRequest, code: "InvalidRequest", message: message)
    }

    /// S3's 501 for a request EdgeSim's S3 API does not serve, saying which and what to do instead.
    static func notImplemented(operation: String, advice: String?) -> Self {
        var message = "EdgeSim's S3 API does not implement \(operation)"
        if let advice { message += "; " + advice }
        return Self(status: .notImplemented, code: "NotImplemented", message: message + ".")
    }

    static func bucketAlreadyOwnedByYou(_ name: String) -> Self {
        Self(
            status: .conflict,
            code: "BucketAlreadyOwnedByYou",
            message: "Your previous request to create the named bucket succeeded and you already own it.",
            details: [.init(name: "BucketName", value: name)]
        )
    }

    static func noSuchUpload(_ uploadID: String) -> Self {
        Self(
            status: .notFound,
            code: "NoSuchUpload",
            message: "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
            details: [.init(name: "UploadId", value: uploadID)]
        )
    }

    static let invalidPart = Self(
        status: .badRequest,
        code: "InvalidPart",
        message:
            "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag."
    )

    static let invalidPartOrder = Self(
        status: .badRequest,
        code: "InvalidPartOrder",
        message: "The list of parts was not in ascending order. Parts must be ordered by part number."
    )

    static let entityTooSmall = Self(
        status: .badRequest,
        code: "EntityTooSmall",
        message: "Your proposed upload is smaller than the minimum allowed object size."
    )

    /// A key S3 would accept but a folder cannot hold (a file where the key needs a folder, or the reverse).
    static func keyNotStorable(_ error: BucketError, key: String) -> Self {
        .invalidArgument(error.description, name: "key", value: key)
    }

    /// The answer to a bucket I/O failure: 403 for files the OS will not let EdgeSim read, else S3's InternalError.
    static func from(_ error: BucketError, key: String) -> Self {
        if error.isPermissionDenied { return .accessDenied }
        if error.isKeyNotStorable { return .keyNotStorable(error, key: key) }
        return .internalError
    }
}
