import Bucket
import Foundation
import NIOCore
import NIOHTTP1
import Testing

@Suite struct S3APITests {
    let folder: TemporaryFolder
    let other: TemporaryFolder
    let api: S3API

    init() throws {
        folder = try TemporaryFolder()
        other = try TemporaryFolder()
        try folder.write("index.html", "<h1>home</h1>")
        api = S3API(buckets: [try folder.bucket("site"), try other.bucket("assets")])
    }

    @Test func listBuckets() async {
        let response = await api.call(.GET, "/")
        #expect(response.status == .ok)
        #expect(elements("Name", in: response.bodyText) == ["assets", "site"])
        #expect(
            response.bodyText.hasPrefix(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListAllMyBucketsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Owner>"
            )
        )
        #expect(elements("CreationDate", in: response.bodyText).allSatisfy { $0.hasSuffix(".000Z") })
    }

    @Test func headBucketAndLocation() async {
        let head = await api.call(.HEAD, "/site")
        #expect(head.status == .ok)
        #expect(head.header("x-amz-bucket-region") == "us-east-1")
        let location = await api.call(.GET, "/site?location")
        #expect(
            location.bodyText == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>"
        )
        let elsewhere = S3API(buckets: [try! folder.bucket()], configuration: .init(region: "eu-west-1"))
        #expect(await elsewhere.call(.GET, "/site?location").bodyText.hasSuffix(">eu-west-1</LocationConstraint>"))
    }

    @Test func unknownBucketIsNoSuchBucket() async {
        let response = await api.call(.GET, "/nope/index.html")
        #expect(response.status == .notFound)
        #expect(
            normalizingIDs(response.bodyText, response)
                == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message>"
                + "<BucketName>nope</BucketName><RequestId>REQUESTID</RequestId><HostId>HOSTID</HostId></Error>"
        )
        let head = await api.call(.HEAD, "/nope")
        #expect(head.status == .notFound)
        #expect(head.body == nil)
    }

    @Test func getAndHeadObjectAnswerNoSuchKeyToTheOwner() async {
        let found = await api.call(.GET, "/site/index.html")
        #expect(found.status == .ok)
        #expect(found.bodyText == "<h1>home</h1>")
        let missing = await api.call(.GET, "/site/missing.html")
        #expect(missing.status == .notFound)
        #expect(missing.bodyText.contains("<Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>missing.html</Key>"))
        let head = await api.call(.HEAD, "/site/missing.html")
        #expect(head.status == .notFound)
        #expect(head.body == nil)
    }

    @Test func getObjectResponseOverrides() async {
        let response = await api.call(.GET, "/site/index.html?response-content-type=text/plain&response-cache-control=no-cache")
        #expect(response.header("Content-Type") == "text/plain")
        #expect(response.header("Cache-Control") == "no-cache")
    }

    @Test func virtualHostedRequestsNameTheBucketInTheHost() async {
        let response = await api.call(.GET, "/index.html", headers: [("Host", "site.localhost:4566")])
        #expect(response.bodyText == "<h1>home</h1>")
        let listing = await api.call(.GET, "/?list-type=2", headers: [("Host", "site.localhost:4566")])
        #expect(listedKeys(listing.bodyText) == ["index.html"])
        let pathStyle = await api.call(.GET, "/site/index.html", headers: [("Host", "127.0.0.1:4566")])
        #expect(pathStyle.bodyText == "<h1>home</h1>")
    }

    // MARK: PutObject

    @Test func putObjectStoresTheFile() async {
        let response = await api.call(.PUT, "/site/assets/app.js", headers: [("Content-Type", "text/javascript")], body: "alert(1)")
        #expect(response.status == .ok)
        #expect(response.header("ETag") == md5ETag("alert(1)"))
        #expect(response.header("Content-Length") == "0")
        #expect(folder.read("assets/app.js") == "alert(1)")
        #expect(await api.call(.GET, "/site/assets/app.js").bodyText == "alert(1)")
    }

    @Test func putObjectChecksContentMD5() async {
        let good = await api.call(.PUT, "/site/a.txt", headers: [("Content-MD5", base64MD5(Data("abc".utf8)))], body: "abc")
        #expect(good.status == .ok)
        let wrong = base64MD5(Data("xyz".utf8))
        let bad = await api.call(.PUT, "/site/a.txt", headers: [("Content-MD5", wrong)], body: "abd")
        #expect(bad.status == .badRequest)
        #expect(
            normalizingIDs(bad.bodyText, bad)
                == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>BadDigest</Code>"
                + "<Message>The Content-MD5 you specified did not match what we received.</Message>"
                + "<ExpectedDigest>\(wrong)</ExpectedDigest><CalculatedDigest>\(base64MD5(Data("abd".utf8)))</CalculatedDigest>"
                + "<RequestId>REQUESTID</RequestId><HostId>HOSTID</HostId></Error>"
        )
        #expect(folder.read("a.txt") == "abc")
        let invalid = await api.call(.PUT, "/site/a.txt", headers: [("Content-MD5", "not-md5")], body: "abd")
        #expect(invalid.status == .badRequest)
        #expect(invalid.bodyText.contains("<Code>InvalidDigest</Code>"))
    }

    @Test func putObjectChecksThePayloadHash() async {
        let bad = await api.call(.PUT, "/site/a.txt", headers: [("x-amz-content-sha256", String(repeating: "0", count: 64))], body: "abc")
        #expect(bad.status == .badRequest)
        #expect(bad.bodyText.contains("<Code>XAmzContentSHA256Mismatch</Code>"))
        let sha = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        let good = await api.call(.PUT, "/site/a.txt", headers: [("x-amz-content-sha256", sha)], body: "abc")
        #expect(good.status == .ok)
        let unsigned = await api.call(.PUT, "/site/b.txt", headers: [("x-amz-content-sha256", "UNSIGNED-PAYLOAD")], body: "abc")
        #expect(unsigned.status == .ok)
    }

    @Test func putObjectDecodesSignedAWSChunkedBodies() async {
        let body = "5;chunk-signature=aaaa\r\nhello\r\n6;chunk-signature=bbbb\r\n world\r\n0;chunk-signature=cccc\r\n\r\n"
        let response = await api.call(
            .PUT,
            "/site/chunked.txt",
            headers: [
                ("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"), ("Content-Encoding", "aws-chunked"),
                ("x-amz-decoded-content-length", "11"),
            ],
            body: body
        )
        #expect(response.status == .ok)
        #expect(folder.read("chunked.txt") == "hello world")
        #expect(response.header("ETag") == md5ETag("hello world"))

        let lying = await api.call(
            .PUT,
            "/site/chunked.txt",
            headers: [("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"), ("x-amz-decoded-content-length", "12")],
            body: body
        )
        #expect(lying.status == .badRequest)
        #expect(lying.bodyText.contains("<Code>IncompleteBody</Code>"))
    }

    @Test func putObjectDecodesUnsignedTrailersAndChecksTheirChecksum() async {
        // CRC32("hello") = 0x3610A686.
        let body = "5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n"
        let headers = [
            ("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER"), ("Content-Encoding", "aws-chunked"),
            ("x-amz-trailer", "x-amz-checksum-crc32"), ("x-amz-decoded-content-length", "5"),
        ]
        let response = await api.call(.PUT, "/site/trailer.txt", headers: headers, body: body)
        #expect(response.status == .ok)
        #expect(response.header("x-amz-checksum-crc32") == "NhCmhg==")
        #expect(folder.read("trailer.txt") == "hello")

        let corrupt = await api.call(.PUT, "/site/trailer.txt", headers: headers, body: "5\r\nhellp\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n")
        #expect(corrupt.status == .badRequest)
        #expect(corrupt.bodyText.contains("<Code>BadDigest</Code><Message>The CRC32 you specified did not match the calculated checksum.</Message>"))
        #expect(folder.read("trailer.txt") == "hello")

        let short = await api.call(.PUT, "/site/short.txt", headers: headers, body: "5\r\nhel")
        #expect(short.status == .badRequest)
        #expect(short.bodyText.contains("<Code>IncompleteBody</Code>"))
    }

    @Test func putObjectChecksChecksumHeaders() async {
        let good = await api.call(.PUT, "/site/c.txt", headers: [("x-amz-checksum-crc32", "NhCmhg==")], body: "hello")
        #expect(good.status == .ok)
        #expect(good.header("x-amz-checksum-crc32") == "NhCmhg==")
        let bad = await api.call(.PUT, "/site/c.txt", headers: [("x-amz-checksum-sha256", "AAAA")], body: "hello")
        #expect(bad.status == .badRequest)
    }

    @Test(arguments: ["/site/../escape.txt", "/site/%2e%2e/escape.txt", "/site/a%5C..%5Cb", "/site/a%00b"])
    func putObjectNeverWritesOutsideTheFolder(target: String) async throws {
        let response = await api.call(.PUT, target, body: "x")
        #expect(response.status == .badRequest)
        #expect(response.bodyText.contains("<Code>InvalidArgument</Code>"))
        let parent = (folder.path as NSString).deletingLastPathComponent
        #expect(!FileManager.default.fileExists(atPath: parent + "/escape.txt"))
    }

    @Test func putObjectIsAtomicForConcurrentReaders() async throws {
        let size = 1_000_000
        let versions = [String(repeating: "A", count: size), String(repeating: "B", count: size)]
        let etags = Set(versions.map(md5ETag))
        let api = self.api
        _ = await api.call(.PUT, "/site/big.bin", body: versions[0])
        let observed = await withTaskGroup(of: [String].self) { group in
            group.addTask {
                for round in 1...20 { _ = await api.call(.PUT, "/site/big.bin", body: versions[round % 2]) }
                return []
            }
            for _ in 0..<2 {
                group.addTask {
                    var problems: [String] = []
                    for _ in 0..<40 {
                        let response = await api.call(.GET, "/site/big.bin")
                        let body = response.bodyText
                        if !versions.contains(body) { problems.append("torn body of \(body.utf8.count) bytes") }
                        if let etag = response.header("ETag"), !etags.contains(etag) || md5ETag(body) != etag {
                            problems.append("ETag \(etag) does not match body")
                        }
                    }
                    return problems
                }
            }
            var all: [String] = []
            for await problems in group { all += problems }
            return all
        }
        #expect(observed.isEmpty)
    }

    @Test func folderKeysCreateFolders() async {
        let response = await api.call(.PUT, "/site/photos/2006/", body: "")
        #expect(response.status == .ok)
        #expect(response.header("ETag") == md5ETag(""))
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: folder.path + "/photos/2006", isDirectory: &isDirectory) && isDirectory.boolValue)
        let withData = await api.call(.PUT, "/site/photos/", body: "data")
        #expect(withData.status == .badRequest)
    }

    // MARK: Delete and copy

    @Test func deleteObjectAnswers204WhetherOrNotTheKeyExisted() async throws {
        try folder.write("old.txt", "old")
        let deleted = await api.call(.DELETE, "/site/old.txt")
        #expect(deleted.status == .noContent)
        #expect(!folder.exists("old.txt"))
        #expect(await api.call(.DELETE, "/site/old.txt").status == .noContent)
        #expect(await api.call(.DELETE, "/site/%2e%2e/index.html").status == .noContent)
        #expect(folder.exists("index.html"))
    }

    @Test func deleteObjectsRemovesEachKey() async throws {
        try folder.write("a.txt", "a")
        try folder.write("dir/b.txt", "b")
        let document =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
            + "<Object><Key>a.txt</Key></Object><Object><Key>dir/b.txt</Key></Object><Object><Key>never.txt</Key></Object></Delete>"
        let response = await api.call(.POST, "/site?delete", headers: [("Content-MD5", base64MD5(Data(document.utf8)))], body: document)
        #expect(response.status == .ok)
        #expect(elements("Deleted", in: response.bodyText).flatMap { elements("Key", in: $0) } == ["a.txt", "dir/b.txt", "never.txt"])
        #expect(!folder.exists("a.txt") && !folder.exists("dir"))

        try folder.write("q.txt", "q")
        let quiet = "<Delete><Quiet>true</Quiet><Object><Key>q.txt</Key></Object></Delete>"
        let quietResponse = await api.call(.POST, "/site?delete", body: quiet)
        #expect(elements("Deleted", in: quietResponse.bodyText).isEmpty)
        #expect(!folder.exists("q.txt"))

        let malformed = await api.call(.POST, "/site?delete", body: "<Delete><Object>")
        #expect(malformed.status == .badRequest)
        #expect(malformed.bodyText.contains("<Code>MalformedXML</Code>"))
    }

    @Test func copyObjectCopiesBetweenBuckets() async throws {
        let response = await api.call(.PUT, "/assets/copied/home.html", headers: [("x-amz-copy-source", "/site/index.html")])
        #expect(response.status == .ok)
        #expect(elements("ETag", in: response.bodyText) == [md5ETag("<h1>home</h1>").replacingOccurrences(of: "\"", with: "&quot;")])
        #expect(other.read("copied/home.html") == "<h1>home</h1>")
        let missing = await api.call(.PUT, "/assets/x.html", headers: [("x-amz-copy-source", "site/none.html")])
        #expect(missing.status == .notFound)
    }

    // MARK: Multipart uploads

    @Test func multipartUploadAssemblesThePartsInOrder() async throws {
        let created = await api.call(.POST, "/site/video/clip.mp4?uploads")
        let uploadID = try #require(elements("UploadId", in: created.bodyText).first)
        let first = String(repeating: "1", count: S3APIFixtures.partSize)
        let second = "tail"
        let part1 = await api.call(.PUT, "/site/video/clip.mp4?partNumber=1&uploadId=\(uploadID)", body: first)
        let part2 = await api.call(.PUT, "/site/video/clip.mp4?partNumber=2&uploadId=\(uploadID)", body: second)
        #expect(part1.header("ETag") == md5ETag(first))
        let completion =
            "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\(part1.header("ETag") ?? "")</ETag></Part>"
            + "<Part><PartNumber>2</PartNumber><ETag>\(part2.header("ETag") ?? "")</ETag></Part></CompleteMultipartUpload>"
        let completed = await api.call(.POST, "/site/video/clip.mp4?uploadId=\(uploadID)", body: completion)
        #expect(completed.status == .ok)
        #expect(elements("Key", in: completed.bodyText) == ["video/clip.mp4"])
        #expect(folder.read("video/clip.mp4") == first + second)
        #expect(await api.call(.HEAD, "/site/video/clip.mp4").header("ETag") == md5ETag(first + second))
        let again = await api.call(.POST, "/site/video/clip.mp4?uploadId=\(uploadID)", body: completion)
        #expect(again.status == .notFound)
        #expect(again.bodyText.contains("<Code>NoSuchUpload</Code>"))
    }

    @Test func multipartUploadEnforcesS3sRules() async throws {
        let uploadID = try #require(elements("UploadId", in: await api.call(.POST, "/site/m.bin?uploads").bodyText).first)
        let small = await api.call(.PUT, "/site/m.bin?partNumber=1&uploadId=\(uploadID)", body: "small")
        _ = await api.call(.PUT, "/site/m.bin?partNumber=2&uploadId=\(uploadID)", body: "last")
        let etag1 = small.header("ETag") ?? ""
        let tooSmall = await api.call(
            .POST,
            "/site/m.bin?uploadId=\(uploadID)",
            body:
                "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\(etag1)</ETag></Part><Part><PartNumber>2</PartNumber><ETag>\(md5ETag("last"))</ETag></Part></CompleteMultipartUpload>"
        )
        #expect(tooSmall.bodyText.contains("<Code>EntityTooSmall</Code>"))
        let wrongETag = await api.call(
            .POST,
            "/site/m.bin?uploadId=\(uploadID)",
            body: "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\"0000\"</ETag></Part></CompleteMultipartUpload>"
        )
        #expect(wrongETag.bodyText.contains("<Code>InvalidPart</Code>"))
        let unordered = await api.call(
            .POST,
            "/site/m.bin?uploadId=\(uploadID)",
            body:
                "<CompleteMultipartUpload><Part><PartNumber>2</PartNumber><ETag>\(md5ETag("last"))</ETag></Part><Part><PartNumber>1</PartNumber><ETag>\(etag1)</ETag></Part></CompleteMultipartUpload>"
        )
        #expect(unordered.bodyText.contains("<Code>InvalidPartOrder</Code>"))
        #expect(await api.call(.DELETE, "/site/m.bin?uploadId=\(uploadID)").status == .noContent)
        #expect(await api.call(.PUT, "/site/m.bin?partNumber=3&uploadId=\(uploadID)", body: "x").status == .notFound)
        #expect(!folder.exists("m.bin"))
    }

    // MARK: Everything else

    @Test func unsupportedOperationsSayWhat() async {
        let response = await api.call(.GET, "/site?versioning")
        #expect(response.status == .notImplemented)
        #expect(
            response.bodyText.contains("<Code>NotImplemented</Code><Message>EdgeSim's S3 API does not implement ?versioning on a bucket.</Message>")
        )
        #expect(await api.call(.PUT, "/site").status == .conflict)
        #expect(await api.call(.PATCH, "/site/index.html").status == .methodNotAllowed)
        #expect(await api.call(.POST, "/").status == .methodNotAllowed)
    }
}

enum S3APIFixtures {
    static let partSize = 5 * 1024 * 1024
}
