import BreakerCore

/// What a ``SlotPool`` holds: plain data with a serial number that marks reuse.
protocol PooledSlot {
    /// A cleared slot.
    init()
    /// Bumped on every reuse, so that events for an earlier occupant are recognised as stale.
    var serial: UInt32 { get set }
}

/// One attempt in flight: between the breaker's permit and both the client's and the service's end.
struct CallSlot: PooledSlot {
    /// The breaker the call went through.
    var instance: Int32 = 0
    /// The request the call belongs to.
    var request: Int32 = 0
    var attempt: Int32 = 0
    /// Bumped on every reuse, so that events for an earlier occupant are recognised as stale.
    var serial: UInt32 = 0
    /// When the client stops waiting: sent time plus the client's timeout.
    var deadline: Nanoseconds = 0
    var permit: CircuitBreakerStateMachine<SimInstant>.Permit?
    var succeeded = false
    var clientDone = false
    var serviceDone = false
    /// Whether a `clientResolve` event at the deadline is pending (a call queued under capacity).
    var deadlineScheduled = false
    /// When a service working under capacity limits answers; `.max` until it starts on the call.
    var answerAt: Nanoseconds = .max
}

/// A user request in progress: from its arrival at a client instance to its final answer.
struct RequestSlot: PooledSlot {
    /// The client instance serving it.
    var caller: Int32 = 0
    /// Index into the simulation's routes (all clients' routes in file order).
    var route: Int32 = 0
    /// The call being made now, and the route's last call (indices into the simulation's route calls).
    var call: Int32 = 0
    var lastCall: Int32 = 0
    /// The breaker the current call goes through.
    var breaker: Int32 = 0
    var serial: UInt32 = 0
    /// When the request arrived.
    var arrival: Nanoseconds = 0
}

/// Slots (calls or requests) in unmanaged memory with a free list.
///
/// There is no allocation once the run has warmed up, and no uniqueness checks on the hot path. Its
/// size follows the calls in flight, not the duration.
struct SlotPool<Slot: PooledSlot>: ~Copyable {
    private var storage: UnsafeMutablePointer<Slot>
    private var capacity: Int
    private var used = 0
    private var free: UnsafeMutablePointer<Int32>
    private var freeCount = 0

    init() {
        capacity = 1024
        storage = .allocate(capacity: capacity)
        free = .allocate(capacity: capacity)
    }

    deinit {
        storage.deinitialize(count: used)
        storage.deallocate()
        free.deallocate()
    }

    subscript(index: Int) -> Slot {
        unsafeAddress { UnsafePointer(storage + index) }
        nonmutating unsafeMutableAddress { storage + index }
    }

    /// A cleared slot, reusing a released one when there is one.
    @inline(__always)
    mutating func allocate() -> Int {
        if freeCount > 0 {
            freeCount &-= 1
            let index = Int(free[freeCount])
            let serial = storage[index].serial &+ 1
            storage[index] = Slot()
            storage[index].serial = serial
            return index
        }
        if used == capacity { grow() }
        (storage + used).initialize(to: Slot())
        used &+= 1
        return used &- 1
    }

    /// Returns slot `index` for reuse; an index fits 32 bits (``grow()`` stops before it would not).
    @inline(__always)
    mutating func release(_ index: Int) {
        free[freeCount] = Int32(truncatingIfNeeded: index)
        freeCount &+= 1
    }

    private mutating func grow() {
        let bigger = capacity * 2
        precondition(bigger <= Int(Int32.max), "more than 2^31 slots in flight")
        let newStorage = UnsafeMutablePointer<Slot>.allocate(capacity: bigger)
        newStorage.moveInitialize(from: storage, count: used)
        storage.deallocate()
        storage = newStorage
        let newFree = UnsafeMutablePointer<Int32>.allocate(capacity: bigger)
        newFree.moveInitialize(from: free, count: freeCount)
        free.deallocate()
        free = newFree
        capacity = bigger
    }
}
