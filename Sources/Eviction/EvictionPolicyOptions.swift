/// Per-policy tunables for ``EvictionPolicyKind/makePolicy(capacity:options:)``; defaults follow the papers.
public struct EvictionPolicyOptions: Sendable, Hashable {
    /// S3-FIFO's small-queue share, move-to-main threshold, ghost size and large-object rule.
    public var s3fifo: S3FIFOPolicy.Configuration
    /// W-TinyLFU's window and protected shares and the seed of its random admissions.
    public var wTinyLFU: WTinyLFUPolicy.Configuration
    /// CLOCK's counter width (1 is the classic reference bit).
    public var clockCounterBits: Int

    public init(
        s3fifo: S3FIFOPolicy.Configuration = .init(),
        wTinyLFU: WTinyLFUPolicy.Configuration = .init(),
        clockCounterBits: Int = 1
    ) {
        self.s3fifo = s3fifo
        self.wTinyLFU = wTinyLFU
        self.clockCounterBits = clockCounterBits
    }
}

/// Why a policy could not be built.
public struct EvictionPolicyError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Reason: Sendable, Hashable {
        case needsFuture(EvictionPolicyKind)
    }

    private let reason: Reason

    /// `kind` needs the whole request sequence, which a live cache does not have.
    public static func needsFuture(_ kind: EvictionPolicyKind) -> Self { Self(reason: .needsFuture(kind)) }

    public var description: String {
        switch reason {
        case .needsFuture(let kind):
            "The \(kind.displayName) policy needs to know every future request, so it only runs in `edgesim replay`; "
                + "choose lru, fifo, clock, sieve, s3fifo, wtinylfu, arc or lfu for a live cache."
        }
    }
}

extension EvictionPolicyKind {
    /// Builds a policy for a live cache (the edge cache, the read cache) behind the existential.
    ///
    /// - Throws: ``EvictionPolicyError`` for ``belady``, which needs the future; replays build it with
    ///   ``makePolicy(capacity:options:future:)``.
    public func makePolicy(
        capacity: EvictionCapacity,
        options: EvictionPolicyOptions = .init()
    ) throws(EvictionPolicyError) -> any EvictionPolicy {
        guard let policy = makeWithoutFuture(capacity: capacity, options: options) else { throw .needsFuture(self) }
        return policy
    }

    /// Builds any policy, Belady included, for a replay of `future` (every request's key, in order).
    public func makePolicy(
        capacity: EvictionCapacity,
        options: EvictionPolicyOptions = .init(),
        future: ContiguousArray<UInt64>
    ) -> any EvictionPolicy {
        makeWithoutFuture(capacity: capacity, options: options) ?? BeladyPolicy(capacity: capacity, future: future)
    }

    /// Every policy but Belady; `nil` for Belady.
    private func makeWithoutFuture(capacity: EvictionCapacity, options: EvictionPolicyOptions) -> (any EvictionPolicy)? {
        switch self {
        case .lru: LRUPolicy(capacity: capacity)
        case .fifo: FIFOPolicy(capacity: capacity)
        case .clock: ClockPolicy(capacity: capacity, counterBits: options.clockCounterBits)
        case .sieve: SievePolicy(capacity: capacity)
        case .s3fifo: S3FIFOPolicy(capacity: capacity, configuration: options.s3fifo)
        case .wtinylfu: WTinyLFUPolicy(capacity: capacity, configuration: options.wTinyLFU)
        case .arc: ARCPolicy(capacity: capacity)
        case .lfu: LFUPolicy(capacity: capacity)
        case .belady: nil
        }
    }
}
