import Foundation
import Testing

@testable import StackConfig

@Suite struct StackLoaderTests {
    @Test func severalProblemsInOneFileAreAllReportedInFileOrder() throws {
        let fixture = try StackFixture()
        defer { fixture.remove() }
        let problems = fixture.problems(
            """
            distributions:
              - origins:
                  - { id: site, bucket: site }
                defaultCacheBehavior: { targetOriginId: site, compress: maybe }
            edge:
              evictionPolicy: LRU
            cachePolicies:
              - { name: Fast, minTTL: -5 }
            buckets:
              assets: ./site
              media: ./media
            """
        )
        #expect(
            problems == [
                #"edgesim.yml:3:29: distributions[0].origins[0].bucket: no bucket is named "site"; buckets defines assets, media"#,
                #"edgesim.yml:4:61: distributions[0].defaultCacheBehavior.compress: must be true or false; got "maybe""#,
                #"edgesim.yml:6:19: edge.evictionPolicy: must be one of lru, fifo, clock, sieve, s3fifo, w-tinylfu, arc, lfu; got "LRU""#,
                "edgesim.yml:8:27: cachePolicies[0].minTTL: must be at least 0 seconds; got -5",
            ]
        )
    }

    @Test func aBucketReferenceWithoutBucketsSaysWhereToDefineIt() throws {
        let fixture = try StackFixture()
        defer { fixture.remove() }
        let problems = fixture.problems(
            """
            distributions:
              - origins: [{ id: site, bucket: site }]
                defaultCacheBehavior: { targetOriginId: site }
            """
        )
        #expect(problems == [#"edgesim.yml:2:35: distributions[0].origins[0].bucket: no bucket is named "site"; define it under buckets:"#])
    }

    @Test(arguments: [
        ("DefaultRootObject", #"unknown key; did you mean "defaultRootObject"?"#),
        ("defaultRootObjekt", #"unknown key; did you mean "defaultRootObject"?"#),
        ("cacheBehaviours", #"unknown key; did you mean "cacheBehaviors"?"#),
        (
            "tags",
            "unknown key; expected one of id, comment, aliases, defaultRootObject, origins, defaultCacheBehavior, cacheBehaviors, customErrorResponses"
        ),
    ])
    func anUnknownKeyGetsTheClosestKnownOne(key: String, message: String) throws {
        let fixture = try StackFixture()
        defer { fixture.remove() }
        let problems = fixture.problems(
            """
            buckets: { site: ./site }
            distributions:
              - origins: [{ id: site, bucket: site }]
                defaultCacheBehavior: { targetOriginId: site }
                \(key): index.html
            """
        )
        #expect(problems == ["edgesim.yml:5:5: distributions[0].\(key): \(message)"])
    }

    @Test func aStackFileOnDiskReadsItsFoldersFromItsOwnFolder() throws {
        let fixture = try StackFixture()
        defer { fixture.remove() }
        let path = try fixture.write(
            "edgesim.yml",
            Array("\u{FEFF}buckets:\n  site: ./site\n".utf8)
        )
        let stack = try StackLoader.load(path: path)
        #expect(stack.file == path)
        #expect(stack.baseDirectory == fixture.directory)
        #expect(stack.buckets["site"]?.path == fixture.directory + "/site")
        #expect(stack.summary == "0 distributions, 1 bucket")
    }

    @Test func aFileThatCannotBeReadIsOneProblem() throws {
        let fixture = try StackFixture()
        defer { fixture.remove() }
        let missing = fixture.directory + "/nope.yml"
        #expect(throws: StackConfigError.self) { try StackLoader.load(path: missing) }
        #expect(
            problems(loading: missing) == [
                "\(missing): no such file; check the path (without a stack file, edgesim serve FOLDER serves the canonical SPA stack)"
            ]
        )
        let folder = fixture.directory + "/site"
        #expect(problems(loading: folder) == ["\(folder): is a folder; name the stack file in it, like \(folder)/edgesim.yml"])
        let latin1 = try fixture.write("latin1.yml", [0x62, 0x3A, 0x20, 0xE9, 0x0A])
        #expect(problems(loading: latin1) == ["\(latin1): is not UTF-8 text; save it as UTF-8"])
    }

    @Test func theErrorListsEveryProblemOneALine() {
        let error = StackConfigError(problems: [
            .init(file: "edgesim.yml", line: 14, column: 7, fieldPath: "distributions[0].id", message: "bad"),
            .init(file: "edgesim.yml", line: 3, fieldPath: "", message: "no path"),
            .init(file: "edgesim.yml", message: "the file itself"),
        ])
        #expect(error.description == "edgesim.yml:14:7: distributions[0].id: bad\nedgesim.yml:3: no path\nedgesim.yml: the file itself")
    }

    @Test func pathsAreMadeAbsolute() {
        #expect(StackLoader.absolutePath("./site", relativeTo: "/srv/app") == "/srv/app/site")
        #expect(StackLoader.absolutePath("../dist/", relativeTo: "/srv/app") == "/srv/dist")
        #expect(StackLoader.absolutePath("/var/www", relativeTo: "/srv/app") == "/var/www")
        #expect(StackLoader.absolutePath("~/site", relativeTo: "/srv/app") == NSString(string: "~").expandingTildeInPath + "/site")
    }

    private func problems(loading path: String) -> [String] {
        do {
            _ = try StackLoader.load(path: path)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }
}
