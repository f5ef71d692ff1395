/// Reads libCacheSim's oracleGeneral binary traces: packed 24-byte little-endian records
/// `uint32 clock_time, uint64 obj_id, uint32 obj_size, int64 next_access_vtime`.
/// The next-access column is ignored: replays compute the future themselves.
enum OracleGeneralParser {
    static let recordSize = 24

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, source: String) throws(ReplayError) -> Trace {
        guard bytes.count % recordSize == 0 else {
            throw .malformedRecord(
                source,
                line: bytes.count / recordSize + 1,
                "an oracleGeneral file is a whole number of 24-byte records, but \(bytes.count) bytes leave \(bytes.count % recordSize) over"
            )
        }
        var trace = Trace(source: source)
        let records = bytes.count / recordSize
        trace.reserveCapacity(records)
        let raw = UnsafeRawBufferPointer(bytes)
        for record in 0..<records {
            let offset = record * recordSize
            let key = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt64.self))
            let size = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
            trace.append(key: key, size: Int(size))
        }
        return trace
    }
}
