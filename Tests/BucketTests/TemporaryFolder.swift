import Bucket
import Crypto
import Foundation
import NIOCore
import NIOHTTP1

/// A real folder under the system temporary directory, removed when the test drops it.
final class TemporaryFolder {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("edgesim-bucket-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        // The jail compares real paths, so the fixture works with the real one too (/tmp may be a link).
        path = URL(fileURLWithPath: base.path).resolvingSymlinksInPath().path
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `contents` at `relativePath`, creating folders on the way.
    @discardableResult
    func write(_ relativePath: String, _ contents: String) throws -> String {
        try write(relativePath, Data(contents.utf8))
    }

    @discardableResult
    func write(_ relativePath: String, _ contents: Data) throws -> String {
        let file = path + "/" + relativePath
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try contents.write(to: URL(fileURLWithPath: file))
        return file
    }

    func read(_ relativePath: String) -> String? {
        FileManager.default.contents(atPath: path + "/" + relativePath).map { String(decoding: $0, as: UTF8.self) }
    }

    func exists(_ relativePath: String) -> Bool {
        FileManager.default.fileExists(atPath: path + "/" + relativePath)
    }

    func setModificationDate(_ relativePath: String, epochSeconds: Int) throws {
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: TimeInterval(epochSeconds))],
            ofItemAtPath: path + "/" + relativePath
        )
    }

    func bucket(_ name: String = "site") throws -> FolderBucket {
        try FolderBucket(name: name, folder: path)
    }
}

/// The quoted hex MD5 S3 gives `text` as its ETag, computed independently of the module.
func md5ETag(_ text: String) -> String {
    "\"" + Insecure.MD5.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined() + "\""
}

func base64MD5(_ data: Data) -> String {
    Data(Insecure.MD5.hash(data: data)).base64EncodedString()
}

func headers(_ pairs: [(String, String)]) -> HTTPHeaders {
    HTTPHeaders(pairs)
}

extension S3Response {
    func header(_ name: String) -> String? { headers.first(name: name) }
}

/// The error XML body with the per-request IDs replaced by fixed markers, for byte-exact comparisons.
func normalizingIDs(_ body: String, _ response: S3Response) -> String {
    var text = body
    if let id = response.header("x-amz-request-id") { text = text.replacingOccurrences(of: id, with: "REQUESTID") }
    if let id = response.header("x-amz-id-2") { text = text.replacingOccurrences(of: id, with: "HOSTID") }
    return text
}

/// The key `text`, which the test knows is valid.
func key(_ text: String) throws -> ObjectKey {
    guard let key = ObjectKey(text) else { throw InvalidTestKey(text: text) }
    return key
}

struct InvalidTestKey: Error {
    var text: String
}
