import Eviction

/// Reads CSV (`time,obj_id,obj_size`, libCacheSim's layout) and space-separated `time id size` traces.
///
/// A first line whose size column is not a number is a header; its names choose the columns
/// (`obj_id`/`id`/`key`, `obj_size`/`size`, and optionally `pop`, `method`, `cacheable`). Without a header
/// the columns are time, id, size. Numeric ids are used as keys; other ids are hashed with `EvictionKey.hash`. Blank lines
/// and lines starting with `#` are skipped. A request is uncacheable when its `method` is not GET or HEAD
/// or its `cacheable` column says `false`, `0` or `no`.
struct DelimitedTraceParser {
    private struct Columns {
        var id = 1
        var size = 2
        var pop: Int?
        var method: Int?
        var cacheable: Int?

        var needed: Int { [id, size, pop ?? 0, method ?? 0, cacheable ?? 0].max()! + 1 }
    }

    let source: String
    let delimiter: UInt8?

    func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(ReplayError) -> Trace {
        var trace = Trace(source: source)
        trace.reserveCapacity(bytes.count / 24)
        var columns = Columns()
        var fields = ByteFields(bytes: bytes)
        var sawContent = false
        try bytes.forEachLine { (line, number) throws(ReplayError) in
            guard !line.isEmpty, bytes[line.lowerBound] != UInt8(ascii: "#") else { return }
            fields.split(line, delimiter: delimiter)
            if !sawContent {
                sawContent = true
                if fields.count <= columns.size || fields.count(columns.size) == nil {
                    columns = try headerColumns(fields, line: number)
                    return
                }
            }
            guard fields.count >= columns.needed else {
                throw .malformedRecord(source, line: number, "expected at least \(columns.needed) fields, found \(fields.count)")
            }
            guard let size = fields.count(columns.size) else {
                throw .malformedRecord(source, line: number, "the size \"\(fields.text(columns.size))\" is not a whole number of bytes")
            }
            let key = fields.unsigned(columns.id) ?? EvictionKey.hash(fields.text(columns.id))
            var cacheable = true
            if let method = columns.method {
                let name = fields.text(method).uppercased()
                cacheable = name == "GET" || name == "HEAD"
            }
            if let column = columns.cacheable, ["false", "0", "no"].contains(fields.text(column).lowercased()) {
                cacheable = false
            }
            trace.append(key: key, size: size, cacheable: cacheable, pop: columns.pop.map { fields.text($0) })
        }
        return trace
    }

    private func headerColumns(_ fields: ByteFields, line: Int) throws(ReplayError) -> Columns {
        var columns = Columns()
        var id: Int?
        var size: Int?
        for field in 0..<fields.count {
            switch fields.text(field).lowercased() {
            case "obj_id", "id", "key", "object", "obj", "object_id": id = field
            case "obj_size", "size", "bytes", "object_size": size = field
            case "pop", "edge", "location", "x-edge-location": columns.pop = field
            case "method", "cs-method": columns.method = field
            case "cacheable": columns.cacheable = field
            default: continue
            }
        }
        guard let id, let size else {
            throw .malformedRecord(
                source,
                line: line,
                "the header names no id and size columns (expected obj_id and obj_size, as in time,obj_id,obj_size)"
            )
        }
        columns.id = id
        columns.size = size
        return columns
    }
}
