import NIOCore
import Testing

/// Bodies the codecs are exercised with, from the empty body to CloudFront's 10,000,000-byte compression limit.
enum Sample: String, CaseIterable, CustomTestStringConvertible {
    case empty
    case oneByte
    case text1000
    case binary1000
    case text10MB
    case binary10MB

    var testDescription: String { self.rawValue }

    var body: ByteBuffer {
        switch self {
        case .empty: ByteBuffer()
        case .oneByte: ByteBuffer(bytes: [0x41])
        case .text1000: Self.text(count: 1000)
        case .binary1000: Self.binary(count: 1000)
        case .text10MB: Self.tenMegabytesOfText
        case .binary10MB: Self.tenMegabytesOfBinary
        }
    }

    private static let tenMegabytesOfText = text(count: 10_000_000)
    private static let tenMegabytesOfBinary = binary(count: 10_000_000)

    /// HTML-like text drawn from a small vocabulary, compressible the way web assets are.
    static func text(count: Int) -> ByteBuffer {
        let words = ["<div class=\"item\">", "edge", "cache", "object", "</div>\n", "distribution", "origin", "viewer", " ", "\"", "=", "<p>"]
            .map { Array($0.utf8) }
        var generator = SplitMix64(seed: 0x5EED)
        var buffer = ByteBuffer()
        buffer.reserveCapacity(count + 32)
        while buffer.readableBytes < count {
            buffer.writeBytes(words[Int(generator.next() % UInt64(words.count))])
        }
        buffer.moveWriterIndex(to: count)
        return buffer
    }

    /// Pseudo-random bytes: incompressible, so the encoders must fall back to stored blocks without overflowing.
    static func binary(count: Int) -> ByteBuffer {
        var generator = SplitMix64(seed: 0xB1_4A2F)
        var buffer = ByteBuffer()
        buffer.reserveCapacity(count)
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { bytes in
            var index = 0
            while index < count {
                var word = generator.next()
                for _ in 0..<min(8, count - index) {
                    bytes[index] = UInt8(truncatingIfNeeded: word)
                    word >>= 8
                    index += 1
                }
            }
            return count
        }
        return buffer
    }
}

/// A seeded generator so every run compresses the same bytes.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { self.state = seed }

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
