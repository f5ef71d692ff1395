/// An error DynamoDB answers with: its type name (`ValidationException`, ...), the namespace it travels
/// under in `__type`, and the message worded as the service words it.
///
/// Client mistakes are HTTP 400; `InternalServerError` (a failing backend) is 500.
public struct DynamoDBError: Error, Sendable, Hashable {
    private enum Code: String, Sendable {
        case validation = "ValidationException"
        case serialization = "SerializationException"
        case unknownOperation = "UnknownOperationException"
        case resourceNotFound = "ResourceNotFoundException"
        case resourceInUse = "ResourceInUseException"
        case conditionalCheckFailed = "ConditionalCheckFailedException"
        case transactionCanceled = "TransactionCanceledException"
        case missingAuthenticationToken = "MissingAuthenticationTokenException"
        case unrecognizedClient = "UnrecognizedClientException"
        case incompleteSignature = "IncompleteSignatureException"
        case internalServer = "InternalServerError"
    }

    /// Why one action of a `TransactWriteItems` or `TransactGetItems` call did not go through.
    public struct CancellationReason: Sendable, Hashable {
        /// `None`, `ConditionalCheckFailed`, `ValidationError`, `TransactionConflict`, ...
        public var code: String
        public var message: String?
        /// The item as it was, when the action asked for `ReturnValuesOnConditionCheckFailure=ALL_OLD`.
        public var item: Item?

        public init(code: String, message: String? = nil, item: Item? = nil) {
            self.code = code
            self.message = message
            self.item = item
        }

        /// The reason of an action that was fine but was cancelled with the others.
        public static let none = CancellationReason(code: "None")
    }

    private let code: Code
    /// The message; `nil` where DynamoDB sends none (a body that is not JSON).
    public let message: String?
    /// The item as it was before a failed condition, when the request asked for `ALL_OLD`.
    public var item: Item?
    /// One reason per action of a cancelled transaction, in request order.
    public var cancellationReasons: [CancellationReason]?

    private init(_ code: Code, _ message: String?) {
        self.code = code
        self.message = message
    }

    /// The error's short name, e.g. `ValidationException`.
    public var name: String { code.rawValue }

    /// The `__type` the service sends, e.g. `com.amazon.coral.validate#ValidationException`.
    public var type: String { namespace + "#" + code.rawValue }

    /// HTTP status of the response carrying this error.
    public var statusCode: Int { code == .internalServer ? 500 : 400 }

    private var namespace: String {
        switch code {
        case .validation: "com.amazon.coral.validate"
        case .serialization, .unknownOperation, .missingAuthenticationToken, .unrecognizedClient, .incompleteSignature:
            "com.amazon.coral.service"
        default: "com.amazonaws.dynamodb.v20120810"
        }
    }

    /// `SerializationException` uses a capitalised `Message` member, as the service sends it.
    var messageMemberName: String { code == .serialization ? "Message" : "message" }

    /// A `ValidationException` with `message`.
    public static func validation(_ message: String) -> DynamoDBError { .init(.validation, message) }

    /// A `SerializationException`; `nil` for a body that is not JSON at all.
    public static func serialization(_ message: String?) -> DynamoDBError { .init(.serialization, message) }

    /// The operation named in `X-Amz-Target` does not exist.
    public static let unknownOperation = DynamoDBError(.unknownOperation, nil)

    /// `ResourceNotFoundException` as data-plane operations word it.
    public static let resourceNotFound = DynamoDBError(.resourceNotFound, "Requested resource not found")

    /// `ResourceNotFoundException` as `DescribeTable` and `DeleteTable` word it.
    public static func tableNotFound(_ name: String) -> DynamoDBError {
        .init(.resourceNotFound, "Requested resource not found: Table: \(name) not found")
    }

    /// `ResourceInUseException` for `CreateTable` on an existing table.
    public static func tableAlreadyExists(_ name: String) -> DynamoDBError {
        .init(.resourceInUse, "Table already exists: \(name)")
    }

    /// A `ResourceInUseException` with `message`.
    public static func resourceInUse(_ message: String) -> DynamoDBError { .init(.resourceInUse, message) }

    /// `ConditionalCheckFailedException`, carrying the old item when the request asked for it.
    public static func conditionalCheckFailed(item: Item? = nil) -> DynamoDBError {
        var error = DynamoDBError(.conditionalCheckFailed, "The conditional request failed")
        error.item = item
        return error
    }

    /// `TransactionCanceledException` with one reason per action.
    public static func transactionCanceled(_ reasons: [CancellationReason]) -> DynamoDBError {
        let codes = reasons.map(\.code).joined(separator: ", ")
        var error = DynamoDBError(
            .transactionCanceled,
            "Transaction cancelled, please refer cancellation reasons for specific reasons [\(codes)]"
        )
        error.cancellationReasons = reasons
        return error
    }

    /// No `Authorization` header, while access keys are checked.
    public static let missingAuthenticationToken = DynamoDBError(.missingAuthenticationToken, "Request is missing Authentication Token")

    /// An access key id that is not one of the configured keys.
    public static let unrecognizedClient = DynamoDBError(.unrecognizedClient, "The security token included in the request is invalid.")

    /// An `Authorization` header without the SigV4 parts.
    public static func incompleteSignature(_ message: String) -> DynamoDBError { .init(.incompleteSignature, message) }

    /// The backend failed; the message says how, for the operator, not the client.
    public static func internalServer(_ message: String) -> DynamoDBError { .init(.internalServer, message) }

    /// `true` for `ConditionalCheckFailedException`.
    public var isConditionalCheckFailed: Bool { code == .conditionalCheckFailed }

    /// `true` for `ValidationException`.
    public var isValidation: Bool { code == .validation }
}

extension DynamoDBError: CustomStringConvertible {
    public var description: String { message.map { "\(name): \($0)" } ?? name }
}
