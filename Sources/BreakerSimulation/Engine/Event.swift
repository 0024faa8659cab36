/// One scheduled happening in virtual time. Ordered by time, then by scheduling order, so that equal
/// times always run in the same order.
struct Event: Comparable, Sendable {
    enum Kind: UInt8, Sendable {
        /// A client instance's next call arrives (`a` = instance).
        case arrival
        /// A retry of a failed call fires (`a` = instance, `b` = attempt number).
        case retry
        /// A call's result reaches its client (`a` = call slot, `b` = slot serial).
        case clientResolve
        /// A service finishes a call it admitted under capacity limits (`a` = slot, `b` = serial).
        case serviceDone
        /// A service enters or leaves a phase (`a` = service).
        case conditionChange
        /// A flapping service goes up or down (`a` = service, `b` = flap epoch).
        case flapToggle
        /// Time for a snapshot.
        case sample
    }

    /// Time in the high 64 bits, scheduling sequence in the low 64: one comparison orders both,
    /// without a branch (the event queue is the simulator's hottest code).
    let key: UInt128
    var kind: Kind
    var a: Int32
    var b: UInt32

    init(time: Nanoseconds, sequence: UInt64, kind: Kind, a: Int32, b: UInt32) {
        // Virtual time is never negative, so the bit pattern orders like the number.
        key = UInt128(UInt64(time)) << 64 | UInt128(sequence)
        self.kind = kind
        self.a = a
        self.b = b
    }

    var time: Nanoseconds { Nanoseconds(truncatingIfNeeded: UInt64(truncatingIfNeeded: key >> 64)) }

    static func < (lhs: Event, rhs: Event) -> Bool { lhs.key < rhs.key }

    static func == (lhs: Event, rhs: Event) -> Bool { lhs.key == rhs.key }
}
