/// Why ``ContentEncoder`` could not compress a body.
///
/// The edge treats compression as best-effort (aws-behaviour §1.14): on this error it keeps the identity copy.
public struct ContentEncoderError: Error, CustomStringConvertible, Equatable {
    private enum Reason: Equatable {
        case levelOutOfRange(level: Int, range: ClosedRange<Int>, setting: String)
        case codecFailure(detail: String)
    }

    /// The coding that was being produced.
    public let coding: ContentCoding
    private let reason: Reason

    public var description: String {
        switch self.reason {
        case .levelOutOfRange(let level, let range, let setting):
            return
                "\(self.coding.rawValue) level \(level) is outside \(range.lowerBound)...\(range.upperBound); "
                + "set ContentEncoder.Configuration.\(setting) to a value in that range"
        case .codecFailure(let detail):
            return "\(self.coding.rawValue) compression failed: \(detail)"
        }
    }

    static func levelOutOfRange(_ coding: ContentCoding, level: Int, range: ClosedRange<Int>, setting: String) -> Self {
        Self(coding: coding, reason: .levelOutOfRange(level: level, range: range, setting: setting))
    }

    static func codecFailure(_ coding: ContentCoding, detail: String) -> Self {
        Self(coding: coding, reason: .codecFailure(detail: detail))
    }
}
