/// The pending events, in (time, sequence) order: a timing wheel in front of a heap.
///
/// Almost every event of a run lies less than a few seconds ahead (call completions, timeouts,
/// arrivals), so a wheel of 1.05 ms buckets covering 4.3 s takes them in O(1); each bucket is sorted
/// only when time reaches it, and it holds a handful of events. Events beyond the wheel's horizon wait
/// in a heap until the wheel comes near. The order is exactly the order of a single heap keyed by
/// (time, sequence), so the choice of structure never changes a result.
struct EventQueue {
    private static let bucketShift: Int64 = 20
    private static let bucketCount = 4096
    private static let mask = Int64(bucketCount - 1)

    private var buckets: [[Event]]
    /// Events in the wheel, outside `current`.
    private var inWheel = 0
    /// The bucket being consumed, sorted; `read` is the next event.
    private var current: [Event] = []
    private var read = 0
    private var currentBucket: Int64 = 0
    private var far = EventHeap()

    init() {
        buckets = Array(repeating: [], count: Self.bucketCount)
    }

    var isEmpty: Bool { read == current.count && inWheel == 0 && far.isEmpty }

    mutating func insert(_ event: Event) {
        let bucket = event.time >> Self.bucketShift
        if bucket <= currentBucket {
            insertIntoCurrent(event)
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

    private mutating func insertIntoCurrent(_ event: Event) {
        // Binary search among the events not yet read; new events are never earlier than read ones.
        var low = read
        var high = current.count
        while low < high {
            let middle = (low + high) >> 1
            if current[middle] < event { low = middle + 1 } else { high = middle }
        }
        current.insert(event, at: low)
    }

    /// Moves to the next non-empty bucket; `false` when nothing is left.
    private mutating func loadNextBucket() -> Bool {
        current.removeAll(keepingCapacity: true)
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
            if buckets[slot].isEmpty { continue }
            swap(&current, &buckets[slot])
            inWheel -= current.count
            Self.sort(&current)
            return true
        }
    }

    private static func sort(_ events: inout [Event]) {
        guard events.count > 1 else { return }
        if events.count > 48 {
            events.sort()
            return
        }
        events.withUnsafeMutableBufferPointer { buffer in
            for index in 1..<buffer.count {
                let event = buffer[index]
                var hole = index
                while hole > 0 && event < buffer[hole - 1] {
                    buffer[hole] = buffer[hole - 1]
                    hole -= 1
                }
                buffer[hole] = event
            }
        }
    }
}
