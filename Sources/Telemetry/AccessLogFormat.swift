/// CloudFront's standard (legacy) access log format (aws-behaviour §1.19): W3C extended, tab-separated, a
/// `#Version: 1.0` and a `#Fields:` line, then one line of 33 fields per request, `-` for an empty value.
///
/// Field values are URL-encoded as CloudFront's log reference lists: bytes 0–32 and 127–255 and the characters
/// `<` `>` `"` `#` `%` `{` `}` `|` `\` `^` `~` `[` `]` `` ` `` `'` become `%XX` (upper-case hex). Every text
/// field is encoded so a tab or line break in a header can never split a record; `%` becoming `%25` is what makes
/// a logged `%20` from the request target read `%2520`, as in real logs. Date and time are UTC.
public enum AccessLogFormat {
    /// The 33 fields, in order.
    public static let fields = [
        "date", "time", "x-edge-location", "sc-bytes", "c-ip", "cs-method", "cs(Host)", "cs-uri-stem", "sc-status",
        "cs(Referer)", "cs(User-Agent)", "cs-uri-query", "cs(Cookie)", "x-edge-result-type", "x-edge-request-id",
        "x-host-header", "cs-protocol", "cs-bytes", "time-taken", "x-forwarded-for", "ssl-protocol", "ssl-cipher",
        "x-edge-response-result-type", "cs-protocol-version", "fle-status", "fle-encrypted-fields", "c-port",
        "time-to-first-byte", "x-edge-detailed-result-type", "sc-content-type", "sc-content-len", "sc-range-start",
        "sc-range-end",
    ]

    /// The two header lines every log file starts with.
    public static let header = "#Version: 1.0\n#Fields: " + fields.joined(separator: " ") + "\n"

