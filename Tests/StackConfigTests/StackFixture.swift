import Foundation
import Testing

@testable import StackConfig

/// A temporary folder with the bucket folders stack files name (`site/`, `media/`), removed by `remove()`.
struct StackFixture {
    let directory: String

    init(folders: [String] = ["site", "media"]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("stackconfig-\(UUID().uuidString)").path
        for folder in folders {
            try FileManager.default.createDirectory(atPath: directory + "/" + folder, withIntermediateDirectories: true)
        }
        try Data("<!doctype html>".utf8).write(to: URL(fileURLWithPath: directory + "/site/index.html"))
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Parses `yaml` as the file `edgesim.yml` in this folder.
    func load(_ yaml: String) throws(StackConfigError) -> Stack {
        try StackLoader.parse(yaml: yaml, file: "edgesim.yml", baseDirectory: directory)
    }

    /// The problem lines `yaml` produces; empty when it loads.
    func problems(_ yaml: String) -> [String] {
        do {
            _ = try load(yaml)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    /// Writes `contents` to `name` in this folder and returns its path.
    func write(_ name: String, _ contents: some Collection<UInt8>) throws -> String {
        let path = directory + "/" + name
        try Data(contents).write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// The repository's `edgesim.yml`, found from this file (the test folder may be reached through a symlink).
let repositoryRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
