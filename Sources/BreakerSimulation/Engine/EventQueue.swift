/// The pending events, in (time, scheduling order): a timing wheel in front of a heap.
///
/// Almost every event of a run lies less than a few seconds ahead (call completions, timeouts,
/// arrivals), so a wheel of 2.1 ms buckets covering 4.3 s takes them in O(1); each bucket is sorted
/// only when time reaches it. Events beyond the wheel's horizon wait in a heap until the wheel comes
/// near. The order is exactly the order of a single heap keyed by (time, scheduling order), so the
/// choice of structure never changes a result.
///
/// Events do not carry their scheduling order; where they are stored keeps it:
/// - a bucket receives its events in scheduling order: first those moved from the heap (the heap
///   yields them in order, and they were all scheduled before the bucket came within the horizon),
///   then those scheduled directly, so a *stable* sort by time alone puts it in (time, order);
/// - an event scheduled into the bucket being consumed is later in scheduling order than every event
///   of that bucket: it goes after the bucket's events of equal time, among them while only a few are
///   left, else in a small heap of its own (numbered, like the far heap) that runs its events after
///   the bucket's of equal time (once the heap holds one, every later one goes there too);
/// - the heaps number their own events, which orders them among themselves.
///
/// A large fleet puts thousands of events in one bucket: the sort is then a radix sort, linear in
/// the bucket's size, and an event scheduled into the bucket being consumed costs a heap insertion,
/// not a shift of thousands of events (which made the cost per event grow with the fleet).
///
/// Buckets live in unmanaged memory owned by the queue: the hot path appends without the uniqueness
/// checks of nested arrays.
struct EventQueue: ~Copyable {
    /// A bucket spans 2^21 ns.
    static let bucketShift: UInt64 = 21
    private static let bucketCount = 2048
    private static let mask = UInt64(bucketCount - 1)

    private let buckets: UnsafeMutablePointer<EventBucket>
    /// Events in the wheel, outside `current`.
    private var inWheel = 0
    /// The bucket being consumed, sorted; `read` is the next event.
    private var current = EventBucket()
    private var read = 0
    /// Events scheduled into the bucket being consumed, after it was sorted.
    private var late = EventHeap()
    /// The time of `late`'s first event, `UInt64.max` when it is empty: one comparison per event.
    private var lateKey = UInt64.max
    /// Whether the event `peek()` returned is `late`'s first.
    private var peekedLate = false
    private var currentBucket: UInt64 = 0
    private var far = EventHeap()
    private var farSequence: UInt64 = 0
    /// Room for sorting large buckets.
    private var scratch = EventBucket()

    init() {
        buckets = .allocate(capacity: Self.bucketCount)
        buckets.initialize(repeating: EventBucket(), count: Self.bucketCount)
    }

    deinit {
        for index in 0..<Self.bucketCount { buckets[index].free() }
        buckets.deallocate()
        var current = current
        current.free()
        var scratch = scratch
        scratch.free()
    }

    var isEmpty: Bool { read == current.count && lateKey == .max && inWheel == 0 && far.isEmpty }

    /// Adds an event; it runs after every event already inserted with the same time.
    @inline(__always)
    mutating func insert(_ event: Event) {
        let bucket = event.timeKey >> Self.bucketShift
        if bucket <= currentBucket {
            if lateKey == .max && current.count - read <= Self.shiftLimit {
                // The usual handful of events left: in place, after those of equal time. Events that
                // keep scheduling others inside the bucket would grow it without end behind `read`, so
                // its consumed part is dropped once it is large (moving the few left).
                if read >= Self.compactionThreshold {
                    current.removeFirst(read)
                    read = 0
                }
                current.insertAfterEqual(event, from: read)
            } else {
                // Once one event waits in `late`, every later one must too (they are all later in
                // scheduling order than the bucket's events).
                farSequence += 1
                late.insert(FarEvent(event, sequence: farSequence))
                lateKey = min(lateKey, event.timeKey)
            }
        } else if bucket < currentBucket + UInt64(Self.bucketCount) {
            buckets[Int(bucket & Self.mask)].append(event)
            inWheel += 1
        } else {
            farSequence += 1
            far.insert(FarEvent(event, sequence: farSequence))
        }
    }

    /// Events a wheel slot's storage keeps room for between uses (16 KB); larger storage is freed.
    static let keptCapacity = 1024

    /// Events left in the bucket being consumed up to which a new one is inserted among them.
    static let shiftLimit = 32

    /// Consumed events in the current bucket beyond which it is compacted.
    static let compactionThreshold = 4096

    /// Events held for the bucket being consumed, consumed ones included (for tests of its memory).
    var currentBucketStorage: Int { current.count + late.count }

