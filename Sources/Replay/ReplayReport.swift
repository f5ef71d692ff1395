/// The outcome of a sweep: what was replayed and one ``ReplayRun`` per policy × capacity.
/// Render it with ``text()``, ``json()`` or ``html()``.
public struct ReplayReport: Sendable, Encodable {
    public var trace: TraceSummary
    /// Whether capacities count objects (every size taken as 1).
    public var countsObjects: Bool
    /// The POPs traffic was split over.
    public var pops: [String]
    /// The regional tier's size as given, when there is one.
    public var regionalCapacity: String?
    /// Runs in policy-major order, capacities ascending within a policy.
    public var runs: [ReplayRun]
}
