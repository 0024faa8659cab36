/// The one atomic word through which a closed breaker's calls pass without the lock.
///
/// `generation << 2 | tag`, where the tag says what the closed path needs: `0` closed with no
/// failures counted (a success changes nothing), `1` closed with failures counted, `2` open or
/// half-open (every call goes to the machine). A generation changes once per transition, so 62 bits
/// do not wrap in any breaker's life.
@usableFromInline
enum FastWord {
    @inlinable static func word<Instant>(for machine: CircuitBreakerStateMachine<Instant>) -> UInt64 {
        let tag: UInt64 =
            switch machine.storedState {
            case .closed: machine.isClosedWithoutFailures ? 0 : 1
            case .open, .halfOpen: 2
            }
        return machine.currentGeneration << 2 | tag
    }

    @inlinable static func generation(_ word: UInt64) -> UInt64 { word >> 2 }
    @inlinable static func isClosed(_ word: UInt64) -> Bool { word & 3 != 2 }
    @inlinable static func isClosedWithoutFailures(_ word: UInt64) -> Bool { word & 3 == 0 }
}
