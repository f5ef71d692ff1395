import Bucket
import Foundation
import NIOCore
import NIOHTTP1
import Testing

@Suite struct BucketEndpointTests {
    let folder: TemporaryFolder
    let endpoint: BucketEndpoint

    /// `digits.txt` holds `0123456789`, modified at 1,700,000,000 (Tue, 14 Nov 2023 22:13:20 GMT).
    init() throws {
        folder = try TemporaryFolder()
        try folder.write("digits.txt", "0123456789")
        try folder.setModificationDate("digits.txt", epochSeconds: 1_700_000_000)
        try folder.write("index.html", "<!doctype html><title>app</title>")
        endpoint = BucketEndpoint(bucket: try folder.bucket())
    }

    static let lastModified = "Tue, 14 Nov 2023 22:13:20 GMT"
    static let etag = md5ETag("0123456789")

    @Test func getAnswersWithS3sObjectHeaders() async throws {
        let response = await endpoint.respond(method: .GET, path: "/digits.txt", headers: [:])
        #expect(response.status == .ok)
        #expect(response.bodyText == "0123456789")
        let names = response.headers.map(\.name)
        #expect(
            names == [
                "x-amz-id-2", "x-amz-request-id", "Date", "Last-Modified", "ETag", "x-amz-server-side-encryption", "Accept-Ranges",
                "Content-Type", "Server", "Content-Length",
            ]
        )
        #expect(response.header("ETag") == Self.etag)
        #expect(response.header("Last-Modified") == Self.lastModified)
        #expect(response.header("Content-Type") == "text/plain; charset=utf-8")
        #expect(response.header("Content-Length") == "10")
        #expect(response.header("Server") == "AmazonS3")
        #expect(response.header("Accept-Ranges") == "bytes")
        #expect(response.header("x-amz-server-side-encryption") == "AES256")
        let requestID = try #require(response.header("x-amz-request-id"))
        #expect(requestID.utf8.count == 16 && requestID.allSatisfy { $0.isHexDigit && !$0.isLowercase })
        #expect(Data(base64Encoded: try #require(response.header("x-amz-id-2"))) != nil)
    }

    @Test func everyResponseGetsItsOwnRequestID() async {
        let first = await endpoint.respond(method: .GET, path: "/digits.txt", headers: [:])
        let second = await endpoint.respond(method: .GET, path: "/digits.txt", headers: [:])
        #expect(first.header("x-amz-request-id") != second.header("x-amz-request-id"))
    }

    @Test func headHasTheHeadersButNoBody() async {
        let response = await endpoint.respond(method: .HEAD, path: "/digits.txt", headers: [:])
        #expect(response.status == .ok)
        #expect(response.body == nil)
        #expect(response.header("Content-Length") == "10")
        #expect(response.header("ETag") == Self.etag)
    }

    @Test func missingKeyIsAccessDeniedByDefault() async {
        let response = await endpoint.respond(method: .GET, path: "/shows/42", headers: [:])
        #expect(response.status == .forbidden)
        #expect(response.header("Content-Type") == "application/xml")
        #expect(response.header("Server") == "AmazonS3")
        #expect(
            normalizingIDs(response.bodyText, response)
                == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message>"
                + "<RequestId>REQUESTID</RequestId><HostId>HOSTID</HostId></Error>"
        )
        #expect(response.header("Content-Length") == String(response.bodyText.utf8.count))
    }

    @Test func missingKeyIsNoSuchKeyWhenTheCallerMayList() async throws {
        let endpoint = BucketEndpoint(bucket: try folder.bucket(), configuration: .init(missingKeyStatus: .noSuchKey))
        let response = await endpoint.respond(method: .GET, path: "/shows/42", headers: [:])
        #expect(response.status == .notFound)
        #expect(
            normalizingIDs(response.bodyText, response)
                == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>"
                + "<Key>shows/42</Key><RequestId>REQUESTID</RequestId><HostId>HOSTID</HostId></Error>"
        )
    }

    @Test func headErrorsHaveNoBody() async {
        let response = await endpoint.respond(method: .HEAD, path: "/missing.txt", headers: [:])
        #expect(response.status == .forbidden)
        #expect(response.body == nil)
        #expect(response.header("Content-Length") == nil)
    }

    @Test(arguments: [
        "/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E/%2e./etc/passwd", "/a\\..\\b", "/a%5c..%5cb", "/index.html%00",
        "/%00", "/..%2fetc%2fpasswd", "/assets/../../../etc/passwd", "//etc/passwd",
    ])
    func traversalAttemptsAnswerAsAMissingKey(path: String) async throws {
        let endpoint = BucketEndpoint(bucket: try folder.bucket(), configuration: .init(missingKeyStatus: .noSuchKey))
        let response = await endpoint.respond(method: .GET, path: path, headers: [:])
        #expect(response.status == .notFound)
        #expect(response.header("Content-Type") == "application/xml")
        #expect(!response.bodyText.contains("root:"))
        #expect(response.bodyText.contains("<Code>NoSuchKey</Code>"))
    }

    @Test(arguments: [
        "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/%2e./secret.txt", "/.%2E/secret.txt",
        "/assets/%2e%2e/%2e%2e/secret.txt", "/..%5csecret.txt", "/%5c..%5csecret.txt", "/secret.txt%00", "/..%2fsecret.txt",
    ])
    func traversalNeverReadsTheFolderAroundTheBucket(path: String) async throws {
        // The bucket is `outer/site`; `outer/secret.txt` sits one level up, where `..` would lead.
        let outer = try TemporaryFolder()
        try outer.write("secret.txt", "the secret")
        try outer.write("site/assets/app.js", "app")
        let endpoint = BucketEndpoint(bucket: try FolderBucket(name: "site", folder: outer.path + "/site"))
        for method in [HTTPMethod.GET, .HEAD] {
            let response = await endpoint.respond(method: method, path: path, headers: [:])
            #expect(response.status == .forbidden)
            #expect(response.header("ETag") == nil)
            #expect(!response.bodyText.contains("the secret"))
        }
        #expect(await endpoint.respond(method: .GET, path: "/assets/app.js", headers: [:]).bodyText == "app")
    }

    @Test func aLinkPointingOutAnswersAsAMissingKey() async throws {
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/passwd", withDestinationPath: "/etc/passwd")
        let response = await endpoint.respond(method: .GET, path: "/passwd", headers: [:])
        #expect(response.status == .forbidden)
        #expect(!response.bodyText.contains("root:"))
    }

    @Test func rootWithoutListPermissionIsAccessDenied() async {
        let response = await endpoint.respond(method: .GET, path: "/", headers: [:])
        #expect(response.status == .forbidden)
        #expect(response.bodyText.contains("<Code>AccessDenied</Code>"))
    }

    @Test func rootWithListPermissionListsTheBucket() async throws {
        let endpoint = BucketEndpoint(bucket: try folder.bucket(), configuration: .init(missingKeyStatus: .noSuchKey))
        let response = await endpoint.respond(method: .GET, path: "/", headers: [:])
        #expect(response.status == .ok)
        #expect(response.bodyText.contains("<Key>digits.txt</Key>"))
        #expect(response.bodyText.contains("<Key>index.html</Key>"))
    }

    @Test func postIsMethodNotAllowed() async {
        let response = await endpoint.respond(method: .POST, path: "/digits.txt", headers: [:])
        #expect(response.status == .methodNotAllowed)
        #expect(
            normalizingIDs(response.bodyText, response)
                == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>MethodNotAllowed</Code>"
                + "<Message>The specified method is not allowed against this resource.</Message><Method>POST</Method>"
                + "<ResourceType>OBJECT</ResourceType><RequestId>REQUESTID</RequestId><HostId>HOSTID</HostId></Error>"
        )
    }

    @Test(arguments: [HTTPMethod.PUT, .DELETE])
    func writesThroughTheOriginAreDeniedAsAReadOnlyOriginAccessPolicyDenies(method: HTTPMethod) async {
        let response = await endpoint.respond(method: method, path: "/digits.txt", headers: [:])
        #expect(response.status == .forbidden)
        #expect(response.bodyText.contains("<Code>AccessDenied</Code>"))
        #expect(folder.read("digits.txt") == "0123456789")
    }

    @Test func corsPreflightWithoutACorsConfiguration() async {
        let withoutOrigin = await endpoint.respond(method: .OPTIONS, path: "/digits.txt", headers: [:])
        #expect(withoutOrigin.status == .badRequest)
        #expect(withoutOrigin.bodyText.contains("<Code>BadRequest</Code><Message>Insufficient information. Origin request header needed.</Message>"))
        let preflight = await endpoint.respond(
            method: .OPTIONS,
            path: "/digits.txt",
            headers: headers([("Origin", "https://app.example"), ("Access-Control-Request-Method", "GET")])
        )
        #expect(preflight.status == .forbidden)
        #expect(
            preflight.bodyText.contains(
                "<Code>AccessForbidden</Code><Message>CORSResponse: CORS is not enabled for this bucket.</Message><Method>GET</Method><ResourceType>BUCKET</ResourceType>"
            )
        )
    }

    // MARK: Conditionals (aws-behaviour §2.5)

    static let conditionalCases: [([(String, String)], HTTPResponseStatus, String?)] = [
        ([("If-Match", etag)], .ok, nil),
        ([("If-Match", "\"other\"")], .preconditionFailed, "If-Match"),
        ([("If-Unmodified-Since", "Mon, 13 Nov 2023 00:00:00 GMT")], .preconditionFailed, "If-Unmodified-Since"),
        ([("If-Unmodified-Since", lastModified)], .ok, nil),
        ([("If-None-Match", etag)], .notModified, nil),
        ([("If-None-Match", String(etag.dropFirst().dropLast()))], .notModified, nil),  // unquoted still matches
        ([("If-None-Match", "\"other\"")], .ok, nil),
        ([("If-Modified-Since", lastModified)], .notModified, nil),
        ([("If-Modified-Since", "Mon, 13 Nov 2023 00:00:00 GMT")], .ok, nil),
        ([("If-Modified-Since", "Fri, 01 Jan 2100 00:00:00 GMT")], .ok, nil),  // future: ignored
        // If-Match true + If-Unmodified-Since false → 200.
        ([("If-Match", etag), ("If-Unmodified-Since", "Mon, 13 Nov 2023 00:00:00 GMT")], .ok, nil),
        // If-None-Match false + If-Modified-Since true → 304.
        ([("If-None-Match", "\"other\""), ("If-Modified-Since", lastModified)], .ok, nil),
        ([("If-None-Match", etag), ("If-Modified-Since", "Mon, 13 Nov 2023 00:00:00 GMT")], .notModified, nil),
    ]

    @Test(arguments: conditionalCases)
    func conditionalsFollowS3(requestHeaders: [(String, String)], status: HTTPResponseStatus, condition: String?) async {
        let response = await endpoint.respond(method: .GET, path: "/digits.txt", headers: headers(requestHeaders))
        #expect(response.status == status)
        switch status {
        case .notModified:
            #expect(response.body == nil)
            #expect(response.header("ETag") == Self.etag)
            #expect(response.header("Last-Modified") == Self.lastModified)
        case .preconditionFailed:
            #expect(
                normalizingIDs(response.bodyText, response)
                    == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>PreconditionFailed</Code>"
                    + "<Message>At least one of the pre-conditions you specified did not hold</Message>"
                    + "<Condition>\(condition ?? "")</Condition><RequestId>REQUESTID</RequestId><HostId>HOSTID</HostId></Error>"
            )
        default:
            #expect(response.bodyText == "0123456789")
        }
    }

    @Test func headConditionalFailuresAreBare() async {
        let failed = await endpoint.respond(method: .HEAD, path: "/digits.txt", headers: headers([("If-Match", "\"other\"")]))
        #expect(failed.status == .preconditionFailed)
        #expect(failed.body == nil)
        let notModified = await endpoint.respond(method: .HEAD, path: "/digits.txt", headers: headers([("If-None-Match", Self.etag)]))
        #expect(notModified.status == .notModified)
        #expect(notModified.body == nil)
    }

    // MARK: Ranges (aws-behaviour §2.6), object `0123456789`

    static let rangeCases: [(String, HTTPResponseStatus, String?, String)] = [
        ("bytes=0-8", .partialContent, "bytes 0-8/10", "012345678"),
        ("bytes=1-", .partialContent, "bytes 1-9/10", "123456789"),
        ("bytes=-2", .partialContent, "bytes 8-9/10", "89"),
        ("bytes=-15", .partialContent, "bytes 0-9/10", "0123456789"),
        ("bytes=0-100", .partialContent, "bytes 0-9/10", "0123456789"),
        ("bytes=1-0", .ok, nil, "0123456789"),
        ("bytes=-1-", .ok, nil, "0123456789"),
        ("bytes=0--1", .ok, nil, "0123456789"),
        ("bytes=--", .ok, nil, "0123456789"),
        ("chunks=0-1", .ok, nil, "0123456789"),
        ("bytes=0-1,5-6", .ok, nil, "0123456789"),
    ]

    @Test(arguments: rangeCases)
    func rangesFollowS3(range: String, status: HTTPResponseStatus, contentRange: String?, body: String) async {
        let response = await endpoint.respond(method: .GET, path: "/digits.txt", headers: headers([("Range", range)]))
        #expect(response.status == status)
        #expect(response.header("Content-Range") == contentRange)
        #expect(response.bodyText == body)
        #expect(response.header("Content-Length") == String(body.utf8.count))
    }

    @Test(arguments: ["bytes=100-200", "bytes=-0"])
    func unsatisfiableRangesAreInvalidRange(range: String) async {
        let response = await endpoint.respond(method: .GET, path: "/digits.txt", headers: headers([("Range", range)]))
        #expect(response.status == .rangeNotSatisfiable)
        #expect(response.header("Content-Range") == nil)
        #expect(
            normalizingIDs(response.bodyText, response)
                == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>InvalidRange</Code>"
                + "<Message>The requested range is not satisfiable</Message><RangeRequested>\(range)</RangeRequested>"
                + "<ActualObjectSize>10</ActualObjectSize><RequestId>REQUESTID</RequestId><HostId>HOSTID</HostId></Error>"
        )
    }

    @Test func unsatisfiableRangeContentRangeIsASetting() async throws {
        let endpoint = BucketEndpoint(bucket: try folder.bucket(), configuration: .init(contentRangeOnUnsatisfiableRange: true))
        let response = await endpoint.respond(method: .GET, path: "/digits.txt", headers: headers([("Range", "bytes=100-")]))
        #expect(response.status == .rangeNotSatisfiable)
        #expect(response.header("Content-Range") == "bytes */10")
    }

    @Test func headWithARangeDescribesThePart() async {
        let response = await endpoint.respond(method: .HEAD, path: "/digits.txt", headers: headers([("Range", "bytes=2-4")]))
        #expect(response.status == .partialContent)
        #expect(response.header("Content-Range") == "bytes 2-4/10")
        #expect(response.header("Content-Length") == "3")
        #expect(response.body == nil)
    }

    @Test func conditionalsComeBeforeRanges() async {
        let response = await endpoint.respond(
            method: .GET,
            path: "/digits.txt",
            headers: headers([("Range", "bytes=100-200"), ("If-None-Match", Self.etag)])
        )
        #expect(response.status == .notModified)
    }
}
