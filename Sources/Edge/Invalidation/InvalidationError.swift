/// Why CloudFront refused an invalidation request: its error code, the HTTP status it answers with and its message
/// (aws-behaviour §1.15; codes and statuses from the CloudFront 2020-05-31 API model).
public struct InvalidationError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Kind: Sendable, Equatable {
        case noSuchDistribution
        case noSuchInvalidation
        case invalidPaths
        case emptyBatch
        case callerReferenceReused
        case batchTooLarge
        case tooManyFilesInProgress
        case tooManyWildcardsInProgress
        case invalidArgument(String)
    }

    private let kind: Kind

    private init(_ kind: Kind) {
        self.kind = kind
    }

    public static let noSuchDistribution = Self(.noSuchDistribution)
    public static let noSuchInvalidation = Self(.noSuchInvalidation)
    /// A path that does not start with `/`, has `*` before its end, or is over 4,000 characters.
    public static let invalidPaths = Self(.invalidPaths)
    public static let emptyBatch = Self(.emptyBatch)
    /// The caller reference of an earlier batch of this distribution, with other paths.
    public static let callerReferenceReused = Self(.callerReferenceReused)
    /// More file paths in one batch than may ever be in progress.
    public static let batchTooLarge = Self(.batchTooLarge)
    public static let tooManyFilesInProgress = Self(.tooManyFilesInProgress)
    public static let tooManyWildcardsInProgress = Self(.tooManyWildcardsInProgress)

    /// Another `InvalidArgument`, with CloudFront's message.
    public static func invalidArgument(_ message: String) -> Self { Self(.invalidArgument(message)) }

    /// CloudFront's error code, as in `<Code>`.
    public var code: String {
        switch kind {
        case .noSuchDistribution: "NoSuchDistribution"
        case .noSuchInvalidation: "NoSuchInvalidation"
        case .invalidPaths, .emptyBatch, .callerReferenceReused, .invalidArgument: "InvalidArgument"
        case .batchTooLarge: "BatchTooLarge"
        case .tooManyFilesInProgress, .tooManyWildcardsInProgress: "TooManyInvalidationsInProgress"
        }
    }

    /// The HTTP status CloudFront answers with.
    public var httpStatus: Int {
        switch kind {
        case .noSuchDistribution, .noSuchInvalidation: 404
        case .batchTooLarge: 413
        default: 400
        }
    }

    public var message: String {
        switch kind {
        case .noSuchDistribution: "The specified distribution does not exist."
        case .noSuchInvalidation: "The specified invalidation does not exist."
        // The texts CloudFront sends, as captured in public bug reports.
        case .invalidPaths: "Your request contains one or more invalid invalidation paths."
        case .callerReferenceReused:
            "Your request contains a caller reference that was used for a previous invalidation batch for the same distribution."
        case .tooManyFilesInProgress: "Processing your request will cause you to exceed the maximum number of in-progress invalidations."
        case .tooManyWildcardsInProgress: "Processing your request will cause you to exceed the maximum number of in-progress wildcard invalidations."
        case .emptyBatch: "Your request must contain at least one invalidation path."
        case .batchTooLarge: "Invalidation batch specified is too large."
        case .invalidArgument(let message): message
        }
    }

    public var description: String { code + ": " + message }
}