    /// The event's line, with its line feed.
    public static func line(_ event: RequestEvent) -> String {
        var bytes: [UInt8] = []
        var dates = DateCache()
        append(event, to: &bytes, dates: &dates)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the event's line (with its line feed) to `line`; `dates` keeps the last second's date and time
    /// text, so a busy writer formats each second once.
    static func append(_ event: RequestEvent, to line: inout [UInt8], dates: inout DateCache) {
        let tab = UInt8(ascii: "\t")
        dates.append(epochSeconds: event.endTime, to: &line)  // date, tab, time
        line.append(tab)
        appendText(event.pop, to: &line)
        line.append(tab)
        appendInteger(event.bytesSent, to: &line)
        line.append(tab)
        appendText(event.clientAddress, to: &line)
        line.append(tab)
        appendText(event.method, to: &line)
        line.append(tab)
        appendText(event.distributionDomain, to: &line)
        line.append(tab)
        let uri = event.uri.utf8
        let question = uri.firstIndex(of: UInt8(ascii: "?"))
        appendText(uri[..<(question ?? uri.endIndex)], to: &line)
        line.append(tab)
        appendStatus(event.status, to: &line)
        line.append(tab)
        appendText(event.referer, to: &line)
        line.append(tab)
        appendText(event.userAgent, to: &line)
        line.append(tab)
        appendText(question.map { uri[uri.index(after: $0)...] }, to: &line)
        line.append(tab)
        appendText(event.cookie, to: &line)
        line.append(tab)
        appendText(event.result.rawValue, to: &line)
        line.append(tab)
        appendText(event.requestID, to: &line)
        line.append(tab)
        appendText(event.host, to: &line)
        line.append(tab)
        appendText(event.protocolName, to: &line)
        line.append(tab)
        appendInteger(event.requestBytes, to: &line)
        line.append(tab)
        appendSeconds(event.durationSeconds, to: &line)
        line.append(tab)
        appendText(event.forwardedFor, to: &line)
        line.append(tab)
        appendText(event.tlsProtocol, to: &line)
        line.append(tab)
        appendText(event.tlsCipher, to: &line)
        line.append(tab)
        appendText(event.responseResult.rawValue, to: &line)
        line.append(tab)
        appendProtocolVersion(event.protocolVersion, to: &line)
        line.append(tab)
        appendText(event.fieldLevelEncryptionStatus, to: &line)
        line.append(tab)
        appendInteger(event.fieldLevelEncryptedFields, to: &line)
        line.append(tab)
        appendInteger(event.clientPort, to: &line)
        line.append(tab)
        appendSeconds(event.timeToFirstByte, to: &line)
        line.append(tab)
        appendText(event.detailedResult ?? event.result.rawValue, to: &line)
        line.append(tab)
        appendText(event.contentType, to: &line)
        line.append(tab)
        appendInteger(event.contentLength, to: &line)
        line.append(tab)
        appendInteger(event.rangeStart, to: &line)
        line.append(tab)
        appendInteger(event.rangeEnd, to: &line)
        line.append(UInt8(ascii: "\n"))
    }

    // MARK: Fields

    static func appendText(_ text: String?, to line: inout [UInt8]) {
        guard let text else { return line.append(UInt8(ascii: "-")) }
        appendText(text.utf8[...], to: &line)
    }

    static func appendText(_ text: Substring.UTF8View?, to line: inout [UInt8]) {
        guard let text, !text.isEmpty else { return line.append(UInt8(ascii: "-")) }
        for byte in text {
            if needsEncoding(byte) {
                line.append(UInt8(ascii: "%"))
                line.append(hexDigits[Int(byte >> 4)])
                line.append(hexDigits[Int(byte & 0xF)])
            } else {
                line.append(byte)
            }
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// CloudFront's list: controls and space, DEL and non-ASCII, and `<>"#%{}|\^~[]`'`.
    @inline(__always)
    static func needsEncoding(_ byte: UInt8) -> Bool {
        if byte <= 32 || byte >= 127 { return true }
        switch byte {
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "#"), UInt8(ascii: "%"), UInt8(ascii: "{"),
            UInt8(ascii: "}"), UInt8(ascii: "|"), UInt8(ascii: "\\"), UInt8(ascii: "^"), UInt8(ascii: "~"), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "`"), UInt8(ascii: "'"):
            return true
        default:
            return false
        }
    }

    static func appendInteger(_ value: Int?, to line: inout [UInt8]) {
        guard let value else { return line.append(UInt8(ascii: "-")) }
        appendDecimal(value, to: &line)
    }

    static func appendDecimal(_ value: Int, minimumDigits: Int = 1, to line: inout [UInt8]) {
        if value < 0 { line.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = line.count
        var count = 0
        repeat {
            line.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
            count += 1
        } while magnitude > 0 || count < minimumDigits
        line[start...].reverse()
    }

    /// `sc-status`: three digits, `000` when the viewer left before a response.
    static func appendStatus(_ status: Int, to line: inout [UInt8]) {
        appendDecimal(max(0, status), minimumDigits: 3, to: &line)
    }

    /// Seconds to the thousandth (`0.082`), as `time-taken` and `time-to-first-byte` are logged.
    static func appendSeconds(_ seconds: Double?, to line: inout [UInt8]) {
        guard let seconds, seconds.isFinite else { return line.append(UInt8(ascii: "-")) }
        let millis = Int((max(0, seconds) * 1_000).rounded())
        appendDecimal(millis / 1_000, to: &line)
        line.append(UInt8(ascii: "."))
        appendDecimal(millis % 1_000, minimumDigits: 3, to: &line)
    }

    /// `HTTP/1.1`, `HTTP/2.0`.
    static func appendProtocolVersion(_ version: RequestEvent.HTTPVersion, to line: inout [UInt8]) {
        line.append(contentsOf: "HTTP/".utf8)
        appendDecimal(version.major, to: &line)
        line.append(UInt8(ascii: "."))
        appendDecimal(version.minor, to: &line)
    }
}
