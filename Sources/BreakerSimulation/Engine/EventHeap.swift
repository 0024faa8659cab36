/// An event beyond the timing wheel's horizon, with the order in which it was scheduled.
struct FarEvent: Sendable {
    /// Time in the high 64 bits, scheduling order in the low 64: one comparison orders both.
    let key: UInt128
    let event: Event

    init(_ event: Event, sequence: UInt64) {
        key = UInt128(event.timeKey) << 64 | UInt128(sequence)
        self.event = event
    }

    static func < (lhs: FarEvent, rhs: FarEvent) -> Bool { lhs.key < rhs.key }
}

/// Far events earliest first: a 4-ary min-heap specialised for ``FarEvent``.
///
/// swift-collections' `Heap` is a min-max heap; the simulator never needs the maximum, and a plain
/// d-ary heap with hole-based sifting is simpler and faster for this one element type.
struct EventHeap {
    private var storage: [FarEvent] = []

    var isEmpty: Bool { storage.isEmpty }
    var count: Int { storage.count }

    /// The earliest event without removing it.
    var first: FarEvent? { storage.first }

    mutating func insert(_ event: FarEvent) {
        storage.append(event)
        storage.withUnsafeMutableBufferPointer { heap in
            var hole = heap.count - 1
            while hole > 0 {
                let parent = (hole - 1) >> 2
                guard event < heap[parent] else { break }
                heap[hole] = heap[parent]
                hole = parent
            }
            heap[hole] = event
        }
    }

    mutating func removeFirst() -> FarEvent? {
        guard let last = storage.popLast() else { return nil }
        guard !storage.isEmpty else { return last }
        return storage.withUnsafeMutableBufferPointer { heap in
            let first = heap[0]
            let count = heap.count
            var hole = 0
            while true {
                let child = hole << 2 + 1
                if child >= count { break }
                var smallest = child
                let end = min(child + 4, count)
                var candidate = child + 1
                while candidate < end {
                    if heap[candidate] < heap[smallest] { smallest = candidate }
                    candidate += 1
                }
                guard heap[smallest] < last else { break }
                heap[hole] = heap[smallest]
                hole = smallest
            }
            heap[hole] = last
            return first
        }
    }
}
