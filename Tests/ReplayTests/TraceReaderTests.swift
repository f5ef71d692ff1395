import Eviction
import Foundation
import Testing

@testable import Replay

@Suite("Trace readers")
struct TraceReaderTests {
    @Test func csvWithHeaderAndNumericIDs() throws {
        let trace = try TraceReader.parse("time,obj_id,obj_size\n0,36889,28584\n0,9593,9959\r\n1,36889,28584\n", format: .csv)
        #expect(Array(trace.keys) == [36_889, 9_593, 36_889])
        #expect(Array(trace.sizes) == [28_584, 9_959, 28_584])
        #expect(trace.cacheable.isEmpty)
    }

    @Test func csvWithoutHeaderAndStringIDs() throws {
        let trace = try TraceReader.parse("0,/a.js,100\n1,/b.css,200\n2,/a.js,100\n3,42,7\n", format: .csv)
        #expect(trace.keys[0] == trace.keys[2])
        #expect(trace.keys[0] != trace.keys[1])
        #expect(trace.keys[3] == 42)
        #expect(trace.keys[0] == EvictionKey.hash("/a.js"))
    }

    @Test func csvNamedColumnsInAnyOrder() throws {
        let text = """
            obj_size,pop,obj_id,method,cacheable,time
            100,IAD,1,GET,true,0
            200,LHR,2,POST,true,0
            300,IAD,3,GET,false,1
            400,LHR,4,HEAD,,2
            """
        let trace = try TraceReader.parse(text, format: .csv)
        #expect(Array(trace.keys) == [1, 2, 3, 4])
        #expect(Array(trace.sizes) == [100, 200, 300, 400])
        #expect(Array(trace.cacheable) == [true, false, false, true])
        #expect(trace.popNames == ["IAD", "LHR"])
        #expect(Array(trace.pops) == [0, 1, 0, 1])
    }

