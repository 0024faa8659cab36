/// Events earliest first: a 4-ary min-heap specialised for ``Event``, for the far future.
///
/// swift-collections' `Heap` is a min-max heap; the simulator never needs the maximum, and a plain
/// d-ary heap with hole-based sifting is simpler and faster for this one element type.
struct EventHeap {
    private var storage: [Event] = []

    var isEmpty: Bool { storage.isEmpty }
    var count: Int { storage.count }

    /// The earliest event without removing it.
    var first: Event? { storage.first }

    mutating func insert(_ event: Event) {
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

    mutating func removeFirst() -> Event? {
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
