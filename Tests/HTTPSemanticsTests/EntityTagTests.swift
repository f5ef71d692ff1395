import HTTPSemantics
import Testing

@Suite("EntityTag")
struct EntityTagTests {
    @Test(
        "parses strong and weak tags",
        arguments: [
            ("\"abc\"", "abc", false),
            ("W/\"abc\"", "abc", true),
            ("  \"abc\"\t", "abc", false),
            ("\"\"", "", false),
            ("W/\"\"", "", true),
            ("\"e94e402d42b2ca551212dbac49d5a38b-3\"", "e94e402d42b2ca551212dbac49d5a38b-3", false),
            ("\"a,b\"", "a,b", false),
            ("\"caf\u{E9}\"", "caf\u{E9}", false),
        ]
    )
    func parses(value: String, opaque: String, isWeak: Bool) {
        #expect(EntityTag(parsing: value) == EntityTag(opaque: opaque, isWeak: isWeak))
    }

    @Test(
        "rejects what is not one entity tag",
        arguments: ["", "abc", "w/\"abc\"", "\"abc", "abc\"", "\"", "\"a\"b\"", "\"a b\"", "W/abc", "W/", "\"abc\" x", "W/ \"abc\"", "\"a\u{7F}\""]
    )
    func rejects(value: String) {
        #expect(EntityTag(parsing: value) == nil)
    }

    @Test(
        "writes the field value",
        arguments: [(EntityTag(opaque: "abc", isWeak: false), "\"abc\""), (EntityTag(opaque: "abc", isWeak: true), "W/\"abc\"")]
    )
    func headerValue(tag: EntityTag, expected: String) {
        #expect(tag.headerValue == expected)
        #expect(EntityTag(parsing: tag.headerValue) == tag)
    }

    /// RFC 9110 §8.8.3.2's comparison table.
    @Test(
        "compares strongly and weakly",
        arguments: [
            ("W/\"1\"", "W/\"1\"", false, true),
            ("W/\"1\"", "W/\"2\"", false, false),
            ("W/\"1\"", "\"1\"", false, true),
            ("\"1\"", "\"1\"", true, true),
            ("\"1\"", "\"2\"", false, false),
        ]
    )
    func comparison(left: String, right: String, strong: Bool, weak: Bool) throws {
        let lhs = try #require(EntityTag(parsing: left))
        let rhs = try #require(EntityTag(parsing: right))
        #expect(lhs.strongMatches(rhs) == strong)
        #expect(rhs.strongMatches(lhs) == strong)
        #expect(lhs.weakMatches(rhs) == weak)
        #expect(rhs.weakMatches(lhs) == weak)
    }
}
