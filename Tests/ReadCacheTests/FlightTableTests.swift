import Testing

@testable import ReadCache

/// The single-flight state machine, without tasks.
struct FlightTableTests {
    private struct NotALead: Error {
        var role: FlightTable.Role
    }

    private func leader(_ role: FlightTable.Role) throws -> UInt64 {
        guard case .lead(let id) = role else { throw NotALead(role: role) }
        return id
    }

    @Test
    func theFirstMissLeadsAndLaterOnesWait() throws {
        var table = FlightTable()
        let stripe = FlightTable.stripe(of: "k")
        let seen = table.completions(inStripe: stripe)
        let id = try leader(table.join("k", stripe: stripe, seen: seen))
        #expect(table.join("k", stripe: stripe, seen: seen) == .wait(id))
        let otherStripe = FlightTable.stripe(of: "other")
        #expect(try leader(table.join("other", stripe: otherStripe, seen: table.completions(inStripe: otherStripe))) != id)
    }

    @Test
    func aCallerThatLookedBeforeAStoreLandedLooksAgain() throws {
        var table = FlightTable()
        let stripe = FlightTable.stripe(of: "k")
        let seen = table.completions(inStripe: stripe)
        let id = try leader(table.join("k", stripe: stripe, seen: seen))
        #expect(table.finish(id, stored: true).isEmpty)
        #expect(table.join("k", stripe: stripe, seen: seen) == .recheck)
        _ = try leader(table.join("k", stripe: stripe, seen: table.completions(inStripe: stripe)))
    }

    @Test
    func aFlightThatStoredNothingDoesNotSendCallersBack() throws {
        var table = FlightTable()
        let stripe = FlightTable.stripe(of: "k")
        let seen = table.completions(inStripe: stripe)
        let id = try leader(table.join("k", stripe: stripe, seen: seen))
        _ = table.finish(id, stored: false)
        _ = try leader(table.join("k", stripe: stripe, seen: seen))
    }

    @Test
    func invalidationDetachesTheFlightAndMarksItStale() throws {
        var table = FlightTable()
        let stripe = FlightTable.stripe(of: "k")
        let first = try leader(table.join("k", stripe: stripe, seen: 0))
        #expect(!table.isStale(first))
        table.invalidate("k")
        #expect(table.isStale(first))
        // A miss after the write starts its own load instead of joining the stale one.
        let second = try leader(table.join("k", stripe: stripe, seen: 0))
        #expect(second != first)
        _ = table.finish(first, stored: false)
        // Finishing the stale flight leaves the fresh one in place.
        #expect(table.join("k", stripe: stripe, seen: 0) == .wait(second))
    }

    @Test
    func aWaiterCannotJoinAFlightThatLanded() async throws {
        var table = FlightTable()
        let id = try leader(table.join("k", stripe: 0, seen: 0))
        _ = table.finish(id, stored: false)
        let delivery = try await withCheckedThrowingContinuation { (waiter: FlightTable.Waiter) in
            if !table.addWaiter(waiter, id: 99, to: id) { waiter.resume(returning: .retry) }
        }
        guard case .retry = delivery else {
            Issue.record("the waiter was parked on a flight that had landed")
            return
        }
    }
}
