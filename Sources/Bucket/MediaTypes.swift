/// The `Content-Type` a folder bucket gives each key, guessed from its extension.
///
/// S3 itself stores whatever type the uploader sent and never sniffs content. The files of a folder bucket were
/// never uploaded, so the bucket answers what `aws s3 sync` would have sent for them: the CLI guesses with Python's
/// `mimetypes` table, which this table follows, completed with every type a built web site ships (`.map`,
/// `.webmanifest`, `.avif`, fonts, `.wasm`). Text types carry `; charset=utf-8`, the way build tools and
/// `aws s3 sync --content-type` setups deploy them, so browsers never guess an encoding. A key with no known
/// extension gets `binary/octet-stream`, which is what S3 stores for an object uploaded without a type.
public enum MediaTypes {
    /// What S3 stores for an object uploaded without a `Content-Type`.
    public static let unknown = "binary/octet-stream"

    /// The `Content-Type` for `key`, matching its extension case-insensitively.
    public static func contentType(forKey key: some StringProtocol) -> String {
        let key = Substring(key)
        let name = key.utf8.lastIndex(of: UInt8(ascii: "/")).map { key[key.index(after: $0)...] } ?? key
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex else { return unknown }
        let fileExtension = name[name.index(after: dot)...]
        if let type = byExtension[String(fileExtension)] { return type }
        return byExtension[fileExtension.lowercased()] ?? unknown
    }

    /// Whether `contentType` is text that a browser decodes, and so gets `; charset=utf-8`.
    static func isText(_ contentType: String) -> Bool {
        contentType.hasPrefix("text/") || contentType.hasSuffix("+json") || contentType.hasSuffix("+xml")
            || ["application/javascript", "application/json", "application/xml", "image/svg+xml"].contains(contentType)
    }

    private static let byExtension: [String: String] = {
        var table: [String: String] = [:]
        for (fileExtension, type) in types {
            table[fileExtension] = isText(type) ? type + "; charset=utf-8" : type
        }
        return table
    }()

    /// Extension to type, as Python's `mimetypes` (3.13) answers, plus the web types it lacks (marked).
    private static let types: [(String, String)] = [
        // Documents and code
        ("html", "text/html"), ("htm", "text/html"), ("xhtml", "application/xhtml+xml"),
        ("js", "text/javascript"), ("mjs", "text/javascript"), ("cjs", "text/javascript"),  // cjs: not in mimetypes
        ("css", "text/css"), ("json", "application/json"),
        ("map", "application/json"),  // source maps: not in mimetypes
        ("jsonld", "application/ld+json"), ("webmanifest", "application/manifest+json"),
        ("xml", "text/xml"), ("xsl", "application/xml"), ("rss", "application/rss+xml"), ("atom", "application/atom+xml"),
        ("txt", "text/plain"), ("text", "text/plain"), ("md", "text/markdown"), ("markdown", "text/markdown"),
        ("csv", "text/csv"), ("tsv", "text/tab-separated-values"), ("ics", "text/calendar"), ("vtt", "text/vtt"),
        ("yaml", "application/yaml"), ("yml", "application/yaml"), ("toml", "application/toml"),
        ("wasm", "application/wasm"), ("pdf", "application/pdf"), ("rtf", "application/rtf"),
        // Images
        ("svg", "image/svg+xml"), ("png", "image/png"), ("apng", "image/apng"), ("jpg", "image/jpeg"),
        ("jpeg", "image/jpeg"), ("jpe", "image/jpeg"), ("gif", "image/gif"), ("webp", "image/webp"),
        ("avif", "image/avif"), ("heic", "image/heic"), ("heif", "image/heif"), ("jxl", "image/jxl"),
        ("ico", "image/vnd.microsoft.icon"), ("bmp", "image/bmp"), ("tif", "image/tiff"), ("tiff", "image/tiff"),
        // Fonts
        ("woff", "font/woff"), ("woff2", "font/woff2"), ("ttf", "font/ttf"), ("otf", "font/otf"),
        ("eot", "application/vnd.ms-fontobject"),
        // Audio and video
        ("mp4", "video/mp4"), ("m4v", "video/mp4"), ("webm", "video/webm"), ("ogv", "video/ogg"),
        ("mov", "video/quicktime"), ("mpeg", "video/mpeg"), ("mpg", "video/mpeg"), ("m3u8", "application/vnd.apple.mpegurl"),
        ("mp3", "audio/mpeg"), ("m4a", "audio/mp4"), ("aac", "audio/aac"), ("ogg", "audio/ogg"), ("oga", "audio/ogg"),
        ("opus", "audio/opus"), ("wav", "audio/vnd.wave"), ("flac", "audio/flac"), ("weba", "audio/webm"),
        // Archives and data
        ("zip", "application/zip"), ("gz", "application/gzip"), ("tgz", "application/gzip"), ("tar", "application/x-tar"),
        ("bz2", "application/x-bzip2"), ("xz", "application/x-xz"), ("7z", "application/x-7z-compressed"),
        ("bin", "application/octet-stream"), ("exe", "application/octet-stream"), ("dmg", "application/x-apple-diskimage"),
        ("apk", "application/vnd.android.package-archive"), ("epub", "application/epub+zip"),
    ]
}
