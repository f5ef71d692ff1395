import Testing

@testable import Edge

@Suite struct InvalidationPathTests {
    @Test(arguments: ["/", "/*", "/images/*", "/images*", "/file.jpg?v=1", "/a b.html", "/café", "/" + String(repeating: "a", count: 3_999)])
    func acceptedPaths(path: String) {
        #expect(InvalidationPath(path) != nil)
    }

    /// Relative paths, a `*` before the end, two of them, control characters, over 4,000 characters.
    @Test(arguments: ["", "images/a.png", "*", "/*/a", "/a*b", "/**", "/a\u{0}", "/a\nb", "/" + String(repeating: "a", count: 4_000)])
    func refusedPaths(path: String) {
        #expect(InvalidationPath(path) == nil)
    }

    @Test func onlyATrailingStarIsAWildcard() throws {
        #expect(try #require(InvalidationPath("/images/*")).isWildcard)
        #expect(try !#require(InvalidationPath("/images/a.png")).isWildcard)
    }

    @Test(arguments: [
        ("/café", "/caf%C3%A9"), ("/a b", "/a%20b"), ("/%7e", "/%7E"), ("/a{b}|c^", "/a%7Bb%7D%7Cc%5E"), ("/100%", "/100%25"),
        ("/%61", "/%61"),
    ])
    func theComparedFormEncodesOnlyUnsafeAndNonASCII(raw: String, encoded: String) {
        #expect(InvalidationPath.encoded(raw.utf8[...]) == encoded)
    }
}
