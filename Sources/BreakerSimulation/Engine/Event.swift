/// One scheduled happening in virtual time, in 16 bytes.
///
/// Events run in (time, scheduling order): equal times always run in the order they were scheduled.
/// The event itself carries only its time; ``EventQueue`` keeps the scheduling order by where it
/// stores each event, which halves the bytes the simulator's hottest code moves.
struct Event: Sendable {
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
    }

    /// Times at or beyond this cannot be stored (2^60 ns, about 36 years; runs last at most 30 days).
    static let timeLimit: Nanoseconds = 1 << 60

    /// The time in the low 60 bits, the kind in the top 4.
    private let word: UInt64
    var a: Int32
    var b: UInt32

    init(time: Nanoseconds, kind: Kind, a: Int32, b: UInt32) {
        assert(time >= 0 && time < Self.timeLimit, "event time out of range")
        word = UInt64(time) | UInt64(kind.rawValue) << 60
        self.a = a
        self.b = b
    }

    /// Virtual time, as a number that orders events (the kind's bits are masked off).
    @inline(__always) var timeKey: UInt64 { word & (1 << 60 - 1) }

    var time: Nanoseconds { Nanoseconds(bitPattern: timeKey) }

    var kind: Kind { Kind(rawValue: UInt8(truncatingIfNeeded: word >> 60)).unsafelyUnwrapped }
}
