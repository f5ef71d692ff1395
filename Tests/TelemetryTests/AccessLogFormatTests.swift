import Testing

@testable import Telemetry

@Suite("Access log line format (aws-behaviour §1.19)")
struct AccessLogFormatTests {
    /// The first example line of CloudFront's log reference, rebuilt from an event.
    @Test func reproducesCloudFrontsExampleLine() {
        let event = RequestEvent(
            time: 1_575_493_351.2,  // 2019-12-04 21:02:31.2 UTC; the log shows the end second
            pop: "LAX1",
            distributionID: "EDFDVBD6EXAMPLE",
            method: "GET",
            host: "d111111abcdef8.cloudfront.net",
            uri: "/index.html",
            status: 200,
            result: .hit,
            bytesSent: 392,
            durationSeconds: 0.001,
            protocolName: "https",
            clientAddress: "192.0.2.100",
            requestID: "SOX4xwn4XV6Q4rgb7XiVGOHms_BGlTAC4KyHmureZmBNrjGdRLiNIQ==",
            distributionDomain: "d111111abcdef8.cloudfront.net",
            protocolVersion: .http2,
            clientPort: 11_040,
            userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/78.0.3904.108 Safari/537.36",
            requestBytes: 23,
            tlsProtocol: "TLSv1.2",
            tlsCipher: "ECDHE-RSA-AES128-GCM-SHA256",
            timeToFirstByte: 0.001,
            contentType: "text/html",
            contentLength: 78
        )
        let expected =
            [
                "2019-12-04", "21:02:31", "LAX1", "392", "192.0.2.100", "GET", "d111111abcdef8.cloudfront.net", "/index.html", "200", "-",
                "Mozilla/5.0%20(Windows%20NT%2010.0;%20Win64;%20x64)%20AppleWebKit/537.36%20(KHTML,%20like%20Gecko)%20Chrome/78.0.3904.108%20Safari/537.36",
                "-", "-", "Hit", "SOX4xwn4XV6Q4rgb7XiVGOHms_BGlTAC4KyHmureZmBNrjGdRLiNIQ==", "d111111abcdef8.cloudfront.net", "https", "23", "0.001",
                "-", "TLSv1.2", "ECDHE-RSA-AES128-GCM-SHA256", "Hit", "HTTP/2.0", "-", "-", "11040", "0.001", "Hit", "text/html", "78", "-", "-",
            ].joined(separator: "\t") + "\n"
        #expect(AccessLogFormat.line(event) == expected)
    }

