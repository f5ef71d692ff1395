import NIOConcurrencyHelpers
import ReadCache

/// A clock tests move by hand.
final class ManualClock: Sendable {
    private let now = NIOLockedValueBox<UInt64>(1_000_000_000)

    var clock: ReadCache.Clock {
        ReadCache.Clock { [now] in now.withLockedValue { $0 } }
    }

    func advance(by duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
        now.withLockedValue { $0 += nanoseconds }
    }
}

/// A random source that hands out the given numbers in turn, then repeats the last.
func scriptedRandom(_ values: [Double]) -> ReadCache.RandomSource {
    let index = NIOLockedValueBox(0)
    return ReadCache.RandomSource {
        let position = index.withLockedValue { index in
            defer { index += 1 }
            return index
        }
        return values[min(position, values.count - 1)]
    }
}

/// A latch a loader waits on until the test opens it.
final class Gate: Sendable {
    private let state = NIOLockedValueBox<(isOpen: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLockedValue { state in
                if state.isOpen { return true }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    func open() {
        let waiters = state.withLockedValue { state in
            state.isOpen = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// Counts calls (loads) across tasks.
final class Counter: Sendable {
    private let count = NIOLockedValueBox(0)

    var value: Int { count.withLockedValue { $0 } }

    @discardableResult
    func increment() -> Int {
        count.withLockedValue { count in
            count += 1
            return count
        }
    }
}

/// Polls `condition` until it holds or `timeout` passes; false on timeout.
func eventually(timeout: Duration = .seconds(10), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(2))
    }
    return try await condition()
}
