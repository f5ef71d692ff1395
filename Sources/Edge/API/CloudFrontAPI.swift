import NIOCore
import NIOHTTP1

/// CloudFront's 2020-05-31 REST XML API over the stack's distributions, for the control port: CreateInvalidation,
/// GetInvalidation and ListInvalidations on the ``InvalidationLedger``, and GetDistribution and ListDistributions as
/// a read-only view of the stack, so `aws cloudfront …` and boto3 work with `--endpoint-url`. Signatures are not
/// checked: any credentials are accepted. Every other request answers CloudFront's XML error document.
public struct CloudFrontAPI: Sendable {
    /// The API version in every path, and its XML namespace.
    public static let version = "2020-05-31"
    static let namespace = "http://cloudfront.amazonaws.com/doc/2020-05-31/"

    /// Settings of the API.
    public struct Configuration: Sendable, Equatable {
        /// The account in the distributions' ARNs.
        public var accountID: String

        public init(accountID: String = "000000000000") {
            self.accountID = accountID
        }
    }

    public let ledger: InvalidationLedger
    public let configuration: Configuration

    public init(ledger: InvalidationLedger, configuration: Configuration = .init()) {
        self.ledger = ledger
        self.configuration = configuration
    }

    /// Answers one request.
    ///
    /// - Parameters:
    ///   - path: the request target's path as received (percent-encoded), without the query.
    ///   - query: the query string without `?`, or nil.
    ///   - headers: the request's headers; `Host` names the server in CreateInvalidation's `Location`.
    ///   - body: the request body, nil or empty when there is none.
    public func handle(method: HTTPMethod, path: String, query: String?, headers: HTTPHeaders, body: ByteBuffer?) async -> CloudFrontAPIResponse {
        let requestID = Self.newRequestID()
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { Self.percentDecoded($0) }
        let parameters = Self.queryParameters(query)
        guard segments.count >= 2, segments[0] == Self.version, segments[1] == "distribution" else {
            return unknownOperation(method, path, requestID: requestID)
        }
        switch (method, segments.count) {
        case (.GET, 2):
            return listDistributions(parameters, requestID: requestID)
        case (.GET, 3):
            return getDistribution(id: segments[2], requestID: requestID)
        case (.POST, 4) where segments[3] == "invalidation":
            return createInvalidation(distributionID: segments[2], body: body, host: headers.first(name: "host"), requestID: requestID)
        case (.GET, 4) where segments[3] == "invalidation":
            return listInvalidations(distributionID: segments[2], parameters, requestID: requestID)
        case (.GET, 5) where segments[3] == "invalidation":
            return getInvalidation(id: segments[4], distributionID: segments[2], requestID: requestID)
        default:
            return unknownOperation(method, path, requestID: requestID)
        }
    }

    /// What CloudFront answers a request that names no operation it has.
    private func unknownOperation(_ method: HTTPMethod, _ path: String, requestID: String) -> CloudFrontAPIResponse {
        .error(
            code: "UnknownOperationException",
            message: "\(method.rawValue) \(path) is not an operation EdgeSim's CloudFront API answers: it answers CreateInvalidation, "
                + "GetInvalidation, ListInvalidations, GetDistribution and ListDistributions under /\(Self.version)/distribution; "
                + "change distributions in edgesim.yml",
            status: 404,
            requestID: requestID
        )
    }

    /// A UUID, as CloudFront's request ids are.
    static func newRequestID() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(36)
        for index in 0..<32 {
            if [8, 12, 16, 20].contains(index) { bytes.append(UInt8(ascii: "-")) }
            var nibble = Int(generator.next(upperBound: UInt8(16)))
            if index == 12 { nibble = 4 }
            if index == 16 { nibble = 8 | (nibble & 3) }
            bytes.append(digits[nibble])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `name=value&…`, percent-decoded, `+` as space; the first of repeated names wins.
    static func queryParameters(_ query: String?) -> [String: String] {
        var parameters: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = percentDecoded(parts[0], plusIsSpace: true)
            if parameters[name] == nil { parameters[name] = parts.count > 1 ? percentDecoded(parts[1], plusIsSpace: true) : "" }
        }
        return parameters
    }

    /// `%XX` escapes decoded; malformed ones kept as written.
    static func percentDecoded(_ text: Substring, plusIsSpace: Bool = false) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || (plusIsSpace && $0 == UInt8(ascii: "+")) }) else { return String(text) }
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let value = UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
            {
                result.append(value)
                index += 3
            } else {
                result.append(plusIsSpace && bytes[index] == UInt8(ascii: "+") ? UInt8(ascii: " ") : bytes[index])
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// `MaxItems`: a whole number above 0; left out, 100.
    static func maxItems(_ parameters: [String: String]) -> Result<Int, InvalidationError> {
        guard let text = parameters["MaxItems"] else { return .success(100) }
        guard let value = Int(text), value > 0 else { return .failure(.invalidArgument("MaxItems must be a positive integer; got \"\(text)\".")) }
        return .success(value)
    }
}
