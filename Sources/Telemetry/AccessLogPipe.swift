import Dispatch
import Foundation
import Synchronization

/// The queues between the event loops and the access log's writer thread, and the thread itself.
final class AccessLogPipe: Sendable {
    private struct Queue: Sendable {
        var events: ContiguousArray<RequestEvent> = []
        /// Events refused since the writer last looked (queue full).
        var dropped = 0
        /// Set by the final drain: whatever arrives later is counted as dropped, never left behind unseen.
        var closed = false
    }

    private final class Stripe: Sendable {
        let queue = Mutex(Queue())
    }

    private struct Control: Sendable {
        var closing = false
        var finished = false
        /// `flush()` callers waiting for the next batch to be written.
        var waiters: [DispatchSemaphore] = []
        var counts = AccessLogWriter.Counts()
    }

    private let configuration: AccessLogWriter.Configuration
    private let onFailure: (@Sendable (AccessLogError) -> Void)?
    private let stripes: [Stripe]
    private let stripeCapacity: Int
    private let control = Mutex(Control())
    private let wakeup = DispatchSemaphore(value: 0)
    private let running = DispatchGroup()

    init(configuration: AccessLogWriter.Configuration, onFailure: (@Sendable (AccessLogError) -> Void)?) {
        self.configuration = configuration
        self.onFailure = onFailure
        let count = ThreadStripe.count(configuration.stripeCount)
        stripes = (0..<count).map { _ in Stripe() }
        stripeCapacity = max(1, configuration.queueCapacity / count)
        for stripe in stripes {
            stripe.queue.withLock { $0.events.reserveCapacity(min(stripeCapacity, 4_096)) }
        }
    }

    func start() {
        running.enter()
        let thread = Thread { self.run() }
        thread.name = "edgesim.access-log"
        thread.start()
    }

    @inline(__always)
    func enqueue(_ event: RequestEvent) {
        let capacity = stripeCapacity
        stripes[ThreadStripe.index(count: stripes.count)].queue.withLock { queue in
            if queue.events.count < capacity && !queue.closed {
                queue.events.append(event)
            } else {
                queue.dropped += 1
            }
        }
    }

    func flush() {
        let written = DispatchSemaphore(value: 0)
        let waiting = control.withLock { control -> Bool in
            guard !control.finished else { return false }
            control.waiters.append(written)
            return true
        }
        guard waiting else { return }
        wakeup.signal()
        written.wait()
    }

    func close() {
        let first = control.withLock { control -> Bool in
            defer { control.closing = true }
            return !control.closing
        }
        if first { wakeup.signal() }
        running.wait()
    }

    var counts: AccessLogWriter.Counts {
        var counts = control.withLock { $0.counts }
        // Refusals since the writer's last batch (after the final one, refusals of late events).
        for stripe in stripes { counts.linesDropped += stripe.queue.withLock { $0.dropped } }
        return counts
    }

    // MARK: The writer thread

    private func run() {
        var files = AccessLogFiles(directory: configuration.directory, maximumBytes: configuration.maximumFileBytes)
        var drained = ContiguousArray(repeating: ContiguousArray<RequestEvent>(), count: stripes.count)
        var order: [(time: Double, stripe: Int, index: Int)] = []
        var line: [UInt8] = []
        line.reserveCapacity(2_048)
        var dates = DateCache()
        var refused = 0
        let interval = max(0.001, configuration.flushInterval)
        while true {
            _ = wakeup.wait(timeout: .now() + interval)
            let (closing, waiters) = control.withLock { control in
                defer { control.waiters.removeAll() }
                return (control.closing, control.waiters)
            }
            for (index, stripe) in stripes.enumerated() {
                stripe.queue.withLock { queue in
                    swap(&queue.events, &drained[index])
                    refused += queue.dropped
                    queue.dropped = 0
                    if closing { queue.closed = true }
                }
            }
            // Stripes fill in parallel; arrival order is what the caches saw, so lines go out in it.
            order.removeAll(keepingCapacity: true)
            for stripe in drained.indices {
                for index in drained[stripe].indices { order.append((drained[stripe][index].time, stripe, index)) }
            }
            order.sort { ($0.time, $0.stripe, $0.index) < ($1.time, $1.stripe, $1.index) }
            for entry in order {
                let event = drained[entry.stripe][entry.index]
                line.removeAll(keepingCapacity: true)
                AccessLogFormat.append(event, to: &line, dates: &dates)
                files.append(line, distribution: event.distributionID ?? "-", endTime: event.endTime)
            }
            for stripe in drained.indices { drained[stripe].removeAll(keepingCapacity: true) }
            files.writeBuffers()
            if closing { files.closeAll() }
            let failures = files.takeFailures()
            var counts = files.counts
            counts.linesDropped += refused
            control.withLock { $0.counts = counts }
            if let onFailure {
                for failure in failures { onFailure(failure) }
            }
            for waiter in waiters { waiter.signal() }
            if closing { break }
        }
        let late = control.withLock { control in
            control.finished = true
            defer { control.waiters.removeAll() }
            return control.waiters
        }
        for waiter in late { waiter.signal() }
        running.leave()
    }
}
