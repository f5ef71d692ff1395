/// A distribution-level rewrite of an error status into a page (aws-behaviour §1.8): the SPA fallback.
public struct CustomErrorResponse: Sendable, Equatable {
    /// Statuses CloudFront lets you map.
    public static let allowedErrorCodes: Set<Int> = [400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504]
    public static let allowedResponseCodes: Set<Int> = allowedErrorCodes.union([200])

    public var errorCode: Int
    /// Starts with `/`; nil means "only change how long the error is cached".
    public var responsePagePath: String?
    public var responseCode: Int?
    public var errorCachingMinTTL: Int

    public init(errorCode: Int, responsePagePath: String? = nil, responseCode: Int? = nil, errorCachingMinTTL: Int = 10) {
        self.errorCode = errorCode
        self.responsePagePath = responsePagePath
        self.responseCode = responseCode
        self.errorCachingMinTTL = errorCachingMinTTL
    }
}
