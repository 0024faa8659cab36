/// The pending events, in (time, sequence) order: a timing wheel in front of a heap.
///
/// Almost every event of a run lies less than a few seconds ahead (call completions, timeouts,
/// arrivals), so a wheel of 2.1 ms buckets covering 4.3 s takes them in O(1); each bucket is sorted
/// only when time reaches it, and it holds a handful of events. Events beyond the wheel's horizon wait
/// in a heap until the wheel comes near. The order is exactly the order of a single heap keyed by
/// (time, sequence), so the choice of structure never changes a result.
///
/// Buckets live in unmanaged memory owned by the queue: the hot path appends without the uniqueness
/// checks of nested arrays.
struct EventQueue: ~Copyable {
    private static let bucketShift: Int64 = 21
    private static let bucketCount = 2048
    private static let mask = Int64(bucketCount - 1)

    private let buckets: UnsafeMutablePointer<EventBucket>
    /// Events in the wheel, outside `current`.
    private var inWheel = 0
    /// The bucket being consumed, sorted; `read` is the next event.
    private var current = EventBucket()
    private var read = 0
    private var currentBucket: Int64 = 0
    private var far = EventHeap()

    init() {
        buckets = .allocate(capacity: Self.bucketCount)
        buckets.initialize(repeating: EventBucket(), count: Self.bucketCount)
    }

    deinit {
        for index in 0..<Self.bucketCount { buckets[index].free() }
        buckets.deallocate()
        var current = current
        current.free()
    }

    var isEmpty: Bool { read == current.count && inWheel == 0 && far.isEmpty }

    mutating func insert(_ event: Event) {
        let bucket = event.time >> Self.bucketShift
        if bucket <= currentBucket {
            current.insertSorted(event, from: read)
        } else if bucket < currentBucket + Int64(Self.bucketCount) {
            buckets[Int(bucket & Self.mask)].append(event)
            inWheel += 1
        } else {
            far.insert(event)
        }
    }

    /// The earliest event, without removing it.
    mutating func peek() -> Event? {
        if read == current.count && !loadNextBucket() { return nil }
        return current[read]
    }

    /// Removes the earliest event; call after `peek()` returned it.
    mutating func removeFirst() {
        read += 1
    }

    /// Moves to the next non-empty bucket; `false` when nothing is left.
    private mutating func loadNextBucket() -> Bool {
        current.removeAll()
        read = 0
        while true {
            if inWheel == 0 {
                guard let next = far.first else { return false }
                // Jump over the empty stretch straight to the next far event.
                currentBucket = max(currentBucket + 1, next.time >> Self.bucketShift)
            } else {
                currentBucket += 1
            }
            let horizon = currentBucket + Int64(Self.bucketCount)
            while let next = far.first, next.time >> Self.bucketShift < horizon {
                _ = far.removeFirst()
                buckets[Int((next.time >> Self.bucketShift) & Self.mask)].append(next)
                inWheel += 1
            }
            let slot = Int(currentBucket & Self.mask)
            if buckets[slot].count == 0 { continue }
            // Through a pointer read first: `&buckets[slot]` beside `&current` is two accesses to `self`.
            let bucket = buckets + slot
            swap(&current, &bucket.pointee)
            inWheel -= current.count
            current.sort()
            return true
        }
    }
}

/// A growable run of events in unmanaged memory; its owner frees it.
struct EventBucket {
    private var base: UnsafeMutablePointer<Event>?
    private(set) var count = 0
    private var capacity = 0

    subscript(index: Int) -> Event {
        // The queue reads only indices below `count`, so `base` is set.
        base.unsafelyUnwrapped[index]
    }

    mutating func append(_ event: Event) {
        if count == capacity { grow() }
        (base.unsafelyUnwrapped + count).initialize(to: event)
        count += 1
    }

    /// Inserts keeping `[start, count)` sorted; everything before `start` has been consumed.
    mutating func insertSorted(_ event: Event, from start: Int) {
        if count == capacity { grow() }
        let events = base.unsafelyUnwrapped
        var low = start
        var high = count
        while low < high {
            let middle = (low + high) >> 1
            if events[middle] < event { low = middle + 1 } else { high = middle }
        }
        if low < count { (events + low + 1).moveInitialize(from: events + low, count: count - low) }
        (events + low).initialize(to: event)
        count += 1
    }

    mutating func removeAll() {
        // `Event` is plain data: forgetting the elements is enough.
        count = 0
    }

    /// Sorts by key: insertion sort for the usual handful of events.
    mutating func sort() {
        guard count > 1, let events = base else { return }
        var buffer = UnsafeMutableBufferPointer(start: events, count: count)
        if count > 48 {
            buffer.sort()
            return
        }
        for index in 1..<count {
            let event = buffer[index]
            var hole = index
            while hole > 0 && event < buffer[hole - 1] {
                buffer[hole] = buffer[hole - 1]
                hole -= 1
            }
            buffer[hole] = event
        }
    }

    private mutating func grow() {
        let bigger = max(8, capacity * 2)
        let storage = UnsafeMutablePointer<Event>.allocate(capacity: bigger)
        if let base {
            storage.moveInitialize(from: base, count: count)
            base.deallocate()
        }
        base = storage
        capacity = bigger
    }

    mutating func free() {
        base?.deallocate()
        base = nil
        count = 0
        capacity = 0
    }
}
