import Foundation
import Testing

@testable import Bucket

@Suite struct BucketWatcherTests {
    @Test func reportsAddedChangedAndRemovedKeys() async throws {
        let folder = try TemporaryFolder()
        try folder.write("index.html", "v1")
        try folder.write("assets/app.js", "app")
        try folder.write("old.txt", "old")
        let bucket = try folder.bucket()
        let expected: Set<String> = ["assets/new.css", "index.html", "old.txt"]

        let changes = await BucketWatcher(bucket: bucket, configuration: .init(interval: .milliseconds(50))).changes()
        async let seen = withTimeout { await Self.collect(changes, until: expected) }
        try folder.write("index.html", "v2 is longer")
        try folder.write("assets/new.css", "css")
        try FileManager.default.removeItem(atPath: folder.path + "/old.txt")
        #expect(await seen == expected)
    }

    @Test func seesARewriteThatKeepsSizeAndModificationTime() async throws {
        let folder = try TemporaryFolder()
        try folder.write("app.js", "aaa")
        try folder.setModificationDate("app.js", epochSeconds: 1_700_000_000)
        let changes = try await BucketWatcher(bucket: folder.bucket(), configuration: .init(interval: .milliseconds(50))).changes()
        async let seen = withTimeout { await Self.collect(changes, until: ["app.js"]) }
        try folder.write("app.js", "bbb")
        try folder.setModificationDate("app.js", epochSeconds: 1_700_000_000)
        #expect(await seen == ["app.js"])
    }

    @Test func quietFoldersYieldNothing() async throws {
        let folder = try TemporaryFolder()
        try folder.write("index.html", "v1")
        let changes = try await BucketWatcher(bucket: folder.bucket(), configuration: .init(interval: .milliseconds(20))).changes()
        let batch = await withTimeout(seconds: 1) { await changes.first { _ in true } }
        #expect(batch == nil)
    }

    @Test func diffsSnapshotsInKeyOrder() throws {
        func identity(_ inode: UInt64) -> FileIdentity {
            FileIdentity(device: 1, inode: inode, size: 1, modifiedSeconds: 1, modifiedNanoseconds: 0, changedSeconds: 1, changedNanoseconds: 0)
        }
        func key(_ text: String) throws -> ObjectKey { try #require(ObjectKey(text)) }
        let previous = [try key("b"): identity(1), try key("a"): identity(2), try key("c"): identity(3)]
        let current = [try key("a"): identity(9), try key("c"): identity(3), try key("d"): identity(4)]
        #expect(BucketWatcher.changedKeys(from: previous, to: current) == ["a", "b", "d"])
    }

    private static func collect(_ changes: AsyncStream<[String]>, until expected: Set<String>) async -> Set<String> {
        var seen: Set<String> = []
        for await batch in changes {
            seen.formUnion(batch)
            if seen.isSuperset(of: expected) { break }
        }
        return seen
    }
}

/// Runs `body`, giving up after `seconds` so a broken watcher fails the test instead of hanging it.
func withTimeout<Value: Sendable>(seconds: Int = 10, _ body: @escaping @Sendable () async -> Value) async -> Value? {
    await withTaskGroup(of: Value?.self) { group in
        group.addTask { await body() }
        group.addTask {
            try? await Task.sleep(for: .seconds(seconds))
            return nil
        }
        let first = await group.next() ?? nil
        group.cancelAll()
        return first
    }
}
