import CBrotli
import NIOCore

/// Brotli (RFC 7932) through the system libbrotli.
enum Brotli {
    static let qualities = Int(BROTLI_MIN_QUALITY)...Int(BROTLI_MAX_QUALITY)

    static func encode(_ body: ByteBuffer, quality: Int, allocator: ByteBufferAllocator) throws -> ByteBuffer {
        guard Self.qualities.contains(quality) else {
            throw ContentEncoderError.levelOutOfRange(.br, level: quality, range: Self.qualities, setting: "brotliQuality")
        }
        // The bound covers the worst case (stored meta-blocks), so one call with BROTLI_OPERATION_FINISH completes;
        // zero means the size overflowed.
        let bound = BrotliEncoderMaxCompressedSize(body.readableBytes)
        guard bound > 0 else {
            throw ContentEncoderError.codecFailure(.br, detail: "a \(body.readableBytes)-byte body is too large for one Brotli stream")
        }
        guard let state = BrotliEncoderCreateInstance(nil, nil, nil) else {
            throw ContentEncoderError.codecFailure(.br, detail: "libbrotli could not allocate an encoder")
        }
        defer { BrotliEncoderDestroyInstance(state) }
        BrotliEncoderSetParameter(state, BROTLI_PARAM_QUALITY, UInt32(quality))
        BrotliEncoderSetParameter(state, BROTLI_PARAM_LGWIN, UInt32(BROTLI_DEFAULT_WINDOW))
        BrotliEncoderSetParameter(state, BROTLI_PARAM_SIZE_HINT, UInt32(clamping: body.readableBytes))

        var output = allocator.buffer(capacity: bound)
        var succeeded = false
        body.withUnsafeReadableBytes { input in
            var availableIn = input.count
            var nextIn = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
            output.writeWithUnsafeMutableBytes(minimumWritableBytes: bound) { out in
                var availableOut = out.count
                var nextOut = out.baseAddress?.assumingMemoryBound(to: UInt8.self)
                let result = BrotliEncoderCompressStream(
                    state,
                    BROTLI_OPERATION_FINISH,
                    &availableIn,
                    &nextIn,
                    &availableOut,
                    &nextOut,
                    nil
                )
                succeeded = result != BROTLI_FALSE && BrotliEncoderIsFinished(state) != BROTLI_FALSE
                return out.count - availableOut
            }
        }
        guard succeeded else {
            throw ContentEncoderError.codecFailure(.br, detail: "libbrotli did not finish the stream within BrotliEncoderMaxCompressedSize")
        }
        return output
    }

    static func decode(_ body: ByteBuffer, maximumSize: Int, allocator: ByteBufferAllocator) throws -> ByteBuffer {
        guard let state = BrotliDecoderCreateInstance(nil, nil, nil) else {
            throw ContentDecoderError.codecFailure(.br, detail: "libbrotli could not allocate a decoder")
        }
        defer { BrotliDecoderDestroyInstance(state) }

        // Brotli streams do not carry their decoded size; start at 4x, a typical text ratio, and double from there.
        var output = allocator.buffer(capacity: min(maximumSize, max(4 * body.readableBytes, 1024)))
        try body.withUnsafeReadableBytes { input in
            var availableIn = input.count
            var nextIn = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
            while true {
                let room = maximumSize - output.readableBytes
                let chunk = min(room, max(output.readableBytes, 16 * 1024))
                var result = BROTLI_DECODER_RESULT_ERROR
                output.writeWithUnsafeMutableBytes(minimumWritableBytes: chunk) { out in
                    var availableOut = min(out.count, room)
                    let offered = availableOut
                    var nextOut = out.baseAddress?.assumingMemoryBound(to: UInt8.self)
                    result = BrotliDecoderDecompressStream(state, &availableIn, &nextIn, &availableOut, &nextOut, nil)
                    return offered - availableOut
                }
                switch result {
                case BROTLI_DECODER_RESULT_SUCCESS:
                    guard availableIn == 0 else { throw ContentDecoderError.trailingData(.br, byteCount: availableIn) }
                    return
                case BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT:
                    guard output.readableBytes < maximumSize else { throw ContentDecoderError.tooLarge(.br, maximumSize: maximumSize) }
                case BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT:
                    throw ContentDecoderError.truncated(.br)
                default:
                    let code = BrotliDecoderGetErrorCode(state)
                    throw ContentDecoderError.corrupt(.br, detail: String(cString: BrotliDecoderErrorString(code)))
                }
            }
        }
        return output
    }
}
