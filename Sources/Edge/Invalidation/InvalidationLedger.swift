import NIOConcurrencyHelpers

/// CloudFront's invalidations for the stack's distributions (aws-behaviour §1.15): batches are checked against
/// CloudFront's rules and limits, recorded with ids like `I2J0I21PCUYOIK`, and every cached variant of their paths
/// leaves every cache the ledger was given (each POP's, and the regional tier's) before `create` returns. The
/// status reads `InProgress` until the configured delay has passed, then `Completed`: nothing runs in between,
/// the status is computed from the clock.
public final class InvalidationLedger: Sendable {
    /// CloudFront's limits, and how long an invalidation stays `InProgress`.
    public struct Configuration: Sendable, Equatable {
        /// Seconds from creation to `Completed`. CloudFront takes seconds to minutes; the default keeps
        /// `aws cloudfront wait invalidation-completed` short.
        public var completionDelay: Double
        /// File paths (without `*`) that may be in progress per distribution at once.
        public var maximumFilePathsInProgress: Int
        /// Wildcard paths that may be in progress per distribution at once.
        public var maximumWildcardPathsInProgress: Int

        public static let defaultCompletionDelay = 2.0

        public init(
            completionDelay: Double = defaultCompletionDelay,
            maximumFilePathsInProgress: Int = 3_000,
            maximumWildcardPathsInProgress: Int = 15
        ) {
            self.completionDelay = completionDelay
            self.maximumFilePathsInProgress = maximumFilePathsInProgress
            self.maximumWildcardPathsInProgress = maximumWildcardPathsInProgress
        }
    }

    public let configuration: Configuration
    /// In the stack's order.
    public let distributions: [Distribution]
    /// When the ledger was made: what GetDistribution reports as the distributions' last change.
    public let deployedAt: Double
    let caches: [EdgeCache]
    public let clock: EdgeClock
    private let state: NIOLockedValueBox<State>

    private struct State {
        /// Per distribution, oldest first.
        var invalidations: [String: [Invalidation]] = [:]
        var ids: Set<String> = []
    }

    /// - Parameters:
    ///   - caches: every cache that may hold the distributions' objects; an invalidation empties its paths in all.
    public init(distributions: [Distribution], caches: [EdgeCache], configuration: Configuration = .init(), clock: EdgeClock = .system) {
        self.distributions = distributions
        self.caches = caches
        self.configuration = configuration
        self.clock = clock
        self.deployedAt = clock.now
        self.state = NIOLockedValueBox(State())
    }

    public func distribution(withID id: String) -> Distribution? {
        distributions.first { $0.id == id }
    }

    /// CreateInvalidation: records the batch and removes what its paths match from every cache.
    ///
    /// A batch whose caller reference this distribution has seen with the same paths is the same request again:
    /// the earlier invalidation comes back, `isNew` false, and nothing is removed twice.
    @discardableResult
    public func create(_ batch: InvalidationBatch, distributionID: String) throws(InvalidationError) -> (invalidation: Invalidation, isNew: Bool) {
        guard distribution(withID: distributionID) != nil else { throw .noSuchDistribution }
        guard !batch.paths.isEmpty else { throw .emptyBatch }
        var paths: [InvalidationPath] = []
        paths.reserveCapacity(batch.paths.count)
        for text in batch.paths {
            guard let path = InvalidationPath(text) else { throw .invalidPaths }
            paths.append(path)
        }
        return try record(
            batch,
            distributionID: distributionID,
            paths: paths,
            matcher: InvalidationMatcher(distributionID: distributionID, paths: paths)
        )
    }

    /// Checks the limits and the caller reference, records the batch, and purges with `matcher`.
    func record(
        _ batch: InvalidationBatch,
        distributionID: String,
        paths: [InvalidationPath],
        matcher: InvalidationMatcher
    ) throws(InvalidationError) -> (invalidation: Invalidation, isNew: Bool) {
        let filePaths = paths.count { !$0.isWildcard }
        let wildcardPaths = paths.count - filePaths
        if filePaths > configuration.maximumFilePathsInProgress { throw .batchTooLarge }
        let now = clock.now
        let outcome: Result<(Invalidation, Bool), InvalidationError> = state.withLockedValue { state in
            let existing = state.invalidations[distributionID] ?? []
            if let earlier = existing.first(where: { $0.batch.callerReference == batch.callerReference }) {
                return earlier.batch.isSameBatch(as: batch) ? .success((earlier, false)) : .failure(.callerReferenceReused)
            }
            var filesInProgress = 0
            var wildcardsInProgress = 0
            for invalidation in existing where invalidation.status(at: now) == .inProgress {
                let wildcards = invalidation.batch.paths.count { $0.utf8.last == UInt8(ascii: "*") }
                wildcardsInProgress += wildcards
                filesInProgress += invalidation.batch.paths.count - wildcards
            }
            if wildcardPaths > 0, wildcardsInProgress + wildcardPaths > configuration.maximumWildcardPathsInProgress {
                return .failure(.tooManyWildcardsInProgress)
            }
            if filePaths > 0, filesInProgress + filePaths > configuration.maximumFilePathsInProgress {
                return .failure(.tooManyFilesInProgress)
            }
            let invalidation = Invalidation(
                id: Self.newID(avoiding: &state.ids),
                distributionID: distributionID,
                batch: batch,
                createTime: now,
                completionTime: now + configuration.completionDelay
            )
            state.invalidations[distributionID, default: []].append(invalidation)
            return .success((invalidation, true))
        }
        let (invalidation, isNew) = try outcome.get()
        if isNew { purge(matcher) }
        return (invalidation, isNew)
    }

    /// GetInvalidation.
    public func invalidation(id: String, distributionID: String) throws(InvalidationError) -> Invalidation {
        guard distribution(withID: distributionID) != nil else { throw .noSuchDistribution }
        let found = state.withLockedValue { $0.invalidations[distributionID]?.first { $0.id == id } }
        guard let found else { throw .noSuchInvalidation }
        return found
    }

    /// ListInvalidations: newest first, as CloudFront lists them.
    public func invalidations(distributionID: String) throws(InvalidationError) -> [Invalidation] {
        guard distribution(withID: distributionID) != nil else { throw .noSuchDistribution }
        return state.withLockedValue { $0.invalidations[distributionID] ?? [] }.reversed()
    }

    /// The distribution's batches still `InProgress` (GetDistribution's `InProgressInvalidationBatches`).
    public func inProgressCount(distributionID: String) -> Int {
        let now = clock.now
        return state.withLockedValue { $0.invalidations[distributionID]?.count { $0.status(at: now) == .inProgress } ?? 0 }
    }

    func purge(_ matcher: InvalidationMatcher) {
        for cache in caches {
            cache.remove(where: matcher.matches)
        }
    }

    /// `I` and 13 upper-case letters or digits, unique in this ledger.
    private static func newID(avoiding taken: inout Set<String>) -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
        while true {
            var bytes: [UInt8] = [UInt8(ascii: "I")]
            for _ in 0..<13 { bytes.append(alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))]) }
            let id = String(decoding: bytes, as: UTF8.self)
            if taken.insert(id).inserted { return id }
        }
    }
}
