import HTTPSemantics
import Testing

@Suite("CacheControl")
struct CacheControlTests {
    @Test(
        "reads each directive",
        arguments: [
            (["max-age=60"], CacheControl(maxAge: 60)),
            (["max-age=0"], CacheControl(maxAge: 0)),
            (["s-maxage=120"], CacheControl(sMaxAge: 120)),
            (["no-cache"], CacheControl(noCache: true)),
            (["no-store"], CacheControl(noStore: true)),
            (["private"], CacheControl(isPrivate: true)),
            (["public"], CacheControl(isPublic: true)),
            (["must-revalidate"], CacheControl(mustRevalidate: true)),
            (["proxy-revalidate"], CacheControl(proxyRevalidate: true)),
            (["no-transform"], CacheControl(noTransform: true)),
            (["stale-while-revalidate=30"], CacheControl(staleWhileRevalidate: 30)),
            (["stale-if-error=86400"], CacheControl(staleIfError: 86_400)),
            (
                ["public, max-age=31536000, s-maxage=600, stale-while-revalidate=60, stale-if-error=300"],
                CacheControl(maxAge: 31_536_000, sMaxAge: 600, isPublic: true, staleWhileRevalidate: 60, staleIfError: 300)
            ),
            ([], CacheControl()),
            ([""], CacheControl()),
        ]
    )
    func directives(values: [String], expected: CacheControl) {
        #expect(CacheControl(values) == expected)
    }

    @Test(
        "syntax: case, quoted strings, lists, whitespace",
        arguments: [
            (["MAX-AGE=60"], CacheControl(maxAge: 60)),
            (["No-Store, Must-Revalidate"], CacheControl(noStore: true, mustRevalidate: true)),
            (["max-age=\"60\""], CacheControl(maxAge: 60)),
            (["s-maxage=\"600\", max-age=\"60\""], CacheControl(maxAge: 60, sMaxAge: 600)),
            (["no-cache=\"Set-Cookie, X-Request-Id\", max-age=5"], CacheControl(maxAge: 5, noCache: true)),
            (["private=\"Authorization\""], CacheControl(isPrivate: true)),
            (["community=\"UCI, max-age=9\", max-age=3"], CacheControl(maxAge: 3)),
            (["  max-age = 60 ,\tpublic  "], CacheControl(maxAge: 60, isPublic: true)),
            ([",, max-age=5 ,,"], CacheControl(maxAge: 5)),
            (["max-age=60", "no-cache"], CacheControl(maxAge: 60, noCache: true)),
            (["public", "", "s-maxage=10"], CacheControl(sMaxAge: 10, isPublic: true)),
            (["nocache, maxage=5, immutable"], CacheControl()),
            (["max-age=5 junk"], CacheControl()),
            (["=5, no-store"], CacheControl(noStore: true)),
        ]
    )
    func syntax(values: [String], expected: CacheControl) {
        #expect(CacheControl(values) == expected)
    }

    @Test(
        "numbers: invalid ignored, first valid wins",
        arguments: [
            (["max-age=abc"], CacheControl()),
            (["max-age=-1"], CacheControl()),
            (["max-age=1.5"], CacheControl()),
            (["max-age=+5"], CacheControl()),
            (["max-age="], CacheControl()),
            (["max-age"], CacheControl()),
            (["max-age=\"\""], CacheControl()),
            (["max-age=\"6 0\""], CacheControl()),
            (["s-maxage=x, stale-while-revalidate=, stale-if-error=-3"], CacheControl()),
            (["max-age=60, max-age=120"], CacheControl(maxAge: 60)),
            (["max-age=60", "max-age=120"], CacheControl(maxAge: 60)),
            (["s-maxage=1, s-maxage=2, stale-if-error=3, stale-if-error=4"], CacheControl(sMaxAge: 1, staleIfError: 3)),
            (["stale-while-revalidate=7", "stale-while-revalidate=8"], CacheControl(staleWhileRevalidate: 7)),
            (["max-age=abc, max-age=30"], CacheControl(maxAge: 30)),
        ]
    )
    func numbers(values: [String], expected: CacheControl) {
        #expect(CacheControl(values) == expected)
    }

    /// RFC 9111 §1.2.2: a delta-seconds beyond what can be represented is taken as 2^31.
    @Test(
        "delta-seconds clamp to 2^31",
        arguments: [
            ("max-age=2147483647", 2_147_483_647),
            ("max-age=2147483648", 2_147_483_648),
            ("max-age=2147483649", 2_147_483_648),
            ("max-age=99999999999999999999999999999", 2_147_483_648),
            ("max-age=\"99999999999999999999\"", 2_147_483_648),
        ]
    )
    func clamps(value: String, expected: Int) {
        #expect(CacheControl([value]).maxAge == expected)
    }

    @Test("clamping applies to every number directive")
    func clampsEveryNumber() {
        let huge = "99999999999999999999"
        let parsed = CacheControl(["s-maxage=\(huge), stale-while-revalidate=\(huge), stale-if-error=\(huge)"])
        #expect(parsed == CacheControl(sMaxAge: 2_147_483_648, staleWhileRevalidate: 2_147_483_648, staleIfError: 2_147_483_648))
    }

    @Test("reads Substrings")
    func substrings() {
        let lines: [Substring] = ["Cache-Control: max-age=60".dropFirst(15), "no-store"]
        #expect(CacheControl(lines) == CacheControl(maxAge: 60, noStore: true))
    }
}
