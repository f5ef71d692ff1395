import Edge
import HTTPSemantics

/// The `Date` header value, formatted at most once a second per connection.
struct HTTPDateCache {
    private var second = Int.min
    private var value = ""

    mutating func current(_ clock: EdgeClock) -> String {
        let now = Int(clock.now)
        if now != second {
            second = now
            value = HTTPDate.format(epochSeconds: now)
        }
        return value
    }
}
