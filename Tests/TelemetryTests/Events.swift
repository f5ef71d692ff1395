import Telemetry

/// Synthetic request events for the tests: a GET for `/app.js` on distribution `E1` at `IAD89-P1`, 1 ms, unless told.
enum Events {
    /// 2026-01-01T00:00:00Z.
    static let newYear = 1_767_225_600.0

    static func make(
        _ result: RequestEvent.ResultType,
        bytes: Int = 1_000,
        method: String = "GET",
        uri: String = "/app.js",
        distribution: String? = "E1",
        behavior: String? = "*",
        pop: String = "IAD89-P1",
        tier: RequestEvent.Tier = .edge,
        time: Double = newYear,
        duration: Double = 0.001,
        status: Int = 200,
        isCacheable: Bool? = nil,
        servedFrom: RequestEvent.ServedFrom? = nil
    ) -> RequestEvent {
        RequestEvent(
            time: time,
            pop: pop,
            distributionID: distribution,
            method: method,
            host: "app.example.com",
            uri: uri,
            status: status,
            result: result,
            bytesSent: bytes,
            durationSeconds: duration,
            protocolName: "https",
            clientAddress: "192.0.2.1",
            requestID: "id",
            tier: tier,
            distributionDomain: distribution.map { _ in "d111111abcdef8.cloudfront.net" },
            behaviorPathPattern: distribution == nil ? nil : behavior,
            isCacheable: isCacheable,
            servedFrom: servedFrom
        )
    }
}
