/// Why ``ContentDecoder`` could not decode a body.
public struct ContentDecoderError: Error, CustomStringConvertible, Equatable {
    private enum Reason: Equatable {
        case corrupt(detail: String)
        case truncated
        case trailingData(byteCount: Int)
        case tooLarge(maximumSize: Int)
        case codecFailure(detail: String)
    }

    /// The coding the body claimed.
    public let coding: ContentCoding
    private let reason: Reason

    public var description: String {
        let name = self.coding.rawValue
        switch self.reason {
        case .corrupt(let detail):
            return "the \(name) body is not valid \(name) data (\(detail)); check the origin's Content-Encoding header"
        case .truncated:
            return "the \(name) body ends before its \(name) stream does; the origin sent an incomplete body"
        case .trailingData(let byteCount):
            return "the \(name) body has \(byteCount) bytes after the end of its \(name) stream; the origin sent extra data"
        case .tooLarge(let maximumSize):
            return "the \(name) body decodes to more than \(maximumSize) bytes; raise maximumSize if this body is expected"
        case .codecFailure(let detail):
            return "\(name) decoding failed: \(detail)"
        }
    }

    static func corrupt(_ coding: ContentCoding, detail: String) -> Self { Self(coding: coding, reason: .corrupt(detail: detail)) }
    static func truncated(_ coding: ContentCoding) -> Self { Self(coding: coding, reason: .truncated) }
    static func trailingData(_ coding: ContentCoding, byteCount: Int) -> Self {
        Self(coding: coding, reason: .trailingData(byteCount: byteCount))
    }
    static func tooLarge(_ coding: ContentCoding, maximumSize: Int) -> Self {
        Self(coding: coding, reason: .tooLarge(maximumSize: maximumSize))
    }
    static func codecFailure(_ coding: ContentCoding, detail: String) -> Self {
        Self(coding: coding, reason: .codecFailure(detail: detail))
    }
}
