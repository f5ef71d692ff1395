import Crypto
import NIOCore
import NIOHTTP1

/// The integrity checks S3 runs on an upload's bytes: `Content-MD5`, a hex `x-amz-content-sha256`, and the
/// flexible checksums (`x-amz-checksum-crc32`, `-crc32c`, `-crc64nvme`, `-sha1`, `-sha256`, as headers or trailers).
enum PayloadIntegrity {
    /// Checks every integrity value the request carries against `payload`.
    ///
    /// - Returns: the checksum headers S3 echoes in its answer (for example `x-amz-checksum-crc32`).
    /// - Throws: `BadDigest`, `InvalidDigest` or `XAmzContentSHA256Mismatch`, as S3 does.
    static func verify(_ payload: ByteBuffer, headers: HTTPHeaders, trailers: [(name: String, value: String)]) throws(S3Error) -> [(String, String)] {
        if let contentMD5 = headers.first(name: "Content-MD5") {
            guard let expected = Base64.decode(contentMD5.trimmingCharacters(in: " ")), expected.count == 16 else { throw .invalidDigest }
            let computed = Array(payload.digest(Insecure.MD5.self))
            guard computed == expected else { throw .badDigest(expected: contentMD5, calculated: Base64.encode(computed)) }
        }
        if let declared = headers.first(name: "x-amz-content-sha256"), declared.utf8.count == 64, declared.utf8.allSatisfy(\.isHexDigit) {
            let computed = FolderBucket.hexadecimal(payload.digest(SHA256.self))
            guard computed == declared.lowercased() else { throw .contentSHA256Mismatch(client: declared, computed: computed) }
        }
        var echoed: [(String, String)] = []
        let declaredChecksums = headers.map { ($0.name.lowercased(), $0.value) } + trailers
        for (name, value) in declaredChecksums where name.hasPrefix("x-amz-checksum-") {
            guard let algorithm = ChecksumAlgorithm(rawValue: String(name.dropFirst("x-amz-checksum-".count))) else { continue }
            guard algorithm.checksum(of: payload) == value else { throw .badChecksum(algorithm: algorithm.displayName) }
            echoed.append((name, value))
        }
        return echoed
    }
}

/// S3's flexible checksum algorithms, each rendered as base64 of its big-endian digest.
enum ChecksumAlgorithm: String, Sendable, CaseIterable {
    case crc32
    case crc32c
    case crc64nvme
    case sha1
    case sha256

    var displayName: String { rawValue.uppercased() }

    func checksum(of payload: ByteBuffer) -> String {
        switch self {
        case .crc32: Base64.encode(bigEndianBytes(CRC.crc32(payload.readableBytesView, table: CRC.crc32Table)))
        case .crc32c: Base64.encode(bigEndianBytes(CRC.crc32(payload.readableBytesView, table: CRC.crc32cTable)))
        case .crc64nvme: Base64.encode(bigEndianBytes(CRC.crc64nvme(payload.readableBytesView)))
        case .sha1: Base64.encode(Array(payload.digest(Insecure.SHA1.self)))
        case .sha256: Base64.encode(Array(payload.digest(SHA256.self)))
        }
    }

    private func bigEndianBytes<Value: FixedWidthInteger>(_ value: Value) -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }
}

/// Table-driven reflected CRCs: CRC-32 (IEEE), CRC-32C (Castagnoli) and CRC-64/NVME.
enum CRC {
    static let crc32Table = table32(polynomial: 0xEDB8_8320)
    static let crc32cTable = table32(polynomial: 0x82F6_3B78)
    static let crc64nvmeTable: [UInt64] = (0..<256).map { index in
        var value = UInt64(index)
        for _ in 0..<8 { value = value & 1 == 1 ? (value >> 1) ^ 0x9A6C_9329_AC4B_C9B5 : value >> 1 }
        return value
    }

    static func crc32(_ bytes: some Sequence<UInt8>, table: [UInt32]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return ~crc
    }

    static func crc64nvme(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var crc: UInt64 = ~0
        for byte in bytes { crc = crc64nvmeTable[Int((crc ^ UInt64(byte)) & 0xFF)] ^ (crc >> 8) }
        return ~crc
    }

    private static func table32(polynomial: UInt32) -> [UInt32] {
        (0..<256).map { index in
            var value = UInt32(index)
            for _ in 0..<8 { value = value & 1 == 1 ? (value >> 1) ^ polynomial : value >> 1 }
            return value
        }
    }
}

extension UInt8 {
    fileprivate var isHexDigit: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(self)
    }
}

extension String {
    fileprivate func trimmingCharacters(in character: Character) -> Substring {
        var text = self[...]
        while text.first == character { text.removeFirst() }
        while text.last == character { text.removeLast() }
        return text
    }
}
