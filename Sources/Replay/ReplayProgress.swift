import Foundation

/// How far a sweep has come.
public struct ReplayProgress: Sendable, Hashable {
    public var completedRequests: Int
    public var totalRequests: Int
    public var completedRuns: Int
    public var totalRuns: Int

    /// From 0 to 1.
    public var fraction: Double { totalRequests > 0 ? min(1, Double(completedRequests) / Double(totalRequests)) : 1 }

    /// A one-line bar for a terminal, e.g. `[██████······] 52%  5/9 runs`; `width` counts the bar's cells.
    public func bar(width: Int = 30) -> String {
        let filled = Int((fraction * Double(width)).rounded(.down))
        let cells = String(repeating: "█", count: filled) + String(repeating: "·", count: max(0, width - filled))
        let percent = Int((fraction * 100).rounded(.down))
        return "[\(cells)] \(percent)%  \(completedRuns)/\(totalRuns) runs"
    }
}

/// Gathers progress from concurrent runs and passes it on at most once per percent.
final class ProgressTracker: @unchecked Sendable {
    private let lock = NSLock()
    private var progress: ReplayProgress
    private var lastReported = -1
    private let report: @Sendable (ReplayProgress) -> Void

    init(totalRequests: Int, totalRuns: Int, report: @escaping @Sendable (ReplayProgress) -> Void) {
        progress = ReplayProgress(completedRequests: 0, totalRequests: totalRequests, completedRuns: 0, totalRuns: totalRuns)
        self.report = report
    }

    func advance(requests: Int = 0, runs: Int = 0) {
        let snapshot: ReplayProgress? = lock.withLock {
            progress.completedRequests += requests
            progress.completedRuns += runs
            let percent = Int(progress.fraction * 100)
            guard percent != lastReported || runs > 0 else { return nil }
            lastReported = percent
            return progress
        }
        if let snapshot { report(snapshot) }
    }
}
