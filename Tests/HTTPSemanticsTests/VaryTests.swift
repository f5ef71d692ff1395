import HTTPSemantics
import Testing

@Suite("Vary")
struct VaryTests {
    @Test(
        "reads field names and *",
        arguments: [
            (["Accept-Encoding"], Vary(fieldNames: ["accept-encoding"])),
            (["Accept-Encoding, Origin", "Cookie"], Vary(fieldNames: ["accept-encoding", "origin", "cookie"])),
            (
                ["Origin,Access-Control-Request-Headers,Access-Control-Request-Method"],
                Vary(fieldNames: ["origin", "access-control-request-headers", "access-control-request-method"])
            ),
            (["*"], Vary(isWildcard: true)),
            (["Origin, *"], Vary(fieldNames: ["origin"], isWildcard: true)),
            (["Accept-Encoding", " * "], Vary(fieldNames: ["accept-encoding"], isWildcard: true)),
            (["accept-encoding, Accept-Encoding", "ACCEPT-ENCODING"], Vary(fieldNames: ["accept-encoding"])),
            ([" , ,Origin,, "], Vary(fieldNames: ["origin"])),
            (["bad name, Origin, \"quoted\", a/b"], Vary(fieldNames: ["origin"])),
            (["Origin;q=1, x y"], Vary()),
            ([""], Vary()),
            ([], Vary()),
        ]
    )
    func parses(values: [String], expected: Vary) {
        #expect(Vary(values) == expected)
    }

    @Test("contains ignores case")
    func contains() {
        let vary = Vary(["Accept-Encoding, Origin"])
        #expect(vary.contains("accept-encoding"))
        #expect(vary.contains("ORIGIN"))
        #expect(!vary.contains("Cookie"))
        #expect(!vary.contains("Origin2"))
    }

    @Test(
        "writes the field value",
        arguments: [
            (Vary(["Origin", "Accept-Encoding"]), "origin, accept-encoding" as String?),
            (Vary(["Origin, *"]), "*"),
            (Vary([String]()), nil),
        ]
    )
    func headerValue(vary: Vary, expected: String?) {
        #expect(vary.headerValue == expected)
    }

    @Test("isEmpty only without names and *", arguments: [(Vary(), true), (Vary(isWildcard: true), false), (Vary(fieldNames: ["origin"]), false)])
    func isEmpty(vary: Vary, expected: Bool) {
        #expect(vary.isEmpty == expected)
    }

    @Test("the memberwise initialiser lowercases and deduplicates")
    func memberwise() {
        #expect(Vary(fieldNames: ["Origin", "origin", "Cookie"]).fieldNames == ["origin", "cookie"])
    }
}
