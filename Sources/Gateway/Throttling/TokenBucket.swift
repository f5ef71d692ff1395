/// A token bucket (aws-behaviour §3.5): `burst` tokens at most, refilled at `rate` a second; a request takes one.
///
/// A value-type state machine: time comes in as seconds from an injected clock, so tests drive it by hand.
struct TokenBucket: Sendable, Equatable {
    let rate: Double
    let burst: Int
    private(set) var tokens: Double
    private(set) var updatedAt: Double

    /// A full bucket at `now`.
    init(rate: Double, burst: Int, now: Double) {
        self.rate = max(0, rate)
        self.burst = max(0, burst)
        self.tokens = Double(self.burst)
        self.updatedAt = now
    }

    /// Adds the tokens earned since the last update, up to `burst`. A clock running backwards earns nothing.
    mutating func refill(now: Double) {
        let elapsed = now - updatedAt
        guard elapsed > 0 else { return }
        tokens = min(Double(burst), tokens + elapsed * rate)
        updatedAt = now
    }

    /// Whether a request may pass now, without taking a token.
    func hasToken(now: Double) -> Bool {
        var copy = self
        copy.refill(now: now)
        return copy.tokens >= 1
    }

    /// Takes a token if one is there; false means the request is throttled.
    mutating func take(now: Double) -> Bool {
        refill(now: now)
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }
}
