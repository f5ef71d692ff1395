import Bucket
import Foundation
import NIOCore
import Testing

@Suite struct FolderBucketTests {
    @Test func etagIsTheQuotedMD5OfTheContent() async throws {
        let folder = try TemporaryFolder()
        try folder.write("index.html", "<h1>hello</h1>")
        let bucket = try folder.bucket()
        let metadata = try #require(try await bucket.metadata(forKey: try key("index.html")))
        #expect(metadata.etag == md5ETag("<h1>hello</h1>"))
        #expect(metadata.size == 14)
        #expect(metadata.contentType == "text/html; charset=utf-8")
    }

    @Test func changesAreSeenOnTheNextRequestWithoutARestart() async throws {
        let folder = try TemporaryFolder()
        try folder.write("app.js", "let a = 1")
        try folder.setModificationDate("app.js", epochSeconds: 1_700_000_000)
        let bucket = try folder.bucket()
        let objectKey = try key("app.js")
        let first = try #require(try await bucket.object(forKey: objectKey) { _ in .whole })
        #expect(first.metadata.etag == md5ETag("let a = 1"))
        #expect(first.body.map { String(buffer: $0) } == "let a = 1")

        // Same size, same modification time: only the change time and inode tell the versions apart.
        try folder.write("app.js", "let b = 2")
        try folder.setModificationDate("app.js", epochSeconds: 1_700_000_000)
        let second = try #require(try await bucket.object(forKey: objectKey) { _ in .whole })
        #expect(second.metadata.etag == md5ETag("let b = 2"))
        #expect(second.body.map { String(buffer: $0) } == "let b = 2")

        try folder.write("new.css", "body{}")
        #expect(try await bucket.metadata(forKey: try key("new.css"))?.etag == md5ETag("body{}"))
        try FileManager.default.removeItem(atPath: folder.path + "/app.js")
        #expect(try await bucket.metadata(forKey: objectKey) == nil)
    }

