import Synchronization

/// stale-while-revalidate (aws-behaviour §1.5): an expired object inside its window is served at once and
/// refreshed once in the background. The event loop only queues the refresh; ``EdgeLocation/run()`` does it.
final class BackgroundRevalidations: Sendable {
    let jobs: AsyncStream<Exchange>
    private let queue: AsyncStream<Exchange>.Continuation
    private let started = Atomic(false)

    init() {
        (jobs, queue) = AsyncStream.makeStream(of: Exchange.self)
    }

    func enqueue(_ exchange: Exchange) {
        queue.yield(exchange)
    }

    /// True for the first caller only: an `AsyncStream` has one consumer.
    func claimConsumer() -> Bool {
        !started.exchange(true, ordering: .acquiringAndReleasing)
    }
}

extension EdgeLocation {
    /// Runs the POP's background work, the stale-while-revalidate refreshes, until the task is cancelled.
    ///
    /// The server runs it once per POP beside the POP's listeners (in its `ServiceGroup`); until it runs, objects
    /// inside their stale-while-revalidate window are still served, and refreshed by the first request after it.
    /// A second call returns at once.
    public func run() async {
        guard revalidations.claimConsumer() else { return }
        await withDiscardingTaskGroup { group in
            for await exchange in revalidations.jobs {
                group.addTask { await self.revalidate(exchange) }
            }
        }
    }

    /// Queues the refresh of an object served stale, unless one is queued or a fetch of its key is under way.
    func revalidateInBackground(_ exchange: Exchange, stale: CachedObject) {
        guard let key = exchange.key, fetches.claimRevalidation(of: key) else { return }
        var background = exchange
        background.stale = stale
        background.requestID = requestIDs.next()
        revalidations.enqueue(background)
    }

    private func revalidate(_ exchange: Exchange) async {
        guard let key = exchange.key else { return }
        defer { fetches.endRevalidation(of: key) }
        // A viewer's miss may have started a fetch of this key meanwhile; it refreshes the object for everyone.
        guard case .leader(let flight) = fetches.join(key) else { return }
        _ = await lead(exchange, key: key, flight: flight)
    }
}
