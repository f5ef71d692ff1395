/// A distribution as requests refer to it: one shared instance per distribution. `Distribution` and
/// `CacheBehavior` are structs of strings and arrays, so copying one into every request retains and releases each
/// of its fields; the viewer path passes these references instead.
final class DistributionRoute: Sendable {
    let distribution: Distribution
    /// `cacheBehaviors` in order, then the default behaviour.
    private let behaviors: [BehaviorRoute]

    init(_ distribution: Distribution) {
        self.distribution = distribution
        self.behaviors = (distribution.cacheBehaviors + [distribution.defaultCacheBehavior]).map(BehaviorRoute.init)
    }

    /// The first behaviour whose pattern matches `path` (query string excluded), else the default; the same choice
    /// as ``Distribution/behavior(forPath:)``.
    func behavior(forPath path: Substring) -> BehaviorRoute {
        let ordered = behaviors.count - 1
        for index in 0..<ordered where behaviors[index].behavior.pathPattern.matches(path) {
            return behaviors[index]
        }
        return behaviors[ordered]
    }
}

/// One cache behaviour of a ``DistributionRoute``, shared for the same reason.
final class BehaviorRoute: Sendable {
    let behavior: CacheBehavior

    init(_ behavior: CacheBehavior) { self.behavior = behavior }
}
