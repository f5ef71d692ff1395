import NIOConcurrencyHelpers

/// A continuation resumed exactly once by whichever of several racers answers first (completion, timeout,
/// cancellation). An answer that arrives before anyone waits is kept and handed over when the wait starts.
final class FirstAnswer<Value: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Value, Never>?
        var pending: Value?
        var answered = false
    }

    private let state = NIOLockedValueBox(State())

    /// Waits for the first answer.
    var value: Value {
        get async {
            await withCheckedContinuation { continuation in
                let pending: Value? = state.withLockedValue { state in
                    if let pending = state.pending {
                        state.pending = nil
                        return pending
                    }
                    state.continuation = continuation
                    return nil
                }
                if let pending { continuation.resume(returning: pending) }
            }
        }
    }

    /// True when this call was the one that answered; later answers are dropped.
    @discardableResult
    func answer(_ value: Value) -> Bool {
        let (won, continuation) = state.withLockedValue { state -> (Bool, CheckedContinuation<Value, Never>?) in
            guard !state.answered else { return (false, nil) }
            state.answered = true
            guard let continuation = state.continuation else {
                state.pending = value
                return (true, nil)
            }
            state.continuation = nil
            return (true, continuation)
        }
        continuation?.resume(returning: value)
        return won
    }
}
