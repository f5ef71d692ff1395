import Testing

@testable import Gateway

@Suite("Token bucket (aws-behaviour §3.5)")
struct TokenBucketTests {
    /// Takes `count` tokens at `now`, saying which requests passed.
    static func take(_ count: Int, from bucket: inout TokenBucket, now: Double) -> [Bool] {
        (0..<count).map { _ in bucket.take(now: now) }
    }

    @Test("A full bucket lets `burst` requests through at once, then refills at `rate` a second")
    func burstThenRate() {
        let clock = ManualClock(0)
        var bucket = TokenBucket(rate: 2, burst: 3, now: clock.now)
        #expect(Self.take(4, from: &bucket, now: clock.now) == [true, true, true, false])
        clock.advance(by: 0.4)
        #expect(Self.take(1, from: &bucket, now: clock.now) == [false])
        clock.advance(by: 0.1)
        #expect(Self.take(2, from: &bucket, now: clock.now) == [true, false])
        clock.advance(by: 100)
        #expect(Self.take(4, from: &bucket, now: clock.now) == [true, true, true, false])
    }

    @Test("Looking does not take a token; a clock going back earns nothing")
    func peekAndBackwardsClock() {
        var bucket = TokenBucket(rate: 1, burst: 1, now: 10)
        #expect(bucket.hasToken(now: 10))
        #expect(bucket.hasToken(now: 10))
        #expect(Self.take(1, from: &bucket, now: 10) == [true])
        #expect(Self.take(1, from: &bucket, now: 5) == [false])
        #expect(!bucket.hasToken(now: 10.5))
        #expect(Self.take(1, from: &bucket, now: 11) == [true])
    }

    @Test("Burst 0 refuses everything", arguments: [0.0, 100.0])
    func zeroBurst(rate: Double) {
        var bucket = TokenBucket(rate: rate, burst: 0, now: 0)
        #expect(Self.take(1, from: &bucket, now: 0) == [false])
        #expect(Self.take(1, from: &bucket, now: 1000) == [false])
    }

    @Test(
        "Quota periods change at UTC midnight, on Mondays and on the first of the month",
        arguments: [
            // 2024-06-02 23:59:59 (a Sunday) and 2024-06-03 00:00:00 (a Monday).
            (Config.QuotaSettings.Period.day, 1_717_372_799.0, 1_717_372_800.0, true),
            (.week, 1_717_372_799.0, 1_717_372_800.0, true),
            (.week, 1_717_372_800.0, 1_717_977_599.0, false),
            (.month, 1_717_372_800.0, 1_719_791_999.0, false),
            // 2024-06-30 23:59:59 and 2024-07-01 00:00:00.
            (.month, 1_719_791_999.0, 1_719_792_000.0, true),
            (.day, 1_719_792_000.0, 1_719_878_399.0, false),
        ]
    )
    func quotaPeriods(period: Config.QuotaSettings.Period, first: Double, second: Double, changes: Bool) {
        let a = QuotaPeriod.index(of: period, epochSeconds: first)
        let b = QuotaPeriod.index(of: period, epochSeconds: second)
        #expect((a != b) == changes)
    }

    @Test("Civil dates", arguments: [(0, 1970, 1, 1), (19_877, 2024, 6, 3), (19_876, 2024, 6, 2), (11_016, 2000, 2, 29), (-1, 1969, 12, 31)])
    func civilDates(days: Int, year: Int, month: Int, day: Int) {
        let date = QuotaPeriod.civilDate(daysSinceEpoch: days)
        #expect(date.year == year && date.month == month && date.day == day)
    }
}
