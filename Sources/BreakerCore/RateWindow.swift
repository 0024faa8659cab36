/// The calls a failure-rate policy counts while closed (see ``FailureWindow``).
///
/// One type for both windows, so that the state machine holds it without an enum payload (mutating
/// an array inside one would copy it). Both kinds allocate their storage once, at creation;
/// counting and clearing reuse it.
@usableFromInline
struct RateWindow: Sendable {
    /// A time bucket: the calls and failures that ended in it.
    @usableFromInline
    struct Bucket: Sendable {
        var calls = 0
        var failures = 0
    }

    /// Calls counted now.
    @usableFromInline private(set) var calls = 0
    /// Failures among them.
    @usableFromInline private(set) var failures = 0

    /// Count window: its size, the outcomes as bits (1 = failure) and the slot of the next call.
    private let size: Int
    private var bits: [UInt64]
    private var next = 0

    /// Time window: the buckets (none for a count window) and the slot of the newest.
    private var buckets: [Bucket]
    private var newest = 0

    /// No window: what a consecutive-failure policy holds (nothing is allocated).
    init() {
        size = 0
        bits = []
        buckets = []
    }

    init(_ window: FailureWindow) {
        switch window {
        case .calls(let size):
            self.size = size
            bits = [UInt64](repeating: 0, count: (size + 63) / 64)
            buckets = []
        case .duration:
            size = 0
            bits = []
            buckets = [Bucket](repeating: Bucket(), count: FailureWindow.bucketCount)
        }
    }

    /// Whether the window needs the time of each call.
    @usableFromInline var isTimed: Bool { !buckets.isEmpty }

    /// Whether a success would change nothing: a full count window without failures.
    @usableFromInline var successChangesNothing: Bool { failures == 0 && calls == size && size != 0 }

    /// Counts one call of a count window.
    @usableFromInline
    mutating func count(failed: Bool) {
        let word = next >> 6
        let bit = UInt64(1) << UInt64(next & 63)
        if calls == size {
            if bits[word] & bit != 0 { failures -= 1 }
        } else {
            calls += 1
        }
        if failed {
            bits[word] |= bit
            failures += 1
        } else {
            bits[word] &= ~bit
        }
        next = next + 1 == size ? 0 : next + 1
    }

    /// Counts one call of a time window, after `passed` buckets ended since the last call (the
    /// caller compares instants with the newest bucket's end, so no time is divided here).
    @usableFromInline
    mutating func count(failed: Bool, passed: Int) {
        // Buckets that fell out of the window: at most all of them, however long the gap.
        for _ in 0..<min(passed, buckets.count) {
            newest = newest + 1 == buckets.count ? 0 : newest + 1
            calls -= buckets[newest].calls
            failures -= buckets[newest].failures
            buckets[newest] = Bucket()
        }
        buckets[newest].calls += 1
        calls += 1
        if failed {
            buckets[newest].failures += 1
            failures += 1
        }
    }

    /// Whether the counts open the breaker under `threshold` and `minimumCalls`.
    @usableFromInline
    func trips(threshold: Double, minimumCalls: Int) -> Bool {
        // A division, correctly rounded, so that 3 of 10 meets a threshold written 0.3.
        calls >= minimumCalls && Double(failures) / Double(calls) >= threshold
    }

    /// Forgets every call, keeping the storage.
    @usableFromInline
    mutating func clear() {
        guard calls != 0 || next != 0 else { return }
        calls = 0
        failures = 0
        next = 0
        for index in bits.indices { bits[index] = 0 }
        for index in buckets.indices { buckets[index] = Bucket() }
    }

}
