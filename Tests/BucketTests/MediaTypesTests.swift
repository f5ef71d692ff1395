import Bucket
import Testing

@Suite struct MediaTypesTests {
    @Test(arguments: [
        ("index.html", "text/html; charset=utf-8"),
        ("a/b/page.htm", "text/html; charset=utf-8"),
        ("assets/index-4f2a.js", "text/javascript; charset=utf-8"),
        ("module.mjs", "text/javascript; charset=utf-8"),
        ("style.css", "text/css; charset=utf-8"),
        ("info/shows.json", "application/json; charset=utf-8"),
        ("assets/index.js.map", "application/json; charset=utf-8"),
        ("favicon.svg", "image/svg+xml; charset=utf-8"),
        ("logo.png", "image/png"),
        ("photo.jpg", "image/jpeg"),
        ("photo.jpeg", "image/jpeg"),
        ("anim.gif", "image/gif"),
        ("hero.webp", "image/webp"),
        ("hero.avif", "image/avif"),
        ("favicon.ico", "image/vnd.microsoft.icon"),
        ("font.woff", "font/woff"),
        ("font.woff2", "font/woff2"),
        ("font.ttf", "font/ttf"),
        ("font.otf", "font/otf"),
        ("robots.txt", "text/plain; charset=utf-8"),
        ("sitemap.xml", "text/xml; charset=utf-8"),
        ("app.wasm", "application/wasm"),
        ("doc.pdf", "application/pdf"),
        ("clip.mp4", "video/mp4"),
        ("clip.webm", "video/webm"),
        ("data.csv", "text/csv; charset=utf-8"),
        ("site.webmanifest", "application/manifest+json; charset=utf-8"),
        ("INDEX.HTML", "text/html; charset=utf-8"),
        ("Photo.JPG", "image/jpeg"),
    ])
    func guessesTypesFromExtensions(key: String, type: String) {
        #expect(MediaTypes.contentType(forKey: key) == type)
    }

    @Test(arguments: ["LICENSE", "data.unknownext", ".htaccess", "archive.", "dir.d/README"])
    func unknownIsWhatS3StoresForAnUntypedUpload(key: String) {
        #expect(MediaTypes.contentType(forKey: key) == "binary/octet-stream")
    }
}
