import Eviction

/// Replays one trace through every configured policy at every capacity (hitrate.md §6 statistics per run).
public struct ReplaySweep: Sendable {
    public var configuration: ReplayConfiguration

    public init(configuration: ReplayConfiguration) {
        self.configuration = configuration
    }

    /// Runs the sweep, up to ``ReplayConfiguration/concurrentRuns`` runs at a time.
    ///
    /// - Parameter progress: called from the runs' tasks as they advance (at most once per percent).
    /// - Throws: ``ReplayError`` for an empty trace or a setting or capacity that does not apply.
    public func run(_ trace: Trace, progress: (@Sendable (ReplayProgress) -> Void)? = nil) async throws(ReplayError) -> ReplayReport {
        try configuration.validate()
        guard trace.count > 0 else { throw .emptyTrace(trace.source) }
        let plan = ReplayPlan(trace: trace, configuration: configuration)
        let summary = plan.summary
        var capacities: [(label: String, capacity: EvictionCapacity)] = []
        for spec in configuration.capacities {
            let capacity = try spec.resolve(
                objects: summary.distinctObjects,
                bytes: summary.workingSetBytes,
                countsObjects: configuration.countsObjects
            )
            capacities.append((spec.description, capacity))
        }
        let regionalCapacity = try configuration.regionalCapacity?.resolve(
            objects: summary.distinctObjects,
            bytes: summary.workingSetBytes,
            countsObjects: configuration.countsObjects
        )
        var simulations: [(label: String, simulation: ReplaySimulation)] = []
        for policy in configuration.policies {
            for (label, capacity) in capacities {
                let simulation = ReplaySimulation(
                    trace: trace,
                    plan: plan,
                    policy: policy,
                    capacity: capacity,
                    regionalCapacity: regionalCapacity,
                    options: configuration.options
                )
                simulations.append((label, simulation))
            }
        }
        let tracker = progress.map { ProgressTracker(totalRequests: simulations.count * trace.count, totalRuns: simulations.count, report: $0) }
        let runs = await Self.execute(simulations, concurrently: max(1, configuration.concurrentRuns), tracker: tracker)
        return ReplayReport(
            trace: summary,
            countsObjects: configuration.countsObjects,
            pops: plan.popNames,
            regionalCapacity: configuration.regionalCapacity?.description,
            runs: runs
        )
    }

    private static func execute(
        _ simulations: [(label: String, simulation: ReplaySimulation)],
        concurrently width: Int,
        tracker: ProgressTracker?
    ) async -> [ReplayRun] {
        await withTaskGroup(of: (Int, ReplayRun).self) { group in
            var results = [ReplayRun?](repeating: nil, count: simulations.count)
            var next = 0
            func startNext() {
                guard next < simulations.count else { return }
                let index = next
                let (label, simulation) = simulations[index]
                next += 1
                group.addTask { (index, Self.perform(simulation, label: label, tracker: tracker)) }
            }
            for _ in 0..<min(width, simulations.count) { startNext() }
            while let (index, run) = await group.next() {
                results[index] = run
                startNext()
            }
            return results.compactMap { $0 }
        }
    }

    private static func perform(_ simulation: ReplaySimulation, label: String, tracker: ProgressTracker?) -> ReplayRun {
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = simulation.run { tracker?.advance(requests: $0) }
        let elapsed = start.duration(to: clock.now)
        tracker?.advance(runs: 1)
        return ReplayRun(
            policy: simulation.policy,
            policyName: ReplayReport.name(of: simulation.policy, countsObjects: simulation.capacity.countsObjects),
            capacityLabel: label,
            capacity: simulation.capacity.limit,
            capacityUnit: simulation.capacity.countsObjects ? "objects" : "bytes",
            edge: outcome.edge.reduce(CacheStatistics(), +),
            popStatistics: outcome.edge.count > 1 ? outcome.edge : [],
            regional: outcome.regional,
            origin: outcome.origin,
            elapsedSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        )
    }
}
