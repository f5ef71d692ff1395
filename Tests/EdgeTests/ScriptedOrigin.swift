import Edge
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

/// An origin that answers each call with the next step of a script (the last step repeats), records what it was
/// sent, and can hold its answers behind a gate so tests can pile up concurrent requests.
final class ScriptedOrigin: Origin {
    enum Step: Sendable {
        case reply(RecordingOrigin.Reply)
        case failure(OriginError.Kind)
    }

    private struct State {
        var steps: [Step]
        var received: [OriginRequest] = []
        var isOpen = true
        var parked: [Int: CheckedContinuation<Void, any Error>] = [:]
        var cancelled: Set<Int> = []
    }

    private let state: NIOLockedValueBox<State>

    init(_ steps: [Step]) {
        state = NIOLockedValueBox(State(steps: steps))
    }

    convenience init(_ reply: RecordingOrigin.Reply) {
        self.init([.reply(reply)])
    }

    var received: [OriginRequest] { state.withLockedValue { $0.received } }
    var count: Int { state.withLockedValue { $0.received.count } }

    /// Replaces the script; calls already made keep their answers.
    func script(_ steps: [Step]) {
        state.withLockedValue { $0.steps = steps }
    }

    /// Calls from now on wait until ``open()``.
    func close() {
        state.withLockedValue { $0.isOpen = false }
    }

    func open() {
        let parked = state.withLockedValue { state in
            state.isOpen = true
            defer { state.parked = [:] }
            return state.parked
        }
        for continuation in parked.values { continuation.resume() }
    }

    func fetch(_ request: OriginRequest) async throws -> OriginResponse {
        let (call, step) = state.withLockedValue { state in
            state.received.append(request)
            let call = state.received.count
            return (call, state.steps[min(call, state.steps.count) - 1])
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let proceed: Result<Void, any Error>? = state.withLockedValue { state in
                    if state.cancelled.remove(call) != nil { return .failure(CancellationError()) }
                    if state.isOpen { return .success(()) }
                    state.parked[call] = continuation
                    return nil
                }
                if let proceed { continuation.resume(with: proceed) }
            }
        } onCancel: {
            let parked = state.withLockedValue { state in
                guard let continuation = state.parked.removeValue(forKey: call) else {
                    state.cancelled.insert(call)
                    return CheckedContinuation<Void, any Error>?.none
                }
                return continuation
            }
            parked?.resume(throwing: CancellationError())
        }
        switch step {
        case .failure(let kind):
            throw OriginError(kind, "scripted failure")
        case .reply(let reply):
            var headers = HTTPHeaders(reply.headers)
            if let etag = headers.first(name: "etag"), request.headers.first(name: "if-none-match") == etag {
                headers.remove(name: "content-type")
                return OriginResponse(status: .notModified, headers: headers, body: ByteBuffer())
            }
            if !headers.contains(name: "content-length") {
                headers.add(name: "Content-Length", value: String(reply.body.utf8.count))
            }
            return OriginResponse(status: reply.status, headers: headers, body: ByteBuffer(string: reply.body))
        }
    }
}

/// Polls until `condition` holds, for work the edge does in the background; false after about two seconds.
func eventually(_ condition: () -> Bool) async -> Bool {
    for _ in 0..<400 {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return condition()
}
