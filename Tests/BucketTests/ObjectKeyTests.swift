import Bucket
import Testing

@Suite struct ObjectKeyTests {
    @Test(arguments: [
        ("/index.html", "index.html"),
        ("/assets/index-4f2a.js", "assets/index-4f2a.js"),
        ("/a%20b.txt", "a b.txt"),
        ("/a+b.txt", "a+b.txt"),
        ("/caf%C3%A9.html", "café.html"),
        // Decoded exactly once: %252e stays %2e, a harmless literal file name.
        ("/%252e%252e/x", "%2e%2e/x"),
        ("/photos/", "photos/"),
    ])
    func decodesRequestPathsOnce(path: String, key: String) {
        #expect(ObjectKey(requestPath: path)?.rawValue == key)
    }

    @Test(arguments: [
        "/", "", "/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E./secret", "/.%2E/secret", "/a/../../b", "/a/./b",
        "/a//b", "//etc/passwd", "/a\\..\\b", "/a%5C..%5Cb", "/a%00.txt", "/%00", "/bad%zz", "/bad%2", "/%FF%FE",
        "/.edgesim-upload-1234", "/a/.edgesim-upload-x",
    ])
    func refusesKeysThatNameNoFileInsideTheFolder(path: String) {
        #expect(ObjectKey(requestPath: path) == nil)
    }

    @Test func limitsLengthsAsS3AndFileSystemsDo() {
        #expect(ObjectKey(String(repeating: "a", count: 255)) != nil)
        #expect(ObjectKey(String(repeating: "a", count: 256)) == nil)
        let longKey = Array(repeating: String(repeating: "b", count: 200), count: 5).joined(separator: "/")
        #expect(longKey.utf8.count == 1004)
        #expect(ObjectKey(longKey) != nil)
        #expect(ObjectKey(longKey + "/" + String(repeating: "c", count: 30)) == nil)
    }

    @Test func folderKeysEndInASlash() {
        #expect(ObjectKey("photos/")?.isFolder == true)
        #expect(ObjectKey("photos")?.isFolder == false)
        #expect(ObjectKey("/photos") == nil)
    }

    @Test func decodedPathKeepsTheEmptyAndFolderForms() {
        #expect(ObjectKey.decodedPath("/") == "")
        #expect(ObjectKey.decodedPath("/docs/") == "docs/")
        #expect(ObjectKey.decodedPath("/bad%g0") == nil)
    }
}
