import Foundation

/// The identifiers API Gateway stamps on a request (aws-behaviour §3.1).
struct RequestID: Sendable {
    /// `Mc7UVioPPHcEKPA=`: HTTP API's `apigw-requestid` and request ID; REST's `x-amz-apigw-id`.
    let gatewayID: String
    /// REST's `x-amzn-RequestId`, a UUID.
    let requestUUID: String
    /// REST's `X-Amzn-Trace-Id`.
    let traceID: String

    init(epochSeconds: Double) {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: 11)
        for index in bytes.indices { bytes[index] = generator.next() }
        gatewayID = Data(bytes).base64EncodedString()
        requestUUID = UUID().uuidString.lowercased()
        let epochHex = String(UInt32(truncatingIfNeeded: Int(epochSeconds)), radix: 16)
        let paddedEpoch = String(repeating: "0", count: max(0, 8 - epochHex.count)) + epochHex
        var random = ""
        for _ in 0..<3 {
            let hex = String(generator.next() as UInt32, radix: 16)
            random += String(repeating: "0", count: 8 - hex.count) + hex
        }
        traceID = "Root=1-\(paddedEpoch)-\(random)"
    }

    /// The request ID that proxy events and logs carry for an API of `protocolType`.
    func requestID(for protocolType: Gateway.Configuration.ProtocolType) -> String {
        protocolType == .http ? gatewayID : requestUUID
    }
}
