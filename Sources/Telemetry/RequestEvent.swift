/// One viewer request as the edge classified it: what statistics, metrics and access logs are made of.
///
/// Built once per response on the event loop, so every field is a value the edge already holds: strings that
/// are already stored (the request target, header values, the distribution's domain), integers and doubles.
/// Nothing is formatted here; ``AccessLogWriter`` splits, encodes and prints on its own thread.
/// Optional fields are `nil` when there is nothing to log (the access log prints `-`).
public struct RequestEvent: Sendable {
    // MARK: When and where

    /// Epoch seconds when the request arrived. The access log's `date` and `time` are the moment the response
    /// ended (`time + durationSeconds`, UTC), as CloudFront logs them.
    public var time: Double
    /// `x-edge-location`: the POP code, like `IAD89-P1`.
    public var pop: String
    /// Which cache tier answered (the viewer-facing POP, or the regional edge cache behind it).
    public var tier: Tier

    // MARK: Which distribution and behaviour

    /// The distribution's id; `nil` when the Host matched none (CloudFront's "Bad request." page).
    public var distributionID: String?
    /// `cs(Host)`: the distribution's own domain, `d111111abcdef8.cloudfront.net`.
    public var distributionDomain: String?
    /// The path pattern of the cache behaviour that matched (`/api/*`, or `*` for the default behaviour).
    public var behaviorPathPattern: String?

    // MARK: The request

    /// `cs-method`.
    public var method: String
    /// `x-host-header`: the Host the viewer sent (an alias such as `app.example.com`).
    public var host: String
    /// The request target as received: path and query (`/shows/42?page=2`), not yet URL-encoded for the log.
    /// The log splits it into `cs-uri-stem` and `cs-uri-query`.
    public var uri: String
    /// `cs-protocol`: `http` or `https` (`ws`, `wss`).
    public var protocolName: String
    /// `cs-protocol-version`.
    public var protocolVersion: HTTPVersion
    /// `c-ip`.
    public var clientAddress: String
    /// `c-port`.
    public var clientPort: Int?
    /// `cs(Referer)`.
    public var referer: String?
    /// `cs(User-Agent)`.
    public var userAgent: String?
    /// `cs(Cookie)`: the whole Cookie header.
    public var cookie: String?
    /// `x-forwarded-for`: the viewer behind a proxy, when the request carried one.
    public var forwardedFor: String?
    /// `cs-bytes`: request line, headers and body as received.
    public var requestBytes: Int?
    /// `ssl-protocol`, like `TLSv1.3`; `nil` over plain HTTP.
    public var tlsProtocol: String?
    /// `ssl-cipher`, like `TLS_AES_128_GCM_SHA256`; `nil` over plain HTTP.
    public var tlsCipher: String?

    // MARK: The response

    /// `sc-status`; 0 when the viewer left before the response (logged `000`).
    public var status: Int
    /// `x-edge-result-type`: the classification after the last byte left.
    public var result: ResultType
    /// `x-edge-response-result-type`: the classification just before responding (before a custom error
    /// response rewrote it, for instance).
    public var responseResult: ResultType
    /// `x-edge-detailed-result-type` when it differs from ``result`` (`OriginDnsError`, `OriginShieldHit`, ...).
    public var detailedResult: String?
    /// `x-edge-request-id`, also sent as `X-Amz-Cf-Id`.
    public var requestID: String
    /// `sc-bytes`: status line, headers and body sent to the viewer.
    public var bytesSent: Int
    /// `time-taken`: seconds from the request's arrival to the last byte written.
    public var durationSeconds: Double
    /// `time-to-first-byte`; for a response written in one go, the same as ``durationSeconds``.
    public var timeToFirstByte: Double?
    /// `sc-content-type`.
    public var contentType: String?
    /// `sc-content-len`: the response's `Content-Length`.
    public var contentLength: Int?
    /// `sc-range-start` and `sc-range-end`: the `Content-Range` of a 206.
    public var rangeStart: Int?
    public var rangeEnd: Int?
    /// `fle-status`; EdgeSim has no field-level encryption, so `nil` unless a caller models it.
    public var fieldLevelEncryptionStatus: String?
    /// `fle-encrypted-fields`.
    public var fieldLevelEncryptedFields: Int?

