/// Why a replay could not run. Each message says what was wrong, where, and how to fix it.
public struct ReplayError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Reason: Sendable, Hashable {
        case unreadable(path: String, detail: String)
        case malformedRecord(path: String, line: Int, detail: String)
        case compressed(path: String, suffix: String)
        case unknownFormat(path: String)
        case emptyTrace(source: String)
        case invalidWorkload(spec: String, detail: String)
        case invalidCapacity(text: String, detail: String)
        case invalidSetting(name: String, detail: String)
    }

    private let reason: Reason

    static func unreadable(_ path: String, _ detail: String) -> Self { Self(reason: .unreadable(path: path, detail: detail)) }
    static func malformedRecord(_ path: String, line: Int, _ detail: String) -> Self {
        Self(reason: .malformedRecord(path: path, line: line, detail: detail))
    }
    static func compressed(_ path: String, suffix: String) -> Self { Self(reason: .compressed(path: path, suffix: suffix)) }
    static func unknownFormat(_ path: String) -> Self { Self(reason: .unknownFormat(path: path)) }
    static func emptyTrace(_ source: String) -> Self { Self(reason: .emptyTrace(source: source)) }
    static func invalidWorkload(_ spec: String, _ detail: String) -> Self { Self(reason: .invalidWorkload(spec: spec, detail: detail)) }
    static func invalidCapacity(_ text: String, _ detail: String) -> Self { Self(reason: .invalidCapacity(text: text, detail: detail)) }
    static func invalidSetting(_ name: String, _ detail: String) -> Self { Self(reason: .invalidSetting(name: name, detail: detail)) }

    public var description: String {
        switch reason {
        case .unreadable(let path, let detail):
            "Cannot read the trace \(path): \(detail). Check the path and its permissions."
        case .malformedRecord(let path, let line, let detail):
            "\(path):\(line): \(detail)."
        case .compressed(let path, let suffix):
            "\(path) is \(suffix)-compressed; decompress it first (for example `\(suffix == "zst" ? "zstd -d" : "gunzip") \(path)`)."
        case .unknownFormat(let path):
            "Cannot tell the format of \(path); pass --format csv, txt, oracle or cloudfront."
        case .emptyTrace(let source):
            "The trace \(source) has no requests to replay."
        case .invalidWorkload(let spec, let detail):
            "Invalid synthetic workload \"\(spec)\": \(detail). Example: zipf:alpha=0.8,objects=100000,requests=1000000,seed=42."
        case .invalidCapacity(let text, let detail):
            "Invalid capacity \"\(text)\": \(detail)."
        case .invalidSetting(let name, let detail):
            "Invalid \(name): \(detail)."
        }
    }
}
