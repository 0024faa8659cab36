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

    var time: Nanoseconds
    var sequence: UInt64
    var kind: Kind
    var a: Int32
    var b: UInt32

    static func < (lhs: Event, rhs: Event) -> Bool {
        lhs.time != rhs.time ? lhs.time < rhs.time : lhs.sequence < rhs.sequence
    }

    static func == (lhs: Event, rhs: Event) -> Bool {
        lhs.time == rhs.time && lhs.sequence == rhs.sequence
    }
}
