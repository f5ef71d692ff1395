import AWSXML
import NIOCore
import NIOHTTP1
import Testing

@testable import Edge

/// The API over a fixture's ledger, requests written as the aws CLI sends them.
struct APIFixture {
    let edge: PurgeFixture
    let api: CloudFrontAPI
    static let base = "/2020-05-31/distribution/" + PurgeFixture.distributionID

    init(edge: PurgeFixture = PurgeFixture()) {
        self.edge = edge
        self.api = CloudFrontAPI(ledger: edge.ledger)
    }

    func send(_ method: HTTPMethod, _ path: String, query: String? = nil, body: String? = nil) async -> CloudFrontAPIResponse {
        let headers = HTTPHeaders([
            ("Host", "127.0.0.1:4566"), ("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/cloudfront/aws4_request"),
        ])
        return await api.handle(method: method, path: path, query: query, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }

    func create(_ paths: [String], reference: String = "cli-1") async -> CloudFrontAPIResponse {
        await send(.POST, Self.base + "/invalidation", body: Self.batch(paths, reference: reference))
    }

    static func batch(_ paths: [String], reference: String, quantity: Int? = nil) -> String {
        #"<?xml version="1.0" encoding="UTF-8"?><InvalidationBatch xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">"#
            + "<Paths><Quantity>\(quantity ?? paths.count)</Quantity><Items>" + paths.map { "<Path>\($0)</Path>" }.joined()
            + "</Items></Paths><CallerReference>\(reference)</CallerReference></InvalidationBatch>"
    }
}

extension CloudFrontAPIResponse {
    /// The document, parsed.
    var document: XML.Element? { try? XML.parse(Array(bodyText.utf8)) }

    /// The text at a path of element names below the root.
    func value(_ path: String...) -> String? {
        var element = document
        for name in path { element = element?.child(name) }
        return element?.text
    }
}

@Suite struct CloudFrontAPITests {
    @Test func createInvalidationAnswers201WithTheInvalidationAndItsLocation() async throws {
        let fixture = APIFixture()
        await fixture.edge.get("/index.html")
        let response = await fixture.create(["/*"], reference: "cli-1700000000-1")
        #expect(response.status == .created)
        #expect(response.headers.first(name: "Content-Type") == "text/xml")
        #expect(response.headers.first(name: "x-amzn-RequestId")?.utf8.count == 36)
        let id = try #require(response.value("Id"))
        #expect(response.headers.first(name: "Location") == "http://127.0.0.1:4566/2020-05-31/distribution/E2EDGESIMTEST1/invalidation/\(id)")
        #expect(response.document?.name == "Invalidation")
        #expect(response.bodyText.contains(#"<Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">"#))
        #expect(response.value("Status") == "InProgress")
        #expect(response.value("CreateTime") == "2027-01-15T08:00:00.000Z")
        #expect(response.value("InvalidationBatch", "Paths", "Quantity") == "1")
        #expect(response.value("InvalidationBatch", "Paths", "Items", "Path") == "/*")
        #expect(response.value("InvalidationBatch", "CallerReference") == "cli-1700000000-1")
        #expect(fixture.edge.locations[0].cache.count == 0)
    }

    @Test func getInvalidationFollowsTheStatus() async throws {
        let fixture = APIFixture()
        let id = try #require(await fixture.create(["/a"]).value("Id"))
        let inProgress = await fixture.send(.GET, APIFixture.base + "/invalidation/" + id)
        #expect(inProgress.status == .ok)
        #expect(inProgress.value("Id") == id && inProgress.value("Status") == "InProgress")
        fixture.edge.time.advance(InvalidationLedger.Configuration.defaultCompletionDelay)
        #expect(await fixture.send(.GET, APIFixture.base + "/invalidation/" + id).value("Status") == "Completed")
    }

    @Test func aRetriedRequestGetsTheSameInvalidation() async throws {
        let fixture = APIFixture()
        let first = await fixture.create(["/a", "/b"], reference: "deploy")
        let again = await fixture.create(["/b", "/a"], reference: "deploy")
        #expect(again.status == .created)
        #expect(again.value("Id") == first.value("Id"))
        let conflict = await fixture.create(["/c"], reference: "deploy")
        #expect(conflict.status == .badRequest)
        #expect(conflict.value("Error", "Code") == "InvalidArgument")
    }

