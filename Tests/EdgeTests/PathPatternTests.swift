import Edge
import Testing

@Suite struct PathPatternTests {
    @Test(arguments: [
        ("*", "/anything/at/all", true),
        ("/api/*", "/api/shows", true),
        ("api/*", "/api/shows/42", true),
        ("/api/*", "/apis", false),
        ("*.jpg", "/images/logo.jpg", true),
        ("*.jpg", "/images/LOGO.JPG", false),
        ("/images/*.jp?", "/images/a.jpg", true),
        ("/images/*.jp?", "/images/a.jpeg", false),
        ("/a?c", "/abc", true),
        ("/a?c", "/ac", false),
        ("/static/*/app.js", "/static/v1/v2/app.js", true),
    ])
    func matches(pattern: String, path: String, expected: Bool) throws {
        #expect(try PathPattern(pattern).matches(Substring(path)) == expected)
    }

    @Test func refusesWhatCloudFrontRefuses() {
        #expect(throws: PathPattern.Invalid.self) { try PathPattern("") }
        #expect(throws: PathPattern.Invalid.self) { try PathPattern("/a b") }
        #expect(throws: PathPattern.Invalid.self) { try PathPattern(String(repeating: "a", count: 256)) }
    }

    @Test func firstMatchingBehaviourWinsAndDefaultIsLast() throws {
        let api = CacheBehavior(pathPattern: try PathPattern("/api/*"), targetOriginId: "api")
        let all = CacheBehavior(pathPattern: try PathPattern("/a*"), targetOriginId: "a")
        let distribution = Distribution(id: "E1", cacheBehaviors: [api, all], defaultCacheBehavior: CacheBehavior(targetOriginId: "site"))
        #expect(distribution.behavior(forPath: "/api/x").targetOriginId == "api")
        #expect(distribution.behavior(forPath: "/assets/x").targetOriginId == "a")
        #expect(distribution.behavior(forPath: "/index.html").targetOriginId == "site")
    }
}
