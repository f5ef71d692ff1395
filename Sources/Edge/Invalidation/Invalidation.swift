/// One invalidation batch as CloudFront records it: what was asked, when, and whether it has reached every edge.
public struct Invalidation: Sendable, Equatable {
    /// CloudFront's two states (aws-behaviour §1.15).
    public enum Status: String, Sendable {
        case inProgress = "InProgress"
        case completed = "Completed"
    }

    /// `I` and 13 upper-case letters or digits, like `I2J0I21PCUYOIK`.
    public let id: String
    public let distributionID: String
    public let batch: InvalidationBatch
    /// Epoch seconds.
    public let createTime: Double
    /// Epoch seconds when the status turns `Completed`.
    public let completionTime: Double

    public init(id: String, distributionID: String, batch: InvalidationBatch, createTime: Double, completionTime: Double) {
        self.id = id
        self.distributionID = distributionID
        self.batch = batch
        self.createTime = createTime
        self.completionTime = completionTime
    }

    public func status(at now: Double) -> Status {
        now >= completionTime ? .completed : .inProgress
    }
}

/// What CreateInvalidation carries: the paths and the caller's idempotency token.
public struct InvalidationBatch: Sendable, Equatable {
    /// As given; each is checked when the batch is submitted.
    public var paths: [String]
    /// A retry with the same reference and the same paths gets the invalidation the first request made.
    public var callerReference: String

    public init(paths: [String], callerReference: String) {
        self.paths = paths
        self.callerReference = callerReference
    }

    /// The same request again: the same paths, in any order.
    func isSameBatch(as other: InvalidationBatch) -> Bool {
        paths.sorted() == other.paths.sorted()
    }
}
