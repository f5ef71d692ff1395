/// Receives request events. Implementations must be cheap: `record` runs on the event loop after each response,
/// so it takes no lock for long, does no I/O and allocates nothing in the steady state.
public protocol RequestObserver: Sendable {
    func record(_ event: RequestEvent)
}

/// Hands every event to several observers in turn (statistics, the access log, the console line).
public struct RequestObservers: RequestObserver {
    public let observers: [any RequestObserver]

    public init(_ observers: [any RequestObserver]) {
        self.observers = observers
    }

    public func record(_ event: RequestEvent) {
        for observer in observers { observer.record(event) }
    }
}
