import Bucket
import Edge
import ServiceLifecycle

/// A bucket's `autoInvalidate`: each change the watcher sees in the folder becomes an invalidation of the changed
/// keys in every distribution serving the bucket, as a deploy script's `aws cloudfront create-invalidation` would.
struct AutoInvalidation: Service {
    let watcher: BucketWatcher
    let bucketName: String
    let ledger: InvalidationLedger

    func run() async {
        await cancelWhenGracefulShutdown {
            for await keys in await watcher.changes() where !keys.isEmpty {
                _ = ledger.invalidateChangedKeys(keys, inBucket: bucketName)
            }
        }
    }
}

extension StackAssembly {
    /// One watcher per bucket that asks for `autoInvalidate`.
    func autoInvalidation(ledger: InvalidationLedger) -> [any Service] {
        buckets.compactMap { bucket in
            guard stack.buckets[bucket.name]?.autoInvalidate == true else { return nil }
            return AutoInvalidation(watcher: BucketWatcher(bucket: bucket), bucketName: bucket.name, ledger: ledger)
        }
    }
}
