import NIOConcurrencyHelpers

/// Watches a folder bucket for changed, added and removed keys, by polling (for `autoInvalidate`).
///
/// Each poll walks the folder and compares every file's identity (inode, size, modification and change time) with
/// the previous walk. Polling needs no platform support and sees changes on any file system, network mounts and
/// container volumes included, where change notifications are often missing.
public struct BucketWatcher: Sendable {
    /// How a watcher polls.
    public struct Configuration: Sendable, Equatable {
        /// The time between two walks of the folder.
        public var interval: Duration

        public init(interval: Duration = .seconds(1)) {
            self.interval = interval
        }
    }

    public let bucket: FolderBucket
    public let configuration: Configuration

    public init(bucket: FolderBucket, configuration: Configuration = .init()) {
        self.bucket = bucket
        self.configuration = configuration
    }

    /// The keys that changed since this call, one sorted batch per poll that saw any change.
    ///
    /// The folder is walked once before this returns, as the baseline; the stream then yields after every later
    /// walk that differs from the one before. Polling happens only while the consumer waits for the next batch, and
    /// the stream ends when the consuming task is cancelled.
    public func changes() async -> AsyncStream<[String]> {
        let state = NIOLockedValueBox(await Self.snapshot(bucket))
        let bucket = self.bucket
        let interval = configuration.interval
        return AsyncStream(unfolding: {
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: interval)
                } catch {
                    return nil
                }
                let current = await Self.snapshot(bucket)
                let changed = state.withLockedValue { previous in
                    let keys = Self.changedKeys(from: previous, to: current)
                    previous = current
                    return keys
                }
                if !changed.isEmpty { return changed }
            }
            return nil
        })
    }

    private static func snapshot(_ bucket: FolderBucket) async -> [ObjectKey: FileIdentity] {
        // A walk that fails (folder briefly gone during a rebuild) reads as empty; the next walk restores the keys.
        let files = (try? await bucket.scan()) ?? []
        return Dictionary(files.map { ($0.key, $0.identity) }, uniquingKeysWith: { first, _ in first })
    }

    /// Keys added, removed or whose file changed, in UTF-8 binary order.
    static func changedKeys(from previous: [ObjectKey: FileIdentity], to current: [ObjectKey: FileIdentity]) -> [String] {
        var changed: [String] = []
        for (key, identity) in current where previous[key] != identity { changed.append(key.rawValue) }
        for key in previous.keys where current[key] == nil { changed.append(key.rawValue) }
        return changed.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