    /// Removes and returns the earliest event if it is at or before `target` (a time key).
    ///
    /// The run loop's one call per event: the same order as ``peek()`` then ``removeFirst()``, with
    /// one decision instead of two.
    @inline(__always)
    mutating func popFirst(notAfter target: UInt64) -> Event? {
        if read == current.count {
            if lateKey == .max {
                if !loadNextBucket() { return nil }
            } else {
                return popLate(notAfter: target)
            }
        }
        let event = current[read]
        // On equal times the bucket's event runs first: it was scheduled before every late one.
        guard event.timeKey <= lateKey else { return popLate(notAfter: target) }
        guard event.timeKey <= target else { return nil }
        read += 1
        return event
    }

    private mutating func popLate(notAfter target: UInt64) -> Event? {
        guard lateKey <= target, let first = late.removeFirst() else { return nil }
        lateKey = late.first?.event.timeKey ?? .max
        return first.event
    }

    /// The earliest event, without removing it.
    @inline(__always)
    mutating func peek() -> Event? {
        if read < current.count {
            let event = current[read]
            // On equal times the bucket's event runs first: it was scheduled before every late one.
            peekedLate = lateKey < event.timeKey
            return peekedLate ? late.first.unsafelyUnwrapped.event : event
        }
        if lateKey != .max {
            peekedLate = true
            return late.first.unsafelyUnwrapped.event
        }
        peekedLate = false
        if !loadNextBucket() { return nil }
        return current[read]
    }

    /// Removes the earliest event; call after `peek()` returned it.
    @inline(__always)
    mutating func removeFirst() {
        if peekedLate {
            _ = late.removeFirst()
            lateKey = late.first?.event.timeKey ?? .max
            peekedLate = false
        } else {
            read += 1
        }
    }

    /// Moves to the next non-empty bucket; `false` when nothing is left.
    private mutating func loadNextBucket() -> Bool {
        current.removeAll()
        read = 0
        while true {
            if inWheel == 0 {
                guard let next = far.first else { return false }
                // Jump over the empty stretch straight to the next far event.
                currentBucket = max(currentBucket + 1, next.event.timeKey >> Self.bucketShift)
            } else {
                currentBucket += 1
            }
            let horizon = currentBucket + UInt64(Self.bucketCount)
            while let next = far.first, next.event.timeKey >> Self.bucketShift < horizon {
                _ = far.removeFirst()
                buckets[Int((next.event.timeKey >> Self.bucketShift) & Self.mask)].append(next.event)
                inWheel += 1
            }
            let slot = Int(currentBucket & Self.mask)
            if buckets[slot].count == 0 { continue }
            // Through a pointer read first: `&buckets[slot]` beside `&current` is two accesses to `self`.
            let bucket = buckets + slot
            swap(&current, &bucket.pointee)
            // The consumed bucket's storage goes back to the slot; a crowded one (a large fleet's
            // tens of thousands of events) is freed, so that the wheel's 2,048 slots do not each keep
            // the largest bucket they ever held.
            if bucket.pointee.capacity > Self.keptCapacity { bucket.pointee.free() }
            inWheel -= current.count
            current.stableSortByTime(scratch: &scratch)
            return true
        }
    }
}

/// A growable run of events in unmanaged memory; its owner frees it.
struct EventBucket {
    private var base: UnsafeMutablePointer<Event>?
    private(set) var count = 0
    private(set) var capacity = 0

    subscript(index: Int) -> Event {
        // The queue reads only indices below `count`, so `base` is set.
        base.unsafelyUnwrapped[index]
    }

    mutating func append(_ event: Event) {
        if count == capacity { grow(to: count + 1) }
        (base.unsafelyUnwrapped + count).initialize(to: event)
        count += 1
    }

    /// Inserts after every event of `[start, count)` with a time at or before `event`'s, keeping that
    /// range sorted; everything before `start` has been consumed.
    mutating func insertAfterEqual(_ event: Event, from start: Int) {
        if count == capacity { grow(to: count + 1) }
        let events = base.unsafelyUnwrapped
        let key = event.timeKey
        var index = count
        while index > start && events[index - 1].timeKey > key {
            (events + index).moveInitialize(from: events + index - 1, count: 1)
            index -= 1
        }
        (events + index).initialize(to: event)
        count += 1
    }

    /// Drops the first `n` events, moving the rest to the front.
    mutating func removeFirst(_ n: Int) {
        guard n > 0, let events = base else { return }
        events.update(from: events + n, count: count - n)
        count -= n
    }

    mutating func removeAll() {
        // `Event` is plain data: forgetting the elements is enough.
        count = 0
    }

