import NIOCore

/// Parses RESP2 replies out of received bytes: a pure function of the buffer, so a reply split anywhere parses
/// the same once its last byte arrives.
///
/// Bulk strings come out as slices of the received buffer (no copy). Limits guard against a broken or hostile
/// peer: bulk strings up to Redis's own 512 MB, lines (simple strings, errors, headers) up to 64 KiB, arrays
/// nested up to 64 deep.
struct RESPParser: Sendable {
    var maximumBulkLength = 512 * 1024 * 1024
    var maximumLineLength = 64 * 1024
    var maximumDepth = 64

    /// Takes one complete reply off the front of `buffer`; nil (and `buffer` untouched) when it has not all arrived.
    func parse(_ buffer: inout ByteBuffer) throws(RESPProtocolError) -> RESPValue? {
        var index = buffer.readerIndex
        guard let value = try parseValue(buffer, at: &index, depth: 0) else { return nil }
        buffer.moveReaderIndex(to: index)
        return value
    }

    private func parseValue(_ buffer: ByteBuffer, at index: inout Int, depth: Int) throws(RESPProtocolError) -> RESPValue? {
        guard let type = buffer.getInteger(at: index, as: UInt8.self) else { return nil }
        guard let (lineStart, lineEnd) = try line(buffer, after: index) else { return nil }
        var next = lineEnd + 2
        switch type {
        case UInt8(ascii: "+"):
            index = next
            return .simpleString(buffer.getString(at: lineStart, length: lineEnd - lineStart) ?? "")
        case UInt8(ascii: "-"):
            index = next
            return .error(buffer.getString(at: lineStart, length: lineEnd - lineStart) ?? "")
        case UInt8(ascii: ":"):
            index = next
            return .integer(try integer(buffer, from: lineStart, to: lineEnd))
        case UInt8(ascii: "$"):
            let length = try integer(buffer, from: lineStart, to: lineEnd)
            if length == -1 {
                index = next
                return .bulkString(nil)
            }
            guard length >= 0, length <= maximumBulkLength else { throw .invalidLength(length) }
            let count = Int(length)
            guard buffer.writerIndex - next >= count + 2 else { return nil }
            guard buffer.getInteger(at: next + count, as: UInt16.self) == Self.crlf else { throw .missingTerminator }
            let bytes = buffer.getSlice(at: next, length: count)
            index = next + count + 2
            return .bulkString(bytes)
        case UInt8(ascii: "*"):
            let length = try integer(buffer, from: lineStart, to: lineEnd)
            if length == -1 {
                index = next
                return .array(nil)
            }
            guard length >= 0, length <= Int64(maximumBulkLength) else { throw .invalidLength(length) }
            guard depth < maximumDepth else { throw .nestedTooDeep(maximumDepth) }
            var elements: [RESPValue] = []
            elements.reserveCapacity(min(Int(length), 1024))
            for _ in 0..<length {
                guard let element = try parseValue(buffer, at: &next, depth: depth + 1) else { return nil }
                elements.append(element)
            }
            index = next
            return .array(elements)
        default:
            throw .unknownType(type)
        }
    }

    private static let crlf = UInt16(0x0D0A)

    /// The bounds of the line after the type byte at `index`, without its CRLF; nil until the CRLF has arrived.
    private func line(_ buffer: ByteBuffer, after index: Int) throws(RESPProtocolError) -> (start: Int, end: Int)? {
        let start = index + 1
        let available = buffer.writerIndex - start
        let searchLength = min(available, maximumLineLength + 2)
        guard searchLength > 0 else { return nil }
        let offset = buffer.withUnsafeReadableBytes { bytes in
            bytes[(start - buffer.readerIndex)..<(start - buffer.readerIndex + searchLength)].firstIndex(of: 0x0D)
        }
        guard let carriageReturn = offset.map({ $0 + buffer.readerIndex }) else {
            if available > maximumLineLength { throw .lineTooLong(maximumLineLength) }
            return nil
        }
        guard let lineFeed = buffer.getInteger(at: carriageReturn + 1, as: UInt8.self) else { return nil }
        guard lineFeed == 0x0A else { throw .missingTerminator }
        return (start, carriageReturn)
    }

    private func integer(_ buffer: ByteBuffer, from start: Int, to end: Int) throws(RESPProtocolError) -> Int64 {
        guard end > start, let bytes = buffer.viewBytes(at: start, length: end - start) else { throw .invalidInteger }
        var iterator = bytes.makeIterator()
        var negative = false
        var first = iterator.next()
        if first == UInt8(ascii: "-") {
            negative = true
            first = iterator.next()
        }
        guard var digit = first else { throw .invalidInteger }
        var value: Int64 = 0
        while true {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { throw .invalidInteger }
            let (shifted, overflowShift) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowSum) = shifted.addingReportingOverflow(Int64(digit - UInt8(ascii: "0")))
            guard !overflowShift, !overflowSum else { throw .invalidInteger }
            value = sum
            guard let nextDigit = iterator.next() else { break }
            digit = nextDigit
        }
        return negative ? -value : value
    }
}

/// Bytes from the server that are not RESP2: the connection cannot be trusted further and is closed.
public struct RESPProtocolError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Reason: Sendable, Hashable {
        case unknownType(UInt8)
        case invalidInteger
        case invalidLength(Int64)
        case missingTerminator
        case lineTooLong(Int)
        case nestedTooDeep(Int)
    }

    private let reason: Reason

    static func unknownType(_ byte: UInt8) -> Self { Self(reason: .unknownType(byte)) }
    static let invalidInteger = Self(reason: .invalidInteger)
    static func invalidLength(_ length: Int64) -> Self { Self(reason: .invalidLength(length)) }
    static let missingTerminator = Self(reason: .missingTerminator)
    static func lineTooLong(_ limit: Int) -> Self { Self(reason: .lineTooLong(limit)) }
    static func nestedTooDeep(_ limit: Int) -> Self { Self(reason: .nestedTooDeep(limit)) }

    public var description: String {
        let detail =
            switch reason {
            case .unknownType(let byte): "a reply starts with byte 0x\(String(byte, radix: 16)), which is no RESP2 type"
            case .invalidInteger: "a length or integer is not a decimal number"
            case .invalidLength(let length): "a length of \(length) is out of range"
            case .missingTerminator: "a line or bulk string does not end in CRLF"
            case .lineTooLong(let limit): "a line runs past \(limit) bytes without CRLF"
            case .nestedTooDeep(let limit): "arrays nest deeper than \(limit) levels"
            }
        return "The Redis server sent bytes that are not RESP2 (\(detail)); check that the URL points at Redis "
            + "and that the server speaks RESP2 (Redis, Valkey, ElastiCache). The connection was closed."
    }
}
