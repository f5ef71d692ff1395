/// The trace file formats `edgesim replay` reads (hitrate.md §5.3).
public enum TraceFormat: String, Sendable, CaseIterable, Codable {
    /// `time,obj_id,obj_size` with an optional header (libCacheSim's CSV); optional named columns `pop`,
    /// `method` and `cacheable`.
    case csv
    /// Space-separated `time id size` (webcachesim, LRB).
    case txt
    /// libCacheSim's oracleGeneral binary: 24-byte little-endian records
    /// (`uint32 time, uint64 id, uint32 size, int64 next_access_vtime`).
    case oracle
    /// CloudFront standard access logs (`#Version`, `#Fields`, tab-separated fields).
    case cloudfront

    /// Parses a `--format` value: `csv`, `txt` (or `space`), `oracle` (or `oracleGeneral`, `bin`),
    /// `cloudfront` (or `cf`, `log`); case-insensitive.
    public init?(_ name: String) {
        switch name.lowercased() {
        case "csv": self = .csv
        case "txt", "space", "text": self = .txt
        case "oracle", "oraclegeneral", "bin": self = .oracle
        case "cloudfront", "cf", "log", "accesslog": self = .cloudfront
        default: return nil
        }
    }

    /// Guesses the format from the file name, then from the first bytes; `nil` when neither tells.
    static func detect(path: String, head: some Collection<UInt8>) -> TraceFormat? {
        let name = path.split(separator: "/").last.map(String.init)?.lowercased() ?? ""
        if name.contains("oraclegeneral") || name.hasSuffix(".bin") { return .oracle }
        if name.hasSuffix(".csv") { return .csv }
        if name.hasSuffix(".txt") || name.hasSuffix(".tr") { return .txt }
        if name.hasSuffix(".log") { return .cloudfront }
        if head.starts(with: Array("#Version".utf8)) || head.starts(with: Array("#Fields".utf8)) { return .cloudfront }
        let firstLine = head.prefix { $0 != UInt8(ascii: "\n") }
        let printable = firstLine.allSatisfy { $0 == 9 || $0 == 13 || (32..<127).contains($0) }
        guard printable, !firstLine.isEmpty, firstLine.count < head.count else { return nil }
        if firstLine.contains(UInt8(ascii: ",")) { return .csv }
        if firstLine.contains(UInt8(ascii: " ")) || firstLine.contains(9) { return .txt }
        return nil
    }
}