    // MARK: Cache accounting

    /// Whether the behaviour may cache this request at all: its method is one the behaviour caches and its
    /// cache policy stores responses. POST, PUT and CachingDisabled are not (hitrate.md §6, "uncacheable").
    public var isCacheable: Bool
    /// Where the response's bytes came from.
    public var servedFrom: ServedFrom

    /// A request event. Only what every response has is required; the rest defaults to "not logged" (`-`).
    ///
    /// - Parameters:
    ///   - isCacheable: `nil` takes GET and HEAD as cacheable; the edge should pass what the behaviour says.
    ///   - servedFrom: `nil` derives it from `result` (hits from the cache, misses from the origin, redirects and
    ///     errors generated by the edge); pass it when an error came from the origin or the cache.
    ///   - responseResult: `nil` is the same as `result`.
    public init(
        time: Double,
        pop: String,
        distributionID: String?,
        method: String,
        host: String,
        uri: String,
        status: Int,
        result: ResultType,
        bytesSent: Int,
        durationSeconds: Double,
        protocolName: String,
        clientAddress: String,
        requestID: String = "-",
        tier: Tier = .edge,
        distributionDomain: String? = nil,
        behaviorPathPattern: String? = nil,
        protocolVersion: HTTPVersion = .http1_1,
        clientPort: Int? = nil,
        referer: String? = nil,
        userAgent: String? = nil,
        cookie: String? = nil,
        forwardedFor: String? = nil,
        requestBytes: Int? = nil,
        tlsProtocol: String? = nil,
        tlsCipher: String? = nil,
        responseResult: ResultType? = nil,
        detailedResult: String? = nil,
        timeToFirstByte: Double? = nil,
        contentType: String? = nil,
        contentLength: Int? = nil,
        rangeStart: Int? = nil,
        rangeEnd: Int? = nil,
        fieldLevelEncryptionStatus: String? = nil,
        fieldLevelEncryptedFields: Int? = nil,
        isCacheable: Bool? = nil,
        servedFrom: ServedFrom? = nil
    ) {
        self.time = time
        self.pop = pop
        self.tier = tier
        self.distributionID = distributionID
        self.distributionDomain = distributionDomain
        self.behaviorPathPattern = behaviorPathPattern
        self.method = method
        self.host = host
        self.uri = uri
        self.protocolName = protocolName
        self.protocolVersion = protocolVersion
        self.clientAddress = clientAddress
        self.clientPort = clientPort
        self.referer = referer
        self.userAgent = userAgent
        self.cookie = cookie
        self.forwardedFor = forwardedFor
        self.requestBytes = requestBytes
        self.tlsProtocol = tlsProtocol
        self.tlsCipher = tlsCipher
        self.status = status
        self.result = result
        self.responseResult = responseResult ?? result
        self.detailedResult = detailedResult
        self.requestID = requestID
        self.bytesSent = bytesSent
        self.durationSeconds = durationSeconds
        self.timeToFirstByte = timeToFirstByte
        self.contentType = contentType
        self.contentLength = contentLength
        self.rangeStart = rangeStart
        self.rangeEnd = rangeEnd
        self.fieldLevelEncryptionStatus = fieldLevelEncryptionStatus
        self.fieldLevelEncryptedFields = fieldLevelEncryptedFields
        self.isCacheable = isCacheable ?? (method == "GET" || method == "HEAD")
        self.servedFrom = servedFrom ?? ServedFrom(defaultFor: result)
    }

    /// When the response ended: the access log's date and time, and the second the time series counts it in.
    public var endTime: Double { time + max(0, durationSeconds) }
}
