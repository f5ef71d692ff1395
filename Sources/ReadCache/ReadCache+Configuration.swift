extension ReadCache {
    /// How the cache reads through and writes: the strategies of aws-behaviour §6 (ElastiCache's
    /// "Caching strategies" guide).
    public struct Configuration: Sendable, Hashable {
        /// How long an entry lives unless a call passes its own TTL. The guide's example, and the default, is 300 s.
        public var ttl: Duration
        /// The share of each TTL drawn at random and taken off it, in `0...1`: entries loaded together then expire
        /// apart, so their reloads do not arrive as one herd. An entry lives between `(1 - ttlJitter) × ttl` and
        /// `ttl`, so the TTL stays the bound on staleness. Off by default: jitter is general AWS caching advice, not
        /// the strategy guide's text (aws-behaviour §6 marks it UNCONFIRMED).
        public var ttlJitter: Double
        /// Write-through: a write stores the new value in the cache instead of only invalidating the key. The guide
        /// combines it with lazy loading and a TTL; off by default, since lazy loading with invalidation is the
        /// guide's base strategy and keeps never-read data out of the cache.
        public var writeThrough: Bool
        /// How long "the source has no such key" is cached; nil (the default) caches nothing for it, so every read
        /// of a missing key reaches the source. The guide caches only what the source returned (`set(k, v)` after
        /// a read), so negative caching is an opt-in.
        public var notFoundTTL: Duration?

        public init(ttl: Duration = .seconds(300), ttlJitter: Double = 0, writeThrough: Bool = false, notFoundTTL: Duration? = nil) {
            self.ttl = ttl
            self.ttlJitter = ttlJitter
            self.writeThrough = writeThrough
            self.notFoundTTL = notFoundTTL
        }
    }
}

extension ReadCache.Configuration {
    /// The TTL an entry stored now gets: `base` less a random share of at most ``ttlJitter``.
    func effectiveTTL(_ base: Duration, random: ReadCache.RandomSource) -> Duration {
        let jitter = min(max(ttlJitter, 0), 1)
        guard jitter > 0 else { return base }
        let draw = min(max(random.next(), 0), 1)
        return base - base * (jitter * draw)
    }
}
