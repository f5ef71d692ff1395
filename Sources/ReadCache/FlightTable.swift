import NIOCore

/// The loads in progress, one per key: concurrent misses of a key wait for the first caller's load instead of
/// each reading the source (no stampede). A value-type state machine; ``ReadCache`` keeps it behind its lock.
struct FlightTable {
    /// What a caller that missed does next.
    enum Role: Equatable {
        /// Load the key, then ``finish(_:stored:)`` the flight.
        case lead(UInt64)
        /// Wait for the flight with this id.
        case wait(UInt64)
        /// A load of a key like this one finished since the caller looked: look in the cache again.
        case recheck
    }

    /// What a waiter is resumed with when its flight lands without an error.
    enum Delivery: Sendable {
        case loaded(ByteBuffer?)
        /// The leader was cancelled before its load finished; try again (one waiter becomes the new leader).
        case retry
    }

    typealias Waiter = CheckedContinuation<Delivery, any Error>

    private struct Flight {
        let key: String
        let stripe: Int
        /// Set when the key was invalidated or written during the load: its result may predate the write, so it
        /// is handed to the callers already waiting but not stored.
        var isStale = false
        var waiters: [UInt64: Waiter] = [:]
    }

    /// Completed stores per stripe of keys: a caller notes its stripe's count before looking in the cache, and a
    /// change when it comes to lead means a load landed in between, so it looks again rather than load twice.
    static let stripeCount = 64

    private var flights: [UInt64: Flight] = [:]
    private var current: [String: UInt64] = [:]
    private var completions = [UInt64](repeating: 0, count: stripeCount)
    private var lastID: UInt64 = 0

    static func stripe(of key: String) -> Int {
        key.hashValue & (stripeCount - 1)
    }

    func completions(inStripe stripe: Int) -> UInt64 {
        completions[stripe]
    }

    /// Joins the key's flight, or starts one when there is none and nothing landed since `seen`.
    mutating func join(_ key: String, stripe: Int, seen: UInt64) -> Role {
        if let id = current[key] { return .wait(id) }
        guard completions[stripe] == seen else { return .recheck }
        let id = nextID()
        flights[id] = Flight(key: key, stripe: stripe)
        current[key] = id
        return .lead(id)
    }

    mutating func nextID() -> UInt64 {
        lastID &+= 1
        return lastID
    }

    /// Adds a waiter to a flight still in progress; false when it has already landed.
    mutating func addWaiter(_ waiter: Waiter, id waiterID: UInt64, to flightID: UInt64) -> Bool {
        guard flights[flightID] != nil else { return false }
        flights[flightID]?.waiters[waiterID] = waiter
        return true
    }

    /// Takes a waiter out (its task was cancelled); nil when the flight already resumed it.
    mutating func removeWaiter(id waiterID: UInt64, from flightID: UInt64) -> Waiter? {
        flights[flightID]?.waiters.removeValue(forKey: waiterID)
    }

    /// Marks the key's flight stale and detaches it: later misses start a fresh load.
    mutating func invalidate(_ key: String) {
        guard let id = current.removeValue(forKey: key) else { return }
        flights[id]?.isStale = true
    }

    func isStale(_ flightID: UInt64) -> Bool {
        flights[flightID]?.isStale ?? true
    }

    /// Ends a flight and hands back its waiters to resume. `stored` says the result went into the cache.
    mutating func finish(_ flightID: UInt64, stored: Bool) -> [Waiter] {
        guard let flight = flights.removeValue(forKey: flightID) else { return [] }
        if current[flight.key] == flightID { current.removeValue(forKey: flight.key) }
        if stored { completions[flight.stripe] &+= 1 }
        return Array(flight.waiters.values)
    }

    /// Waiters of a key's flight in progress (tests use it to know all callers are parked).
    func waiterCount(of key: String) -> Int {
        guard let id = current[key] else { return 0 }
        return flights[id]?.waiters.count ?? 0
    }
}
