/// One viewer request as the edge classified it: what statistics, metrics and access logs are made of.
public struct RequestEvent: Sendable {
    /// Epoch seconds when the request arrived.
    public var time: Double
    public var pop: String
    public var distributionID: String?
    public var method: String
    public var host: String
    public var uri: String
    public var status: Int
    /// `x-edge-result-type`: Hit, RefreshHit, Miss, Error, Redirect, ...
    public var result: String
    public var bytesSent: Int
    public var durationSeconds: Double
    public var protocolName: String
    public var clientAddress: String

    public init(
        time: Double,
        pop: String,
        distributionID: String?,
        method: String,
        host: String,
        uri: String,
        status: Int,
        result: String,
        bytesSent: Int,
        durationSeconds: Double,
        protocolName: String,
        clientAddress: String
    ) {
        self.time = time
        self.pop = pop
        self.distributionID = distributionID
        self.method = method
        self.host = host
        self.uri = uri
        self.status = status
        self.result = result
        self.bytesSent = bytesSent
        self.durationSeconds = durationSeconds
        self.protocolName = protocolName
        self.clientAddress = clientAddress
    }
}

/// Receives request events. Implementations must be cheap: `record` runs on the event loop after each response.
public protocol RequestObserver: Sendable {
    func record(_ event: RequestEvent)
}
