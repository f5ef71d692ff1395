import Eviction
import ReadCache

extension Stack {
    /// The read cache (ElastiCache) in front of the tables: `readCache:` of the stack file.
    public struct ReadCacheSettings: Sendable {
        /// Where cached items live.
        public enum Backend: Sendable, Equatable {
            /// In this process, bounded in bytes under an eviction policy (the default: 64 MiB, S3-FIFO).
            case inProcess(InProcessBackend.Configuration)
            /// A Redis (or Valkey, or ElastiCache) server that several edge processes share: `redis://host:6379/0`.
            case redis(url: RedisURL)
        }

        public var backend: Backend
        /// TTL, jitter, write-through and negative caching (aws-behaviour §6).
        public var cache: ReadCache.Configuration

        public init(backend: Backend = .inProcess(.init()), cache: ReadCache.Configuration = .init()) {
            self.backend = backend
            self.cache = cache
        }
    }
}