    /// Sorts by time, keeping events of equal time in their current order.
    ///
    /// Compare-exchanges and insertion sort for the usual handful of events, runs merged through
    /// `scratch` for a few hundred, a radix sort for crowded buckets (``radixThreshold`` and more).
    mutating func stableSortByTime(scratch: inout EventBucket) {
        guard count > 1, let events = base else { return }
        // Small buckets, the usual case, through fixed sequences of adjacent compare-exchanges (stable,
        // like a bubble sort) whose selects need no data-dependent branch.
        switch count {
        case 2:
            Self.orderPair(events, 0)
            return
        case 3:
            Self.orderPair(events, 0)
            Self.orderPair(events, 1)
            Self.orderPair(events, 0)
            return
        case 4:
            Self.orderPair(events, 0)
            Self.orderPair(events, 1)
            Self.orderPair(events, 2)
            Self.orderPair(events, 0)
            Self.orderPair(events, 1)
            Self.orderPair(events, 0)
            return
        default:
            break
        }
        if count >= Self.radixThreshold {
            radixSortByTime(scratch: &scratch)
            return
        }
        let run = 32
        var start = 0
        while start < count {
            Self.insertionSort(events, from: start, to: min(start + run, count))
            start += run
        }
        guard count > run else { return }
        if scratch.capacity < count { scratch.grow(to: count) }
        var source = events
        var target = scratch.base.unsafelyUnwrapped
        var width = run
        while width < count {
            var low = 0
            while low < count {
                let middle = min(low + width, count)
                let high = min(low + 2 * width, count)
                Self.merge(source, low, middle, high, into: target)
                low = high
            }
            swap(&source, &target)
            width *= 2
        }
        if source != events { events.update(from: source, count: count) }
    }

    /// Buckets of at least this many events are radix-sorted.
    static let radixThreshold = 256

    /// Bits of a bucket's times that differ between its events.
    private static let bucketBits = Int(EventQueue.bucketShift)
    /// Bits sorted per radix pass; three passes cover a bucket.
    private static let digitBits = 7

    /// A stable least-significant-digit radix sort on the time within the bucket.
    ///
    /// Three passes of 128 counters, linear in the bucket's size. Stability (each pass keeps the order of equal
    /// digits) gives the same order as the merge sort, events of equal time in their current order.
    private mutating func radixSortByTime(scratch: inout EventBucket) {
        guard let events = base else { return }
        if scratch.capacity < count { scratch.grow(to: count) }
        let radix = 1 << Self.digitBits
        let digitMask = UInt64(radix - 1)
        var source = events
        var target = scratch.base.unsafelyUnwrapped
        withUnsafeTemporaryAllocation(of: Int.self, capacity: radix) { offsets in
            var shift: UInt64 = 0
            while shift < UInt64(Self.bucketBits) {
                offsets.initialize(repeating: 0)
                for index in 0..<count { offsets[Int((source[index].timeKey >> shift) & digitMask)] += 1 }
                // Every event in one digit: this pass would move nothing.
                if offsets[Int((source[0].timeKey >> shift) & digitMask)] == count {
                    shift += UInt64(Self.digitBits)
                    continue
                }
                var total = 0
                for digit in 0..<radix {
                    let size = offsets[digit]
                    offsets[digit] = total
                    total += size
                }
                for index in 0..<count {
                    let event = source[index]
                    let digit = Int((event.timeKey >> shift) & digitMask)
                    (target + offsets[digit]).initialize(to: event)
                    offsets[digit] += 1
                }
                swap(&source, &target)
                shift += UInt64(Self.digitBits)
            }
        }
        if source != events { events.update(from: source, count: count) }
    }

    /// Swaps events `index` and `index + 1` if the second is earlier.
    @inline(__always)
    private static func orderPair(_ events: UnsafeMutablePointer<Event>, _ index: Int) {
        let first = events[index]
        let second = events[index + 1]
        let swapped = second.timeKey < first.timeKey
        events[index] = swapped ? second : first
        events[index + 1] = swapped ? first : second
    }

    private static func insertionSort(_ events: UnsafeMutablePointer<Event>, from start: Int, to end: Int) {
        var index = start + 1
        while index < end {
            let event = events[index]
            let key = event.timeKey
            var hole = index
            while hole > start && key < events[hole - 1].timeKey {
                events[hole] = events[hole - 1]
                hole -= 1
            }
            events[hole] = event
            index += 1
        }
    }

    /// Merges the sorted runs `[low, middle)` and `[middle, high)` of `source` into the same range of
    /// `target`, taking from the first run on ties.
    private static func merge(
        _ source: UnsafeMutablePointer<Event>, _ low: Int, _ middle: Int, _ high: Int,
        into target: UnsafeMutablePointer<Event>
    ) {
        var left = low
        var right = middle
        var out = low
        while left < middle && right < high {
            if source[right].timeKey < source[left].timeKey {
                (target + out).initialize(to: source[right])
                right += 1
            } else {
                (target + out).initialize(to: source[left])
                left += 1
            }
            out += 1
        }
        while left < middle {
            (target + out).initialize(to: source[left])
            left += 1
            out += 1
        }
        while right < high {
            (target + out).initialize(to: source[right])
            right += 1
            out += 1
        }
    }

    private mutating func grow(to needed: Int) {
        let bigger = max(8, capacity * 2, needed)
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
