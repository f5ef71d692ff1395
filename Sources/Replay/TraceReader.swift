import Foundation

/// Reads trace files into a ``Trace``.
public enum TraceReader {
    /// Reads `path` as `format`, or as the format its name or first bytes show when `format` is `nil`.
    ///
    /// - Throws: ``ReplayError`` naming the file (and line) when it cannot be read, is compressed, or is malformed.
    public static func read(path: String, format: TraceFormat? = nil) throws(ReplayError) -> Trace {
        for suffix in ["zst", "gz", "xz"] where path.lowercased().hasSuffix(".\(suffix)") {
            throw .compressed(path, suffix: suffix)
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw .unreadable(path, (error as NSError).localizedDescription)
        }
        guard let format = format ?? TraceFormat.detect(path: path, head: data.prefix(4096)) else {
            throw .unknownFormat(path)
        }
        let result = data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Result<Trace, ReplayError> in
            let buffer = bytes.bindMemory(to: UInt8.self)
            return Result { () throws(ReplayError) -> Trace in try parse(buffer, format: format, source: path) }
        }
        let trace = try result.get()
        guard trace.count > 0 else { throw .emptyTrace(path) }
        return trace
    }

    /// Parses trace bytes already in memory; `source` names them in errors.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, format: TraceFormat, source: String) throws(ReplayError) -> Trace {
        switch format {
        case .csv: try DelimitedTraceParser(source: source, delimiter: UInt8(ascii: ",")).parse(bytes)
        case .txt: try DelimitedTraceParser(source: source, delimiter: nil).parse(bytes)
        case .oracle: try OracleGeneralParser.parse(bytes, source: source)
        case .cloudfront: try CloudFrontLogParser(source: source).parse(bytes)
        }
    }

    /// Parses trace text, for callers that hold a string (tests, small inline traces).
    public static func parse(_ text: String, format: TraceFormat, source: String = "<memory>") throws(ReplayError) -> Trace {
        var text = text
        let result = text.withUTF8 { buffer -> Result<Trace, ReplayError> in
            Result { () throws(ReplayError) -> Trace in try parse(buffer, format: format, source: source) }
        }
        return try result.get()
    }
}
