import Bucket
import NIOCore
import NIOHTTP1
import Testing

@Suite struct WebsiteEndpointTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
        try folder.write("index.html", "root index")
        try folder.write("docs/index.html", "docs index")
        try folder.write("docs/page.html", "docs page")
        try folder.write("error.html", "custom error page")
    }

    func website(errorDocument: String? = nil, missingKeyStatus: MissingKeyStatus = .noSuchKey) throws -> BucketEndpoint {
        BucketEndpoint(
            bucket: try folder.bucket(),
            configuration: .init(missingKeyStatus: missingKeyStatus, website: .init(indexDocument: "index.html", errorDocument: errorDocument))
        )
    }

    @Test(arguments: [("/", "root index"), ("/docs/", "docs index"), ("/docs/page.html", "docs page"), ("/index.html", "root index")])
    func indexDocumentsServeFolders(path: String, body: String) async throws {
        let response = try await website().respond(method: .GET, path: path, headers: [:])
        #expect(response.status == .ok)
        #expect(response.bodyText == body)
        #expect(response.header("Content-Type") == "text/html; charset=utf-8")
    }

    @Test func aFolderWithoutItsSlashRedirectsWith302() async throws {
        let response = try await website().respond(method: .GET, path: "/docs", headers: [:])
        #expect(response.status == .found)
        #expect(response.header("Location") == "/docs/")
        #expect(response.body == nil)
    }

    @Test func indexDocumentNamesAreCaseSensitive() async throws {
        try folder.write("upper/INDEX.HTML", "upper")
        let response = try await website().respond(method: .GET, path: "/upper/", headers: [:])
        #expect(response.status == .notFound)
    }

    @Test func defaultErrorPageIsS3sHTML() async throws {
        let response = try await website().respond(method: .GET, path: "/reset-password", headers: [:])
        #expect(response.status == .notFound)
        #expect(response.header("Content-Type") == "text/html; charset=utf-8")
        #expect(
            normalizingIDs(response.bodyText, response) == """
                <html>
                <head><title>404 Not Found</title></head>
                <body>
                <h1>404 Not Found</h1>
                <ul>
                <li>Code: NoSuchKey</li>
                <li>Message: The specified key does not exist.</li>
                <li>Key: reset-password</li>
                <li>RequestId: REQUESTID</li>
                <li>HostId: HOSTID</li>
                </ul>
                <hr/>
                </body>
                </html>

                """
        )
    }

    @Test func errorDocumentIsServedWithTheOriginalStatus() async throws {
        let response = try await website(errorDocument: "error.html").respond(method: .GET, path: "/shows/42", headers: [:])
        #expect(response.status == .notFound)
        #expect(response.bodyText == "custom error page")
        #expect(response.header("ETag") == md5ETag("custom error page"))
        let denied = try await website(errorDocument: "error.html", missingKeyStatus: .accessDenied)
            .respond(method: .GET, path: "/shows/42", headers: [:])
        #expect(denied.status == .forbidden)
        #expect(denied.bodyText == "custom error page")
    }

    @Test func aMissingErrorDocumentAddsTheNestedSection() async throws {
        let response = try await website(errorDocument: "missing.html").respond(method: .GET, path: "/reset-password", headers: [:])
        #expect(response.status == .notFound)
        #expect(
            normalizingIDs(response.bodyText, response) == """
                <html>
                <head><title>404 Not Found</title></head>
                <body>
                <h1>404 Not Found</h1>
                <ul>
                <li>Code: NoSuchKey</li>
                <li>Message: The specified key does not exist.</li>
                <li>Key: reset-password</li>
                <li>RequestId: REQUESTID</li>
                <li>HostId: HOSTID</li>
                </ul>
                <h3>An Error Occurred While Attempting to Retrieve a Custom Error Document</h3>
                <ul>
                <li>Code: NoSuchKey</li>
                <li>Message: The specified key does not exist.</li>
                <li>Key: missing.html</li>
                </ul>
                <hr/>
                </body>
                </html>

                """
        )
    }

    @Test func accessDeniedPageWithoutListPermission() async throws {
        let response = try await website(errorDocument: "missing.html", missingKeyStatus: .accessDenied)
            .respond(method: .GET, path: "/nope", headers: [:])
        #expect(response.status == .forbidden)
        #expect(
            normalizingIDs(response.bodyText, response) == """
                <html>
                <head><title>403 Forbidden</title></head>
                <body>
                <h1>403 Forbidden</h1>
                <ul>
                <li>Code: AccessDenied</li>
                <li>Message: Access Denied</li>
                <li>RequestId: REQUESTID</li>
                <li>HostId: HOSTID</li>
                </ul>
                <h3>An Error Occurred While Attempting to Retrieve a Custom Error Document</h3>
                <ul>
                <li>Code: AccessDenied</li>
                <li>Message: Access Denied</li>
                </ul>
                <hr/>
                </body>
                </html>

                """
        )
    }

    @Test func keysInErrorPagesAreEscaped() async throws {
        let response = try await website().respond(method: .GET, path: "/%3Cscript%3E", headers: [:])
        #expect(response.bodyText.contains("<li>Key: &lt;script&gt;</li>"))
    }

    @Test func onlyGetAndHeadAreAllowed() async throws {
        let response = try await website().respond(method: .POST, path: "/index.html", headers: [:])
        #expect(response.status == .methodNotAllowed)
        #expect(response.header("Content-Type") == "text/html; charset=utf-8")
        #expect(response.bodyText.contains("<title>405 Method Not Allowed</title>"))
        #expect(
            response.bodyText.contains(
                "<li>Code: MethodNotAllowed</li>\n<li>Message: The specified method is not allowed against this resource.</li>\n<li>Method: POST</li>\n<li>ResourceType: OBJECT</li>"
            )
        )
    }

    @Test func headGetsNoBodyEvenForErrors() async throws {
        let found = try await website().respond(method: .HEAD, path: "/", headers: [:])
        #expect(found.status == .ok)
        #expect(found.body == nil)
        #expect(found.header("Content-Length") == "10")
        let missing = try await website(errorDocument: "error.html").respond(method: .HEAD, path: "/nope", headers: [:])
        #expect(missing.status == .notFound)
        #expect(missing.body == nil)
    }

    @Test func conditionalsWork() async throws {
        let etag = md5ETag("docs index")
        let response = try await website().respond(method: .GET, path: "/docs/", headers: HTTPHeaders([("If-None-Match", etag)]))
        #expect(response.status == .notModified)
        #expect(response.body == nil)
    }

    @Test func traversalIsAMissingKeyPage() async throws {
        let response = try await website().respond(method: .GET, path: "/%2e%2e/%2e%2e/etc/passwd", headers: [:])
        #expect(response.status == .notFound)
        #expect(!response.bodyText.contains("root:"))
    }
}