    @Test func lastModifiedIsTheFileTimeInWholeSeconds() async throws {
        let folder = try TemporaryFolder()
        try folder.write("a.txt", "x")
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 1_700_000_123.75)],
            ofItemAtPath: folder.path + "/a.txt"
        )
        let metadata = try #require(try await folder.bucket().metadata(forKey: key("a.txt")))
        #expect(metadata.lastModified == 1_700_000_123)
        #expect(metadata.lastModifiedHTTPDate == "Tue, 14 Nov 2023 22:15:23 GMT")
    }

    @Test func readsOnlyTheRequestedBytes() async throws {
        let folder = try TemporaryFolder()
        try folder.write("digits.txt", "0123456789")
        let bucket = try folder.bucket()
        let objectKey = try key("digits.txt")
        _ = try await bucket.metadata(forKey: objectKey)  // ETag now cached: the range read is a pread of 3 bytes.
        let object = try #require(try await bucket.object(forKey: objectKey) { _ in .bytes(2...4) })
        #expect(object.body.map { String(buffer: $0) } == "234")
        #expect(object.range == 2...4)
        let head = try #require(try await bucket.object(forKey: objectKey) { _ in .metadataOnly })
        #expect(head.body == nil)
    }

    @Test func largeFilesAreHashedInChunks() async throws {
        let folder = try TemporaryFolder()
        let content = String(repeating: "abcdefghij", count: 900_000)  // 9 MB, over the whole-read limit
        try folder.write("big.bin", content)
        let bucket = try folder.bucket()
        let object = try #require(try await bucket.object(forKey: key("big.bin")) { _ in .bytes(8_999_990...8_999_999) })
        #expect(object.metadata.etag == md5ETag(content))
        #expect(object.body.map { String(buffer: $0) } == "abcdefghij")
    }

    @Test func foldersAreNotObjects() async throws {
        let folder = try TemporaryFolder()
        try folder.write("docs/index.html", "docs")
        let bucket = try folder.bucket()
        #expect(try await bucket.metadata(forKey: try key("docs")) == nil)
        #expect(try await bucket.metadata(forKey: try key("docs/")) == nil)
    }

    @Test func symbolicLinksInsideTheFolderAreFollowedAndThoseLeadingOutAreNot() async throws {
        let outside = try TemporaryFolder()
        try outside.write("secret.txt", "top secret")
        let folder = try TemporaryFolder()
        try folder.write("real/page.html", "page")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/inside.html", withDestinationPath: "real/page.html")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/alias", withDestinationPath: folder.path + "/real")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/leak.txt", withDestinationPath: outside.path + "/secret.txt")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/out", withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/dotdot", withDestinationPath: "..")
        let bucket = try folder.bucket()

        #expect(try await bucket.metadata(forKey: try key("inside.html"))?.etag == md5ETag("page"))
        #expect(try await bucket.metadata(forKey: try key("alias/page.html"))?.etag == md5ETag("page"))
        #expect(try await bucket.metadata(forKey: try key("leak.txt")) == nil)
        #expect(try await bucket.metadata(forKey: try key("out/secret.txt")) == nil)
        let escapedFolderName = URL(fileURLWithPath: outside.path).lastPathComponent
        #expect(try await bucket.metadata(forKey: try key("dotdot/\(escapedFolderName)/secret.txt")) == nil)
    }

    @Test func refusesNamesAndFoldersThatAreNotBuckets() throws {
        let folder = try TemporaryFolder()
        try folder.write("file.txt", "x")
        #expect(throws: BucketError.self) { try FolderBucket(name: "site", folder: folder.path + "/missing") }
        #expect(throws: BucketError.self) { try FolderBucket(name: "site", folder: folder.path + "/file.txt") }
        for name in ["ab", "Site", "-site", "site-", "my..site", "my_site", String(repeating: "a", count: 64)] {
            #expect(throws: BucketError.self) { try FolderBucket(name: name, folder: folder.path) }
        }
        let error = try #require(throws: BucketError.self) { try FolderBucket(name: "site", folder: folder.path + "/missing") }
        #expect(error.description.contains("/missing' does not exist"))
    }

    @Test func putObjectWritesAtomicallyAndCreatesFolders() async throws {
        let folder = try TemporaryFolder()
        let bucket = try folder.bucket()
        let objectKey = try key("assets/js/app.js")
        let metadata = try await bucket.putObject(objectKey, body: ByteBuffer(string: "console.log(1)"))
        #expect(metadata.etag == md5ETag("console.log(1)"))
        #expect(folder.read("assets/js/app.js") == "console.log(1)")

        try await bucket.putObject(objectKey, body: ByteBuffer(string: "console.log(2)"))
        #expect(folder.read("assets/js/app.js") == "console.log(2)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/assets/js")
        #expect(leftovers == ["app.js"])
    }

    @Test func putObjectReplacesASymbolicLinkRatherThanWritingThroughIt() async throws {
        let outside = try TemporaryFolder()
        try outside.write("target.txt", "untouched")
        let folder = try TemporaryFolder()
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/link.txt", withDestinationPath: outside.path + "/target.txt")
        try await folder.bucket().putObject(key("link.txt"), body: ByteBuffer(string: "new"))
        #expect(outside.read("target.txt") == "untouched")
        #expect(folder.read("link.txt") == "new")
    }

    @Test func putObjectNeverCreatesFoldersOutsideThroughALink() async throws {
        let outside = try TemporaryFolder()
        let folder = try TemporaryFolder()
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/out", withDestinationPath: outside.path)
        let bucket = try folder.bucket()
        await #expect(throws: BucketError.self) { try await bucket.putObject(key("out/x.txt"), body: ByteBuffer(string: "x")) }
        #expect(!outside.exists("x.txt"))
    }

    @Test func aKeyCannotBeBothAFileAndAFolder() async throws {
        let folder = try TemporaryFolder()
        try folder.write("a", "file")
        try folder.write("dir/inner.txt", "x")
        let bucket = try folder.bucket()
        await #expect(throws: BucketError.self) { try await bucket.putObject(key("a/b"), body: ByteBuffer(string: "x")) }
        await #expect(throws: BucketError.self) { try await bucket.putObject(key("dir"), body: ByteBuffer(string: "x")) }
        #expect(folder.read("a") == "file")
    }

    @Test func deleteObjectRemovesTheFileAndFoldersLeftEmpty() async throws {
        let folder = try TemporaryFolder()
        try folder.write("a/b/c.txt", "x")
        try folder.write("a/keep.txt", "y")
        let bucket = try folder.bucket()
        try await bucket.deleteObject(key("a/b/c.txt"))
        #expect(!folder.exists("a/b"))
        #expect(folder.exists("a/keep.txt"))
        try await bucket.deleteObject(key("never/was.txt"))
        #expect(folder.exists("a/keep.txt"))
    }

    @Test func deleteObjectRemovesALinkNotItsTarget() async throws {
        let outside = try TemporaryFolder()
        try outside.write("target.txt", "keep me")
        let folder = try TemporaryFolder()
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/link.txt", withDestinationPath: outside.path + "/target.txt")
        try await folder.bucket().deleteObject(key("link.txt"))
        #expect(outside.read("target.txt") == "keep me")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: folder.path + "/link.txt")) == nil)
    }
}