    @Test func listInvalidationsPagesNewestFirst() async throws {
        let fixture = APIFixture()
        var ids: [String] = []
        for index in 0..<3 {
            ids.append(try #require(await fixture.create(["/\(index)"], reference: "r\(index)").value("Id")))
            fixture.edge.time.advance(1)
        }
        let first = await fixture.send(.GET, APIFixture.base + "/invalidation", query: "MaxItems=2")
        #expect(first.status == .ok && first.document?.name == "InvalidationList")
        #expect(first.value("Marker") == "")
        #expect(first.value("MaxItems") == "2" && first.value("IsTruncated") == "true" && first.value("Quantity") == "2")
        #expect(first.value("NextMarker") == ids[1])
        let summaries = first.document?.child("Items")?.children("InvalidationSummary") ?? []
        #expect(summaries.compactMap { $0.child("Id")?.text } == [ids[2], ids[1]])
        // The newest is a second old, the next two: the default delay is two seconds.
        #expect(summaries.compactMap { $0.child("Status")?.text } == ["InProgress", "Completed"])
        #expect(summaries.first?.child("CreateTime")?.text != nil)

        let second = await fixture.send(.GET, APIFixture.base + "/invalidation", query: "Marker=\(ids[1])&MaxItems=2")
        #expect(second.value("Marker") == ids[1] && second.value("IsTruncated") == "false" && second.value("NextMarker") == nil)
        #expect(second.document?.child("Items")?.children("InvalidationSummary").compactMap { $0.child("Id")?.text } == [ids[0]])

        let bad = await fixture.send(.GET, APIFixture.base + "/invalidation", query: "MaxItems=zero")
        #expect(bad.status == .badRequest && bad.value("Error", "Code") == "InvalidArgument")
    }

    @Test func anEmptyListHasNoItems() async {
        let response = await APIFixture().send(.GET, APIFixture.base + "/invalidation")
        #expect(response.value("Quantity") == "0" && response.value("MaxItems") == "100")
        #expect(response.document?.child("Items") == nil)
    }

    @Test func errorsUseCloudFrontsDocument() async {
        let fixture = APIFixture()
        let missing = await fixture.send(.GET, "/2020-05-31/distribution/E0000000000000/invalidation")
        #expect(missing.status == .notFound)
        #expect(missing.headers.first(name: "Content-Type") == "text/xml")
        let requestID = missing.headers.first(name: "x-amzn-RequestId") ?? "?"
        #expect(
            missing.bodyText
                == #"<?xml version="1.0"?>"# + "\n"
                + #"<ErrorResponse xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Error><Type>Sender</Type>"#
                + "<Code>NoSuchDistribution</Code><Message>The specified distribution does not exist.</Message></Error>"
                + "<RequestId>\(requestID)</RequestId></ErrorResponse>"
        )
        let noInvalidation = await fixture.send(.GET, APIFixture.base + "/invalidation/I2J0I21PCUYOIK")
        #expect(noInvalidation.status == .notFound && noInvalidation.value("Error", "Code") == "NoSuchInvalidation")
    }

    @Test(arguments: [
        (nil, 400, "MissingBody"),
        ("<InvalidationBatch><Paths>", 400, "MalformedXML"),
        ("<Other/>", 400, "MalformedXML"),
        (APIFixture.batch(["/a"], reference: "r", quantity: 2), 400, "InconsistentQuantities"),
        (APIFixture.batch(["a.html"], reference: "r"), 400, "InvalidArgument"),
        (APIFixture.batch((0..<3_001).map { "/f\($0)" }, reference: "r"), 413, "BatchTooLarge"),
    ])
    func badBatches(body: String?, status: Int, code: String) async {
        let response = await APIFixture().send(.POST, APIFixture.base + "/invalidation", body: body)
        #expect(Int(response.status.code) == status)
        #expect(response.value("Error", "Code") == code)
        #expect(response.value("Error", "Type") == "Sender")
    }

    @Test func tooManyInProgressIsRefused() async {
        let fixture = APIFixture()
        for index in 0..<15 { _ = await fixture.create(["/d\(index)/*"], reference: "r\(index)") }
        let response = await fixture.create(["/more*"], reference: "r-more")
        #expect(response.status == .badRequest)
        #expect(response.value("Error", "Code") == "TooManyInvalidationsInProgress")
    }

    @Test(arguments: [
        (HTTPMethod.POST, "/2020-05-31/distribution"), (.DELETE, "/2020-05-31/distribution/E2EDGESIMTEST1"),
        (.GET, "/2019-03-26/distribution"), (.GET, "/"), (.PUT, "/2020-05-31/distribution/E2EDGESIMTEST1/invalidation"),
    ])
    func unknownOperationsAnswer404(method: HTTPMethod, path: String) async {
        let response = await APIFixture().send(method, path)
        #expect(response.status == .notFound)
        #expect(response.value("Error", "Code") == "UnknownOperationException")
    }
}
