/// The atomic words through which calls to a closed or open breaker pass without the lock.
///
/// The word is `generation << 3 | timed << 2 | tag`, where the tag says what a call needs: `0` closed
/// with no failures counted (a success changes nothing), `1` closed with failures counted, `2`
/// half-open (every call goes to the machine), `3` open (a call before the deadline is rejected).
/// `timed` is set for a breaker with a slow-call duration, whose calls read the clock on admission
/// and report: a closed breaker without it admits with one test of the word. A generation changes
/// once per transition, so 61 bits do not wrap in any breaker's life.
///
/// The open deadline is a second word: nanoseconds since the breaker's origin, ``forced`` when forced
/// open. Both are written under the lock, the deadline first; a reader that loads the word and then
/// the deadline sees that opening's deadline or a later one's, never an earlier one.
@usableFromInline
enum FastWord {
    @inlinable static func word<Instant>(for machine: CircuitBreakerStateMachine<Instant>) -> UInt64 {
        let tag: UInt64 =
            switch machine.storedState {
            case .closed: machine.isClosedWithoutFailures ? 0 : 1
            case .halfOpen: 2
            case .open: 3
            }
        return machine.currentGeneration << 3 | (machine.timesCalls ? 4 : 0) | tag
    }

    /// The deadline word of a breaker forced open until reset.
    @usableFromInline static let forced = Int64.max

    /// The deadline word for `machine` (meaningful only while it is open).
    @inlinable static func deadline(for machine: CircuitBreakerStateMachine<ElapsedInstant>) -> Int64 {
        guard let until = machine.openUntil else { return forced }
        return nanoseconds(until.sinceOrigin)
    }

    /// `duration` in whole nanoseconds (saturating far beyond any open period).
    @inlinable static func nanoseconds(_ duration: Duration) -> Int64 {
        // Compared as a duration first: `components` traps beyond Int64.max seconds.
        guard duration < .seconds(9_000_000_000) else { return forced - 1 }
        let (seconds, attoseconds) = duration.components
        return seconds &* 1_000_000_000 &+ attoseconds / 1_000_000_000
    }

    @inlinable static func generation(_ word: UInt64) -> UInt64 { word >> 3 }
    @inlinable static func isClosed(_ word: UInt64) -> Bool { word & 3 < 2 }
    /// Closed, and calls are not timed: the closed path needs nothing else.
    @inlinable static func isUntimedClosed(_ word: UInt64) -> Bool { word & 7 < 2 }
    @inlinable static func isClosedWithoutFailures(_ word: UInt64) -> Bool { word & 3 == 0 }
    /// Closed with no failures counted, and calls are not timed: a success changes nothing.
    @inlinable static func isUntimedClosedWithoutFailures(_ word: UInt64) -> Bool { word & 7 == 0 }
    @inlinable static func isOpen(_ word: UInt64) -> Bool { word & 3 == 3 }
}
