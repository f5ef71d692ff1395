import Logging
import NIOConcurrencyHelpers
import PostgresNIO

/// A small pool of PostgreSQL connections, opened on demand up to a maximum and reused.
///
/// Unlike `PostgresClient`, it needs no background task, so the store can prepare its tables while
/// opening and serve before its `run()` starts.
final class PostgresConnectionPool: Sendable {
    private struct State {
        var idle: [PostgresConnection] = []
        var open = 0
        var waiters: [CheckedContinuation<PostgresConnection?, Never>] = []
        var nextID = 1
        var isClosed = false
    }

    private let configuration: PostgresConnection.Configuration
    private let maximumConnections: Int
    private let logger: Logger
    private let state = NIOLockedValueBox(State())

    init(configuration: PostgresConnection.Configuration, maximumConnections: Int, logger: Logger) {
        self.configuration = configuration
        self.maximumConnections = maximumConnections
        self.logger = logger
    }

    /// Runs `body` with a connection of its own.
    func withConnection<Result>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        let connection = try await lease()
        do {
            let result = try await body(connection)
            release(connection)
            return result
        } catch {
            release(connection)
            throw error
        }
    }

    /// Runs `body` inside `BEGIN` … `COMMIT`, rolling back when it throws.
    func withTransaction<Result>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await withConnection { connection in
            try await connection.query("BEGIN", logger: logger)
            do {
                let result = try await body(connection)
                try await connection.query("COMMIT", logger: logger)
                return result
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    private enum Lease {
        case reuse(PostgresConnection)
        case connect(id: Int)
        case wait
    }

    private func lease() async throws -> PostgresConnection {
        while true {
            let decision = state.withLockedValue { state -> Lease in
                while let connection = state.idle.popLast() {
                    if !connection.isClosed { return .reuse(connection) }
                    state.open -= 1
                }
                if state.open < maximumConnections {
                    state.open += 1
                    state.nextID += 1
                    return .connect(id: state.nextID)
                }
                return .wait
            }
            switch decision {
            case .reuse(let connection):
                return connection
            case .connect(let id):
                do {
                    return try await PostgresConnection.connect(configuration: configuration, id: id, logger: logger)
                } catch {
                    connectionGone()
                    throw error
                }
            case .wait:
                let handed = await withCheckedContinuation { continuation in
                    let waitNow = state.withLockedValue { state -> Bool in
                        if state.idle.isEmpty && state.open >= maximumConnections {
                            state.waiters.append(continuation)
                            return true
                        }
                        return false
                    }
                    if !waitNow { continuation.resume(returning: nil) }
                }
                if let handed { return handed }
            }
        }
    }

    private func release(_ connection: PostgresConnection) {
        if connection.isClosed {
            connectionGone()
            return
        }
        let waiter = state.withLockedValue { state -> CheckedContinuation<PostgresConnection?, Never>? in
            if state.isClosed {
                return nil
            }
            if !state.waiters.isEmpty { return state.waiters.removeFirst() }
            state.idle.append(connection)
            return nil
        }
        if let waiter {
            waiter.resume(returning: connection)
        } else if state.withLockedValue({ $0.isClosed }) {
            connection.close().whenComplete { _ in }
        }
    }

    /// A connection closed or failed to open: its slot is free, and a waiter may open a new one.
    private func connectionGone() {
        let waiter = state.withLockedValue { state -> CheckedContinuation<PostgresConnection?, Never>? in
            state.open -= 1
            return state.waiters.isEmpty ? nil : state.waiters.removeFirst()
        }
        waiter?.resume(returning: nil)
    }

    /// Closes the idle connections; connections in use close when released.
    func close() async {
        let idle = state.withLockedValue { state -> [PostgresConnection] in
            state.isClosed = true
            defer { state.idle.removeAll() }
            return state.idle
        }
        for connection in idle {
            try? await connection.close()
        }
    }
}
