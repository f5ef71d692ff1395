import CompressNIO
import NIOCore

/// gzip (RFC 1952) through compress-nio over the system zlib.
enum Gzip {
    static let levels = 1...9

    static func encode(_ body: ByteBuffer, level: Int, allocator: ByteBufferAllocator) throws -> ByteBuffer {
        guard Self.levels.contains(level) else {
            throw ContentEncoderError.levelOutOfRange(.gzip, level: level, range: Self.levels, setting: "gzipLevel")
        }
        // compress-nio sizes the output with deflateBound, so one deflate call with Z_FINISH always completes.
        var input = body
        do {
            return try input.compress(
                with: .gzip,
                configuration: ZlibConfiguration(compressionLevel: Int32(level)),
                allocator: allocator
            )
        } catch {
            throw ContentEncoderError.codecFailure(.gzip, detail: "zlib: \(error)")
        }
    }

    static func decode(_ body: ByteBuffer, maximumSize: Int, allocator: ByteBufferAllocator) throws -> ByteBuffer {
        var input = body
        var output = allocator.buffer(capacity: 0)
        do {
            let decompressor = try ZlibDecompressor(algorithm: .gzip)
            // RFC 1952 §2.2: a gzip body is a series of members, decoded back to back.
            repeat {
                var member = try input.decompressStream(
                    with: decompressor,
                    maxSize: maximumSize - output.readableBytes,
                    allocator: allocator
                )
                try Self.expectStreamEnd(decompressor)
                // compress-nio's maxSize bounds the capacity it asks for, but the allocator may round that up.
                guard member.readableBytes <= maximumSize - output.readableBytes else {
                    throw ContentDecoderError.tooLarge(.gzip, maximumSize: maximumSize)
                }
                if output.readableBytes == 0 {
                    output = member
                } else {
                    output.writeBuffer(&member)
                }
                try decompressor.reset()
            } while input.readableBytes > 0
        } catch let error as ContentDecoderError {
            throw error
        } catch let error as CompressNIOError where error == .bufferOverflow {
            throw ContentDecoderError.tooLarge(.gzip, maximumSize: maximumSize)
        } catch {
            throw ContentDecoderError.corrupt(.gzip, detail: "zlib: \(error)")
        }
        return output
    }

    /// compress-nio returns quietly when the input runs out mid-stream, so ask zlib whether the member ended:
    /// with no input left, inflate reports Z_STREAM_END after the trailer and Z_BUF_ERROR before it.
    private static func expectStreamEnd(_ decompressor: ZlibDecompressor) throws {
        var noInput = ByteBuffer()
        var probe = ByteBuffer()
        probe.reserveCapacity(1)
        do {
            try decompressor.inflate(from: &noInput, to: &probe)
        } catch let error as CompressNIOError where error == .inputBufferOverflow {
            throw ContentDecoderError.truncated(.gzip)
        }
    }
}
