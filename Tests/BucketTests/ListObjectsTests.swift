import Bucket
import Foundation
import NIOCore
import Testing

@Suite struct ListObjectsTests {
    let folder: TemporaryFolder
    let api: S3API

    static let keys = ["Z.txt", "a.txt", "b/1.txt", "b/2.txt", "b/c/3.txt", "d.txt", "e/4.txt", "sp ace.txt", "é.txt"]

    init() throws {
        folder = try TemporaryFolder()
        for key in Self.keys.shuffled() {
            try folder.write(key, "content of \(key)")
            try folder.setModificationDate(key, epochSeconds: 1_255_369_830)
        }
        api = S3API(buckets: [try folder.bucket()])
    }

    @Test func listsEveryKeyInUTF8BinaryOrder() async {
        let response = await api.call(.GET, "/site?list-type=2")
        #expect(response.status == .ok)
        #expect(response.header("Content-Type") == "application/xml")
        #expect(listedKeys(response.bodyText) == Self.keys)
        #expect(elements("KeyCount", in: response.bodyText) == ["9"])
        #expect(elements("IsTruncated", in: response.bodyText) == ["false"])
    }

    @Test func theDocumentIsS3sShape() async throws {
        let response = await api.call(.GET, "/site?list-type=2&prefix=b/&delimiter=/")
        let etag1 = md5ETag("content of b/1.txt").replacingOccurrences(of: "\"", with: "&quot;")
        let etag2 = md5ETag("content of b/2.txt").replacingOccurrences(of: "\"", with: "&quot;")
        let expected =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
            + "<Name>site</Name><Prefix>b/</Prefix><Delimiter>/</Delimiter><MaxKeys>1000</MaxKeys><KeyCount>3</KeyCount>"
            + "<IsTruncated>false</IsTruncated>"
            + "<Contents><Key>b/1.txt</Key><LastModified>2009-10-12T17:50:30.000Z</LastModified><ETag>\(etag1)</ETag>"
            + "<Size>18</Size><StorageClass>STANDARD</StorageClass></Contents>"
            + "<Contents><Key>b/2.txt</Key><LastModified>2009-10-12T17:50:30.000Z</LastModified><ETag>\(etag2)</ETag>"
            + "<Size>18</Size><StorageClass>STANDARD</StorageClass></Contents>"
            + "<CommonPrefixes><Prefix>b/c/</Prefix></CommonPrefixes></ListBucketResult>"
        #expect(response.bodyText == expected)
    }

    @Test func pagesWithADelimiterCountEachCommonPrefixOnce() async throws {
        var pages: [([String], [String], String)] = []
        var token: String?
        repeat {
            var target = "/site?list-type=2&delimiter=%2F&max-keys=2"
            if let token { target += "&continuation-token=" + (token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") }
            let body = await api.call(.GET, target).bodyText
            pages.append((listedKeys(body), listedPrefixes(body), elements("KeyCount", in: body).first ?? ""))
            if let sent = token { #expect(elements("ContinuationToken", in: body) == [sent]) }
            token = elements("NextContinuationToken", in: body).first
            #expect(elements("IsTruncated", in: body) == [token == nil ? "false" : "true"])
        } while token != nil && pages.count < 10
        #expect(pages.map(\.0) == [["Z.txt", "a.txt"], ["d.txt"], ["sp ace.txt"], ["é.txt"]])
        #expect(pages.map(\.1) == [[], ["b/"], ["e/"], []])
        #expect(pages.map(\.2) == ["2", "2", "2", "1"])
    }

    @Test func prefixAndDelimiterRollUpSubfolders() async {
        let body = await api.call(.GET, "/site?list-type=2&prefix=b/&delimiter=/").bodyText
        #expect(listedKeys(body) == ["b/1.txt", "b/2.txt"])
        #expect(listedPrefixes(body) == ["b/c/"])
        let partial = await api.call(.GET, "/site?list-type=2&prefix=b/c").bodyText
        #expect(listedKeys(partial) == ["b/c/3.txt"])
        let none = await api.call(.GET, "/site?list-type=2&prefix=zzz").bodyText
        #expect(listedKeys(none).isEmpty)
        #expect(elements("KeyCount", in: none) == ["0"])
    }

    @Test func startAfterSkipsKeysUpToIt() async {
        let body = await api.call(.GET, "/site?list-type=2&start-after=b/2.txt").bodyText
        #expect(listedKeys(body) == ["b/c/3.txt", "d.txt", "e/4.txt", "sp ace.txt", "é.txt"])
        #expect(elements("StartAfter", in: body) == ["b/2.txt"])
    }

    @Test func encodingTypeURLEncodesKeysAndPrefixes() async {
        let body = await api.call(.GET, "/site?list-type=2&encoding-type=url&delimiter=/&start-after=e").bodyText
        #expect(listedKeys(body) == ["sp+ace.txt", "%C3%A9.txt"])
        #expect(listedPrefixes(body) == ["e/"])
        #expect(elements("EncodingType", in: body) == ["url"])
    }

    @Test func maxKeysIsCheckedAndCapped() async {
        let bad = await api.call(.GET, "/site?list-type=2&max-keys=abc")
        #expect(bad.status == .badRequest)
        #expect(bad.bodyText.contains("<Code>InvalidArgument</Code>"))
        let zero = await api.call(.GET, "/site?list-type=2&max-keys=0").bodyText
        #expect(listedKeys(zero).isEmpty)
        #expect(elements("IsTruncated", in: zero) == ["false"])
        let badToken = await api.call(.GET, "/site?list-type=2&continuation-token=%21%21")
        #expect(badToken.status == .badRequest)
    }

    @Test func listObjectsVersion1UsesMarkers() async {
        let body = await api.call(.GET, "/site?delimiter=/&max-keys=3").bodyText
        #expect(listedKeys(body) == ["Z.txt", "a.txt"])
        #expect(listedPrefixes(body) == ["b/"])
        #expect(elements("NextMarker", in: body) == ["b/"])
        #expect(body.contains("<Owner><ID>"))
        let next = await api.call(.GET, "/site?delimiter=/&max-keys=3&marker=b/").bodyText
        #expect(listedKeys(next) == ["d.txt", "sp ace.txt"])
        #expect(listedPrefixes(next) == ["e/"])
    }

    @Test func fetchOwnerAddsOwners() async {
        let without = await api.call(.GET, "/site?list-type=2&max-keys=1").bodyText
        #expect(!without.contains("<Owner>"))
        let with = await api.call(.GET, "/site?list-type=2&max-keys=1&fetch-owner=true").bodyText
        #expect(with.contains("<StorageClass>STANDARD</StorageClass><Owner><ID>"))
    }

    @Test func uploadTemporariesAndLinksOutAreNotListed() async throws {
        let outside = try TemporaryFolder()
        try outside.write("secret.txt", "x")
        try folder.write(".edgesim-upload-0123", "half written")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/out", withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/loop", withDestinationPath: folder.path)
        let body = await api.call(.GET, "/site?list-type=2").bodyText
        #expect(listedKeys(body) == Self.keys)
    }
}