    @Test func headerLines() {
        #expect(AccessLogFormat.fields.count == 33)
        #expect(
            AccessLogFormat.header
                == "#Version: 1.0\n#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) "
                + "cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes "
                + "time-taken x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version fle-status "
                + "fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len "
                + "sc-range-start sc-range-end\n"
        )
    }

    /// The fields of `event`'s line by name.
    static func fields(_ event: RequestEvent) -> [String: String] {
        let line = AccessLogFormat.line(event)
        let values = line.dropLast().split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        return Dictionary(uniqueKeysWithValues: zip(AccessLogFormat.fields, values))
    }

    @Test func emptyValuesAreDashesAndEveryLineHas33Fields() {
        var event = Events.make(.miss, bytes: 0, uri: "/")
        event.requestID = ""
        let line = AccessLogFormat.line(event)
        #expect(line.hasSuffix("\n"))
        #expect(line.dropLast().split(separator: "\t", omittingEmptySubsequences: false).count == 33)
        let fields = Self.fields(event)
        for name in [
            "cs(Referer)", "cs(User-Agent)", "cs-uri-query", "cs(Cookie)", "cs-bytes", "x-forwarded-for", "ssl-protocol", "ssl-cipher",
            "fle-status", "fle-encrypted-fields", "c-port", "time-to-first-byte", "sc-content-type", "sc-content-len", "sc-range-start",
            "sc-range-end", "x-edge-request-id",
        ] {
            #expect(fields[name] == "-", "\(name)")
        }
        #expect(fields["sc-bytes"] == "0")
        #expect(fields["cs-uri-stem"] == "/")
        #expect(fields["x-edge-detailed-result-type"] == "Miss")  // equals the result when not an error
    }

    @Test func theTargetSplitsIntoStemAndQuery() {
        let fields = Self.fields(Events.make(.hit, uri: "/search?q=a b&lang=en"))
        #expect(fields["cs-uri-stem"] == "/search")
        #expect(fields["cs-uri-query"] == "q=a%20b&lang=en")
        // A bare "?" leaves an empty query, logged as "-".
        #expect(Self.fields(Events.make(.hit, uri: "/x?"))["cs-uri-query"] == "-")
    }

    @Test(arguments: [
        // CloudFront's table, then controls, DEL and non-ASCII bytes (UTF-8, upper-case hex).
        ("<>\"#%{}|\\^~[]`' ", "%3C%3E%22%23%25%7B%7D%7C%5C%5E%7E%5B%5D%60%27%20"),
        ("a\tb\nc\r", "a%09b%0Ac%0D"),
        ("\u{7F}é", "%7F%C3%A9"),
        // Left alone: what real logs show unencoded.
        ("/a-b_c.d/(x);y,z=1&k:v@h!*+$", "/a-b_c.d/(x);y,z=1&k:v@h!*+$"),
        // An already percent-encoded target: its % is encoded again, as in real logs (%2520).
        ("/my%20file.txt", "/my%2520file.txt"),
    ])
    func urlEncoding(raw: String, logged: String) {
        var event = Events.make(.hit, uri: raw.hasPrefix("/") ? raw : "/")
        event.userAgent = raw
        let fields = Self.fields(event)
        #expect(fields["cs(User-Agent)"] == logged)
        if raw.hasPrefix("/") { #expect(fields["cs-uri-stem"] == logged) }
    }

    @Test func everyTextFieldIsEncodedSoATabCannotSplitARecord() {
        var event = Events.make(.hit)
        event.referer = "https://x.example/\tq"
        event.cookie = "a=1; b=\"2\""
        event.host = "evil\thost"
        event.contentType = "text/html; charset=\"utf-8\""
        event.forwardedFor = "203.0.113.9, 198.51.100.7"
        let line = AccessLogFormat.line(event)
        #expect(line.dropLast().split(separator: "\t", omittingEmptySubsequences: false).count == 33)
        let fields = Self.fields(event)
        #expect(fields["cs(Referer)"] == "https://x.example/%09q")
        #expect(fields["cs(Cookie)"] == "a=1;%20b=%222%22")
        #expect(fields["x-host-header"] == "evil%09host")
        #expect(fields["x-forwarded-for"] == "203.0.113.9,%20198.51.100.7")
    }

    @Test func statusTimesAndRanges() {
        var event = Events.make(.error, time: 1_767_225_599.9995, duration: 0.000_6, status: 0)
        event.responseResult = .hit
        event.detailedResult = "ClientCommError"
        event.timeToFirstByte = 0.000_4
        event.rangeStart = 0
        event.rangeEnd = 99
        event.contentLength = 100
        event.protocolVersion = .http1_0
        let fields = Self.fields(event)
        // The viewer left before the response: 000.
        #expect(fields["sc-status"] == "000")
        // 23:59:59.9995 + 0.6 ms ends in the next day, UTC.
        #expect(fields["date"] == "2026-01-01")
        #expect(fields["time"] == "00:00:00")
        // Thousandths, rounded: 0.6 ms → 0.001, 0.4 ms → 0.000.
        #expect(fields["time-taken"] == "0.001")
        #expect(fields["time-to-first-byte"] == "0.000")
        #expect(fields["x-edge-result-type"] == "Error")
        #expect(fields["x-edge-response-result-type"] == "Hit")
        #expect(fields["x-edge-detailed-result-type"] == "ClientCommError")
        #expect(fields["sc-range-start"] == "0")
        #expect(fields["sc-range-end"] == "99")
        #expect(fields["cs-protocol-version"] == "HTTP/1.0")
        #expect(Self.fields(Events.make(.hit, duration: 12.345_6))["time-taken"] == "12.346")
    }

    @Test(arguments: [
        (0, "1970-01-01", "00:00:00"),
        (-1, "1969-12-31", "23:59:59"),
        (951_782_400, "2000-02-29", "00:00:00"),  // a leap day in a century leap year
        (4_107_542_400, "2100-03-01", "00:00:00"),  // 2100 is not a leap year
        (1_575_493_351, "2019-12-04", "21:02:31"),
    ])
    func utcDates(epoch: Int, date: String, time: String) {
        var bytes: [UInt8] = []
        var cache = DateCache()
        cache.append(epochSeconds: Double(epoch), to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == date + "\t" + time)
    }
}
