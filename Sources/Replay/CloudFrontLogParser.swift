import Eviction

/// Reads CloudFront standard access logs (aws-behaviour.md §1.19; hitrate.md §5.3).
///
/// The `#Fields:` line names the columns (the 33 legacy fields are assumed until one appears). Fields are
/// tab-separated; a line without tabs is split at spaces. Per request:
/// - key: `EvictionKey.hash` of `cs(Host)` + `cs-uri-stem`, plus `?` + `cs-uri-query` when a query was logged
///   (not `-`), with the log's `%XX` escapes decoded: the bytes of the request target as the viewer sent it
///   (CloudFront logs `%` as `%25`, so a decoded `%2520` is the viewer's `%20`). A live edge cache that keys
///   its policy with the distribution's domain + the raw path (+ `?` + the raw query) replays to the same hits;
/// - size: `sc-bytes`;
/// - POP: `x-edge-location`;
/// - cacheable: `cs-method` is GET or HEAD;
/// - logged outcome: `x-edge-result-type`, kept as ground truth to compare with the replay.
struct CloudFrontLogParser {
    static let legacyFields = [
        "date", "time", "x-edge-location", "sc-bytes", "c-ip", "cs-method", "cs(Host)", "cs-uri-stem", "sc-status",
        "cs(Referer)", "cs(User-Agent)", "cs-uri-query", "cs(Cookie)", "x-edge-result-type", "x-edge-request-id",
        "x-host-header", "cs-protocol", "cs-bytes", "time-taken", "x-forwarded-for", "ssl-protocol", "ssl-cipher",
        "x-edge-response-result-type", "cs-protocol-version", "fle-status", "fle-encrypted-fields", "c-port",
        "time-to-first-byte", "x-edge-detailed-result-type", "sc-content-type", "sc-content-len", "sc-range-start",
        "sc-range-end",
    ]

    private struct Columns {
        var location: Int
        var bytes: Int
        var method: Int
        var host: Int
        var stem: Int
        var query: Int
        var result: Int

        init?(names: [String]) {
            func column(_ name: String) -> Int? { names.firstIndex { $0.lowercased() == name.lowercased() } }
            guard let location = column("x-edge-location"), let bytes = column("sc-bytes"), let method = column("cs-method"),
                let host = column("cs(Host)"), let stem = column("cs-uri-stem"), let query = column("cs-uri-query"),
                let result = column("x-edge-result-type")
            else { return nil }
            self.location = location
            self.bytes = bytes
            self.method = method
            self.host = host
            self.stem = stem
            self.query = query
            self.result = result
        }

        var needed: Int { [location, bytes, method, host, stem, query, result].max()! + 1 }
    }

    let source: String

    func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(ReplayError) -> Trace {
        var trace = Trace(source: source)
        trace.reserveCapacity(bytes.count / 300)
        var columns = Columns(names: Self.legacyFields)!
        var fields = ByteFields(bytes: bytes)
        let fieldsPrefix = Array("#Fields:".utf8)
        var key: [UInt8] = []
        try bytes.forEachLine { (line, number) throws(ReplayError) in
            guard !line.isEmpty else { return }
            if bytes[line.lowerBound] == UInt8(ascii: "#") {
                guard UnsafeBufferPointer(rebasing: bytes[line]).starts(with: fieldsPrefix) else { return }
                fields.split((line.lowerBound + fieldsPrefix.count)..<line.upperBound, delimiter: nil)
                guard let named = Columns(names: (0..<fields.count).map { fields.text($0) }) else {
                    throw .malformedRecord(
                        source,
                        line: number,
                        "the #Fields line lacks one of x-edge-location, sc-bytes, cs-method, cs(Host), cs-uri-stem, "
                            + "cs-uri-query, x-edge-result-type"
                    )
                }
                columns = named
                return
            }
            let hasTab = UnsafeBufferPointer(rebasing: bytes[line]).contains(9)
            fields.split(line, delimiter: hasTab ? 9 : nil)
            guard fields.count >= columns.needed else {
                throw .malformedRecord(source, line: number, "expected \(columns.needed) or more log fields, found \(fields.count)")
            }
            let size = fields.count(columns.bytes) ?? 0
            key.removeAll(keepingCapacity: true)
            key.append(contentsOf: fields.text(columns.host).utf8)
            Self.appendDecoded(fields.text(columns.stem), to: &key)
            let query = fields.text(columns.query)
            if query != "-" && !query.isEmpty {
                key.append(UInt8(ascii: "?"))
                Self.appendDecoded(query, to: &key)
            }
            let method = fields.text(columns.method).uppercased()
            trace.append(
                key: EvictionKey.hash(bytes: key),
                size: size,
                cacheable: method == "GET" || method == "HEAD",
                pop: fields.text(columns.location),
                logged: LoggedResult(cloudFront: fields.text(columns.result))
            )
        }
        return trace
    }

    /// Appends `text` with each `%XX` (two hex digits) turned back into its byte; any other `%` stays.
    static func appendDecoded(_ text: String, to key: inout [UInt8]) {
        let bytes = Array(text.utf8)
        var position = 0
        while position < bytes.count {
            if bytes[position] == UInt8(ascii: "%"), position + 2 < bytes.count,
                let high = hexValue(bytes[position + 1]), let low = hexValue(bytes[position + 2])
            {
                key.append(high << 4 | low)
                position += 3
            } else {
                key.append(bytes[position])
                position += 1
            }
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