    @Test func csvReportsTheBadLine() {
        #expect {
            _ = try TraceReader.parse("time,obj_id,obj_size\n0,1,10\n0,2,ten\n", format: .csv, source: "t.csv")
        } throws: { error in
            "\(error)".contains("t.csv:3") && "\(error)".contains("\"ten\"")
        }
        #expect {
            _ = try TraceReader.parse("0,1,10\n0,2\n", format: .csv, source: "t.csv")
        } throws: { error in
            "\(error)".contains("t.csv:2") && "\(error)".contains("at least 3 fields")
        }
    }

    @Test func spaceSeparated() throws {
        let trace = try TraceReader.parse("0 5 100\n1\t6   200\n\n# comment\n2 5 100 extra\n", format: .txt)
        #expect(Array(trace.keys) == [5, 6, 5])
        #expect(Array(trace.sizes) == [100, 200, 100])
    }

    @Test func oracleGeneralRecords() throws {
        var bytes: [UInt8] = []
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        for (time, id, size) in [(UInt32(1), UInt64(0xDEAD_BEEF_0001), UInt32(512)), (2, 7, 4_096)] {
            append(time)
            append(id)
            append(size)
            append(Int64(-1))
        }
        let trace = try bytes.withUnsafeBufferPointer { try TraceReader.parse($0, format: .oracle, source: "t.oracleGeneral") }
        #expect(Array(trace.keys) == [0xDEAD_BEEF_0001, 7])
        #expect(Array(trace.sizes) == [512, 4_096])
        #expect {
            _ = try bytes.dropLast().withUnsafeBufferPointer { try TraceReader.parse($0, format: .oracle, source: "t.bin") }
        } throws: { error in
            "\(error)".contains("24-byte records")
        }
    }

    static let cloudFrontLog = """
        #Version: 1.0
        #Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len sc-range-start sc-range-end
        2019-12-04\t21:02:31\tLAX1\t392\t192.0.2.100\tGET\td111111abcdef8.cloudfront.net\t/index.html\t200\t-\tMozilla/5.0\t-\t-\tMiss\tid1\twww.example.com\thttps\t23\t0.001\t-\tTLSv1.2\tECDHE-RSA-AES128-GCM-SHA256\tMiss\tHTTP/2.0\t-\t-\t11040\t0.001\tMiss\ttext/html\t78\t-\t-
        2019-12-04\t21:02:32\tLAX1\t392\t192.0.2.100\tGET\td111111abcdef8.cloudfront.net\t/index.html\t200\t-\tMozilla/5.0\t-\t-\tHit\tid2\twww.example.com\thttps\t23\t0.001\t-\tTLSv1.2\tECDHE-RSA-AES128-GCM-SHA256\tHit\tHTTP/2.0\t-\t-\t11040\t0.001\tHit\ttext/html\t78\t-\t-
        2019-12-04\t21:02:33\tIAD89\t1200\t192.0.2.7\tGET\td111111abcdef8.cloudfront.net\t/index.html\t200\t-\tMozilla/5.0\tv=2\t-\tRefreshHit\tid3\twww.example.com\thttps\t23\t0.001\t-\tTLSv1.2\tECDHE-RSA-AES128-GCM-SHA256\tRefreshHit\tHTTP/2.0\t-\t-\t11040\t0.001\tRefreshHit\ttext/html\t78\t-\t-
        2019-12-04\t21:02:34\tIAD89\t90\t192.0.2.7\tPOST\td111111abcdef8.cloudfront.net\t/api/shows\t201\t-\tMozilla/5.0\t-\t-\tMiss\tid4\twww.example.com\thttps\t23\t0.001\t-\tTLSv1.2\tECDHE-RSA-AES128-GCM-SHA256\tMiss\tHTTP/2.0\t-\t-\t11040\t0.001\tMiss\tapplication/json\t12\t-\t-
        """

    @Test func cloudFrontStandardLog() throws {
        let trace = try TraceReader.parse(Self.cloudFrontLog, format: .cloudfront)
        #expect(trace.count == 4)
        #expect(trace.keys[0] == EvictionKey.hash("d111111abcdef8.cloudfront.net/index.html"))
        #expect(trace.keys[1] == trace.keys[0])
        // The query is part of the key.
        #expect(trace.keys[2] == EvictionKey.hash("d111111abcdef8.cloudfront.net/index.html?v=2"))
        #expect(Array(trace.sizes) == [392, 392, 1_200, 90])
        #expect(trace.popNames == ["LAX1", "IAD89"])
        #expect(Array(trace.pops) == [0, 0, 1, 1])
        #expect(Array(trace.cacheable) == [true, true, true, false])
        #expect(Array(trace.loggedResults) == [.miss, .hit, .refreshHit, .miss])
    }

    @Test func cloudFrontFieldsLineChoosesColumns() throws {
        let log = """
            #Fields: cs-uri-stem x-edge-result-type sc-bytes cs(Host) x-edge-location cs-method cs-uri-query
            /a.js Hit 10 example.com FRA6 GET -
            /a.js Miss 10 example.com FRA6 GET -
            """
        let trace = try TraceReader.parse(log, format: .cloudfront)
        #expect(Array(trace.sizes) == [10, 10])
        #expect(trace.keys[0] == trace.keys[1])
        #expect(Array(trace.loggedResults) == [.hit, .miss])
        #expect(throws: ReplayError.self) {
            _ = try TraceReader.parse("#Fields: date time\n", format: .cloudfront)
        }
    }

    @Test func detectsFormats() {
        let csv = Array("time,obj_id,obj_size\n0,1,2\n".utf8)
        #expect(TraceFormat.detect(path: "/t/zipf.csv", head: csv) == .csv)
        #expect(TraceFormat.detect(path: "/t/trace", head: csv) == .csv)
        #expect(TraceFormat.detect(path: "/t/trace", head: Array("0 1 2\n".utf8)) == .txt)
        #expect(TraceFormat.detect(path: "/t/E2ABCD.2019-12-04-21.abc", head: Array("#Version: 1.0\n".utf8)) == .cloudfront)
        #expect(TraceFormat.detect(path: "/t/cluster52.oracleGeneral", head: [0, 1, 2]) == .oracle)
        #expect(TraceFormat.detect(path: "/t/blob", head: [0, 1, 2, 200]) == nil)
        #expect(TraceFormat("oracleGeneral") == .oracle)
        #expect(TraceFormat("CSV") == .csv)
        #expect(TraceFormat("parquet") == nil)
    }

    @Test func readsFilesAndExplainsProblems() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("t.csv").path
        try Data("time,obj_id,obj_size\n0,1,10\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try TraceReader.read(path: path).count == 1)
        #expect {
            _ = try TraceReader.read(path: folder.appendingPathComponent("missing.csv").path)
        } throws: { error in
            "\(error)".contains("missing.csv")
        }
        #expect {
            _ = try TraceReader.read(path: folder.appendingPathComponent("t.oracleGeneral.zst").path)
        } throws: { error in
            "\(error)".contains("zstd -d")
        }
        let empty = folder.appendingPathComponent("empty.csv").path
        try Data("time,obj_id,obj_size\n".utf8).write(to: URL(fileURLWithPath: empty))
        #expect(throws: ReplayError.emptyTrace(empty)) { _ = try TraceReader.read(path: empty) }
    }
}
