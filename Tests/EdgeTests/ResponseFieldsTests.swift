import Edge
import NIOHTTP1
import Testing

/// What the viewer listener may write without NIO's validator, and which responses the edge vouches for.
@Suite struct ResponseFieldsTests {
    @Test(arguments: [
        [("Content-Type", "text/html; charset=utf-8"), ("X-Amz-Meta-Note", "tab\there"), ("X-Obs", "caf\u{e9}")],
        [("!#$%&'*+-.^_`|~09azAZ", "")],
    ])
    func visibleValuesAndTokenNamesAreValid(_ fields: [(String, String)]) {
        #expect(ResponseFields.areValid(status: .ok, headers: HTTPHeaders(fields)))
    }

    @Test(arguments: [
        [("X-Injected", "a\r\nSet-Cookie: b")],
        [("X-Line", "a\nb")],
        [("X-Nul", "a\u{0}b")],
        [("X-Del", "a\u{7f}")],
        [("Bad Name", "v")],
        [("Bad:Name", "v")],
        [("", "v")],
    ])
    func controlCharactersAndNonTokenNamesAreNot(_ fields: [(String, String)]) {
        #expect(!ResponseFields.areValid(status: .ok, headers: HTTPHeaders(fields)))
    }

    @Test func aReasonPhraseWithALineBreakIsNot() {
        #expect(!ResponseFields.areValid(status: .custom(code: 200, reasonPhrase: "OK\r\nX: y"), headers: [:]))
        #expect(ResponseFields.areValid(status: .custom(code: 299, reasonPhrase: "Fine"), headers: [:]))
    }

    @Test func hitsOfCheckedObjectsAreVouchedForOthersAreNot() async {
        let edge = EdgeFixture()
        edge.origin.set("/good.js", .init(headers: [("Content-Type", "text/javascript")], body: "good"))
        edge.origin.set("/bad.js", .init(headers: [("Content-Type", "text/javascript"), ("X-From-Lambda", "a\nb")], body: "bad"))
        let miss = await edge.send(.GET, "/good.js")
        let hit = await edge.send(.GET, "/good.js")
        #expect(miss["X-Cache"] == "Miss from cloudfront")
        #expect(hit["X-Cache"] == "Hit from cloudfront")
        #expect(hit.fieldsAreValid)
        _ = await edge.send(.GET, "/bad.js")
        let badHit = await edge.send(.GET, "/bad.js")
        #expect(badHit["X-Cache"] == "Hit from cloudfront")
        #expect(!badHit.fieldsAreValid)
        let redirect = await edge.send(.GET, "/good.js", https: false)
        #expect(redirect.status == .movedPermanently)
        #expect(!redirect.fieldsAreValid)
    }

    @Test func aResponseHeadersPolicyTakesTheVouchAway() async {
        let policy = ResponseHeadersPolicy(name: "Custom", customHeaders: [.init(name: "X-Team", value: "edge", override: true)])
        let edge = ResponseHeadersPipelineTests.edge(policy)
        _ = await ResponseHeadersPipelineTests.send(edge, .GET, "/app.js")
        let hit = await ResponseHeadersPipelineTests.send(edge, .GET, "/app.js")
        #expect(hit.headers.first(name: "X-Cache") == "Hit from cloudfront")
        #expect(hit.headers.first(name: "X-Team") == "edge")
        #expect(!hit.fieldsAreValid)
    }
}
