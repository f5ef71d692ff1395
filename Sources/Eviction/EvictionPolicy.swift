/// A bounded cache's replacement policy over 64-bit keys and object sizes.
///
/// One protocol serves two users:
/// - a replay simulator calls ``access(_:size:)`` once per request: a hit updates the policy's
///   recency or frequency state, a miss admits the object (evicting as needed);
/// - a live cache drives the same steps one by one: ``lookup(_:)`` on a request, ``admit(_:size:onEviction:)``
///   after the origin fetch (learning which keys to free), ``remove(_:)`` on invalidation or expiry.
///
/// Policies hold keys and sizes only, never the objects: the owner keeps the stored bytes and frees them
/// when told a key was evicted.
///
/// Rules every policy follows:
/// - The bound is ``capacity``: after any call, ``usedCapacity`` ≤ `capacity.limit`.
/// - An object whose weight exceeds the whole capacity is never admitted (``Admission/rejectedTooLarge``)
///   and evicts nothing; a replay counts it as a miss that was not cacheable.
/// - Ghost entries (S3-FIFO's and ARC's key-only histories) are not resident: ``lookup(_:)`` reports them
///   as misses and ``contains(_:)`` as absent.
/// - Deterministic: the same calls give the same answers; policies that draw random numbers take a seed.
public protocol EvictionPolicy: Sendable {
    /// The bound this policy keeps.
    var capacity: EvictionCapacity { get }
    /// Occupied capacity in the capacity's unit: bytes in byte mode, objects in object mode.
    var usedCapacity: Int { get }
    /// The sum of resident objects' sizes in bytes, in either mode.
    var usedBytes: Int { get }
    /// The number of resident objects.
    var count: Int { get }

    /// Whether `key` is resident. Changes nothing (no recency or frequency update).
    func contains(_ key: UInt64) -> Bool

    /// Looks `key` up for a request: a hit updates recency or frequency and returns `true`.
    /// A miss returns `false` and admits nothing; call ``admit(_:size:onEviction:)`` after the fetch.
    mutating func lookup(_ key: UInt64) -> Bool

    /// Stores `key` after an origin fetch, evicting others until it fits.
    ///
    /// `onEviction` is called once for every key that was resident before this call and is not after it,
    /// in eviction order; the new key itself is never reported. A key that is already resident is first
    /// removed (without a report) and admitted afresh with the new size.
    mutating func admit(_ key: UInt64, size: Int, onEviction: (UInt64) -> Void) -> Admission

    /// Removes `key` (invalidation, expiry), with any ghost history of it. Returns whether it was resident.
    @discardableResult
    mutating func remove(_ key: UInt64) -> Bool

    /// One replayed request: a hit updates the policy and returns `true`; a miss admits the object
    /// (evictions are not reported) and returns `false`. Same outcome as ``lookup(_:)`` followed, on a miss,
    /// by ``admit(_:size:onEviction:)``.
    mutating func access(_ key: UInt64, size: Int) -> Bool
}

extension EvictionPolicy {
    /// Stores `key` after an origin fetch, ignoring which keys were evicted.
    @discardableResult
    public mutating func admit(_ key: UInt64, size: Int) -> Admission {
        admit(key, size: size) { _ in }
    }

    /// Whether no object is resident.
    public var isEmpty: Bool { count == 0 }
}
