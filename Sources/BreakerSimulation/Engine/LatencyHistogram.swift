#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Latencies in nanoseconds, to 3 significant digits from 1 ns up: the bucket layout of HdrHistogram
/// (every nanosecond below 2,048 ns, then 1,024 buckets per power of two, so a bucket is at most
/// 1/1024 of its values wide).
///
/// Each power of two's buckets are allocated when its first value comes, so memory follows the range of
/// latencies recorded (8 KB per power of two: about 70 KB for calls between 4 ms and 1 s), never the
/// number of values, and recording allocates nothing once every range has been seen. (The
/// hdrhistogram-swift package's auto-resizing histogram was measured first: growing its counts went
/// through unspecialised generic code, two thirds of the simulator's instructions on flaky.json.)
public struct LatencyHistogram: Sendable {
    /// The counts, one array per power of two, each empty until a value falls in it.
    ///
    /// `octaves[0]` counts 0 ..< 2048 ns one by one; `octaves[k]` (k ≥ 1) counts 2^(k+10) ..< 2^(k+11)
    /// ns in 1,024 buckets of 2^k ns.
    fileprivate var octaves: [[UInt64]] = []
    /// Values recorded.
    public fileprivate(set) var count = 0
    /// The largest value recorded, exactly.
    fileprivate var largest: Nanoseconds = 0

    /// Empty.
    public init() {}

    /// Adds one latency; a negative one counts as zero.
    @inline(__always)
    public mutating func record(_ latency: Nanoseconds) {
        let value = UInt64(max(0, latency))
        let (octave, bucket) = Self.position(of: value)
        if octave >= octaves.count || octaves[octave].isEmpty { grow(to: octave) }
        octaves[octave][bucket] &+= 1
        count += 1
        if latency > largest { largest = latency }
    }

    /// Where a value is counted.
    @inline(__always)
    fileprivate static func position(of value: UInt64) -> (octave: Int, bucket: Int) {
        guard value >= 2048 else { return (0, Int(value)) }
        let octave = 63 - value.leadingZeroBitCount - 10
        return (octave, Int(value >> UInt64(octave)) - 1024)
    }

    /// The largest value counted in the same bucket as the one at `octave`, `bucket`.
    private static func highestValue(octave: Int, bucket: Int) -> UInt64 {
        guard octave > 0 else { return UInt64(bucket) }
        return (UInt64(bucket + 1024) << UInt64(octave)) + (1 << UInt64(octave)) - 1
    }

    fileprivate mutating func grow(to octave: Int) {
        while octaves.count <= octave { octaves.append([]) }
        octaves[octave] = [UInt64](repeating: 0, count: octave == 0 ? 2048 : 1024)
    }

    /// Adds every value of `other`.
    public mutating func add(_ other: LatencyHistogram) {
        for (octave, counts) in other.octaves.enumerated() where !counts.isEmpty {
            if octave >= octaves.count || octaves[octave].isEmpty { grow(to: octave) }
            for bucket in counts.indices { octaves[octave][bucket] &+= counts[bucket] }
        }
        count += other.count
        largest = max(largest, other.largest)
    }

    /// The latency at or below which `percentile` per cent of the values fall; 0 when there are none.
    ///
    /// As HdrHistogram reports it: the highest value of the bucket holding that rank, never above the
    /// largest value recorded.
    public func value(atPercentile percentile: Double) -> Nanoseconds {
        guard count > 0 else { return 0 }
        return values(atPercentiles: [percentile])[0]
    }

    /// ``value(atPercentile:)`` for each of `percentiles` (in ascending order), in one pass over the
    /// buckets.
    private func values(atPercentiles percentiles: [Double]) -> [Nanoseconds] {
        let ranks = percentiles.map {
            max(1, UInt64((min(max($0, 0), 100) / 100 * Double(count)).rounded(.up)))
        }
        var values: [Nanoseconds] = []
        values.reserveCapacity(ranks.count)
        var seen: UInt64 = 0
        for octave in octaves.indices {
            let counts = octaves[octave]
            for bucket in counts.indices where counts[bucket] > 0 {
                seen += counts[bucket]
                while values.count < ranks.count && seen >= ranks[values.count] {
                    values.append(
                        min(Nanoseconds(Self.highestValue(octave: octave, bucket: bucket)), largest))
                }
                if values.count == ranks.count { return values }
            }
        }
        while values.count < ranks.count { values.append(largest) }
        return values
    }

    /// The percentiles the outputs show, or `nil` when nothing was recorded.
    public var summary: LatencySummary? {
        guard count > 0 else { return nil }
        let shown = values(atPercentiles: [50, 90, 99, 99.9])
        return LatencySummary(
            count: count, p50: shown[0], p90: shown[1], p99: shown[2], p999: shown[3], max: largest)
    }
}

/// The percentiles of some latencies, in nanoseconds.
public struct LatencySummary: Sendable, Equatable {
    /// How many latencies were recorded.
    public var count: Int
    /// The median.
    public var p50: Nanoseconds
    /// The 90th percentile.
    public var p90: Nanoseconds
    /// The 99th percentile.
    public var p99: Nanoseconds
    /// The 99.9th percentile.
    public var p999: Nanoseconds
    /// The largest latency recorded, exactly.
    public var max: Nanoseconds
}

/// The simulator's histograms, in unmanaged memory: recording a value is a few instructions, with no
/// uniqueness or bounds checks, and allocates only when a histogram first needs more room.
///
/// In a large bank a histogram starts *sparse*: a small open-addressing table of (bucket, count) pairs, 8 bytes per
/// bucket used, in one block. A fleet of 100,000 breakers that each see a few hundred calls then costs
/// a few kilobytes per breaker, where the dense layout (4 KB for every power of two of latency seen)
/// took 36 KB each, 3.6 GB in all, most of it pages the system had to clear. Once a histogram uses
/// more than ``sparseLimit`` buckets it turns *dense*: HdrHistogram's layout, one zeroed block of
/// 32-bit counts for the powers of two from its smallest value to its largest and some room around
/// them, moved to a wider block when a value falls outside it. A histogram's header (where its dense counts are, its count and
/// its largest value) is 32 bytes, so recording touches one line of headers and the counts' memory
/// once. Both
/// layouts hold the same counts, so every result is the same whichever layout a histogram is in.
///
/// A *batched* bank first notes each value's bucket in two cache lines of its histogram's own, and
/// adds their 28 buckets at once: the additions do not depend on each other, so the processor waits
/// for their counts' memory together rather than one call at a time. That is for a bank of many
/// histograms whose counts do not fit in cache together (a breaker's calls); the counts, and so every
/// result, are the same.
struct HistogramBank: ~Copyable {
    private let count: Int
    private let headers: UnsafeMutablePointer<Header>
    /// One per histogram in a batched bank, `nil` otherwise.
    private let batches: UnsafeMutablePointer<Batch>?
    private let tables: UnsafeMutablePointer<SparseTable>
    private let rooms: UnsafeMutablePointer<Room>
    /// Where dense blocks come from.
    private let arena: UnsafeMutablePointer<Arena>

    /// Zeroed memory for dense blocks, carved from large `calloc` blocks: the system hands those out
    /// as zero pages that take memory only when touched, so a block's unused room costs nothing and
    /// nothing is cleared twice.
    private struct Arena {
        var blocks: [UnsafeMutableRawPointer] = []
        var next: UnsafeMutablePointer<UInt32>?
        var left = 0

        /// Counts per arena block (4 MiB).
        static let blockCounts = 1 << 20

        /// `size` zeroed counts.
        mutating func take(_ size: Int) -> UnsafeMutablePointer<UInt32> {
            if left < size {
                let counts = max(size, Self.blockCounts)
                guard let block = calloc(counts, MemoryLayout<UInt32>.stride) else {
                    fatalError("out of memory for latency histograms")
                }
                blocks.append(block)
                next = block.bindMemory(to: UInt32.self, capacity: counts)
                left = counts
            }
            let taken = next.unsafelyUnwrapped
            next = taken + size
            left -= size
            return taken
        }
    }

    /// What recording a value into a histogram reads and writes besides its bucket: where its dense
    /// counts are, how many values it holds and the largest.
    ///
    /// `dense` counts the flat buckets `low ..< low + span` (see ``flatBucket(of:)``); a sparse
    /// histogram has an empty span. Counts are 32-bit: one bucket would need more calls than the
    /// 2 × 10⁹ a scenario may simulate in all to overflow. 32 bytes, aligned, so that a value's
    /// recording touches one cache line besides its bucket's (with three arrays it was three: fleet.json
    /// lost a tenth of its cache misses).
    private struct Header {
        var dense: UnsafeMutablePointer<UInt32>?
        var low: UInt32
        var span: UInt32
        var count: Int
        var largest: Nanoseconds
    }

    /// The buckets of values recorded and not yet added, with the largest of those values: 128 bytes,
    /// two cache lines (a batch of 12 in one line took 7% more time on the 1,000-breaker fleet).
    private struct Batch {
        static let capacity = 28
        var buckets:
            (
                UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
                UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
                UInt32, UInt32, UInt32, UInt32, UInt32, UInt32
            )
        var used: Int32
        var largest: Nanoseconds

        static let empty = Batch(
            buckets: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
            used: 0, largest: 0)
    }

    /// A dense histogram's blocks: `base` counts the flat buckets `low ..< high` (from 2,048 up), of
    /// which the header's span is the part in use; `small` counts the values below 2,048 ns.
    private struct Room {
        var base: UnsafeMutablePointer<UInt32>?
        var low: UInt32
        var high: UInt32
        /// The counts below 2,048 ns (the first power of two's 2,048 buckets), apart.
        var small: UnsafeMutablePointer<UInt32>?
    }

    /// A sparse histogram's table: `capacity` (a power of two) slots, each `(bucket + 1) << 32 |
    /// count`, 0 when free, `used` of them taken; `entries` is nil once the histogram is dense (or for
    /// one that starts dense).
    private struct SparseTable {
        var entries: UnsafeMutablePointer<UInt64>?
        var capacity: UInt32
        var used: UInt32
    }

    /// Flat buckets of six powers of two: the room a dense block keeps on the side it grows.
    private static let margin: UInt32 = 6 * 1024
    /// One past the last flat bucket (octave 52 holds values up to 2^63).
    private static let flatLimit: UInt32 = 54 * 1024

    /// Entries of a new sparse table.
    private static let firstCapacity: UInt32 = 16
    /// Buckets used beyond which a histogram turns dense (its table then holds 4 KB).
    static let sparseLimit: UInt32 = 384

    /// Histograms in a bank beyond which they start sparse: a few hundred dense histograms fit in
    /// memory and cache, and the sparse table's hashing costs instructions (fleet.json's 240 breakers:
    /// +25%) that only a large fleet earns back in cache misses.
    static let sparseFrom = 1024

    /// Histograms in a bank beyond which they record in batches.
    ///
    /// 64 histograms of six powers of two each (24 KB) no longer fit in a core's 1 MB second-level
    /// cache. fleet.json's 240 breakers took 0.75 times the time with batches, the 1,000-breaker fleet
    /// 0.62 times; flaky.json's 28 gained nothing in time, for 2% more instructions.
    static let batchFrom = 64

    /// `count` empty histograms, sparse to begin with when `sparseFirst` (by default when there are
    /// more than ``sparseFrom``), recording in batches when `batched` (by default when there are more
    /// than ``batchFrom``).
    init(count: Int, sparseFirst: Bool? = nil, batched: Bool? = nil) {
        let sparseFirst = sparseFirst ?? (count > Self.sparseFrom)
        let batched = batched ?? (count > Self.batchFrom)
        self.count = count
        if batched {
            let batches = UnsafeMutableRawPointer.allocate(
                byteCount: max(1, count) * MemoryLayout<Batch>.stride, alignment: 64
            ).bindMemory(to: Batch.self, capacity: max(1, count))
            batches.initialize(repeating: .empty, count: count)
            self.batches = batches
        } else {
            batches = nil
        }
        arena = .allocate(capacity: 1)
        arena.initialize(to: Arena())
        // Aligned to a cache line: a 32-byte header never straddles two.
        headers = UnsafeMutableRawPointer.allocate(
            byteCount: max(1, count) * MemoryLayout<Header>.stride, alignment: 64
        ).bindMemory(to: Header.self, capacity: max(1, count))
        headers.initialize(repeating: Header(dense: nil, low: 0, span: 0, count: 0, largest: 0), count: count)
        rooms = .allocate(capacity: max(1, count))
        rooms.initialize(repeating: Room(base: nil, low: 0, high: 0, small: nil), count: count)
        tables = .allocate(capacity: max(1, count))
        for index in 0..<count {
            guard sparseFirst else {
                (tables + index).initialize(to: SparseTable(entries: nil, capacity: 0, used: 0))
                continue
            }
            let entries = UnsafeMutablePointer<UInt64>.allocate(capacity: Int(Self.firstCapacity))
            entries.initialize(repeating: 0, count: Int(Self.firstCapacity))
            (tables + index).initialize(
                to: SparseTable(entries: entries, capacity: Self.firstCapacity, used: 0))
        }
    }

    deinit {
        for index in 0..<count { tables[index].entries?.deallocate() }
        tables.deallocate()
        rooms.deallocate()
        for block in arena.pointee.blocks { free(block) }
        arena.deinitialize(count: 1)
        arena.deallocate()
        UnsafeMutableRawPointer(headers).deallocate()
        if let batches { UnsafeMutableRawPointer(batches).deallocate() }
    }

    /// Whether histogram `index` is in the dense layout (for tests).
    func isDense(_ index: Int) -> Bool {
        flush(index)
        return headers[index].dense != nil
    }

    /// Adds `latency` (a negative one counts as zero) to histogram `index`.
    @inline(__always)
    func record(_ latency: Nanoseconds, in index: Int) {
        let flat = Self.flatBucket(of: UInt64(max(0, latency)))
        guard let batches else {
            add(flat, in: index)
            let header = headers + index
            header.pointee.count &+= 1
            if latency > header.pointee.largest { header.pointee.largest = latency }
            return
        }
        let batch = batches + index
        let used = Int(batch.pointee.used)
        withUnsafeMutableBytes(of: &batch.pointee.buckets) { buckets in
            buckets.storeBytes(of: flat, toByteOffset: used * MemoryLayout<UInt32>.stride, as: UInt32.self)
        }
        if latency > batch.pointee.largest { batch.pointee.largest = latency }
        if used + 1 < Batch.capacity {
            batch.pointee.used = Int32(used + 1)
        } else {
            batch.pointee.used = Int32(Batch.capacity)
            flush(index)
        }
    }

    /// Adds the batch of histogram `index` to its counts.
    private func flush(_ index: Int) {
        guard let batch = batches.map({ $0 + index }), batch.pointee.used > 0 else { return }
        let used = Int(batch.pointee.used)
        withUnsafeBytes(of: batch.pointee.buckets) { buckets in
            for position in 0..<used {
                add(
                    buckets.load(fromByteOffset: position * MemoryLayout<UInt32>.stride, as: UInt32.self),
                    in: index)
            }
        }
        let header = headers + index
        header.pointee.count &+= used
        if batch.pointee.largest > header.pointee.largest { header.pointee.largest = batch.pointee.largest }
        batch.pointee.used = 0
        batch.pointee.largest = 0
    }

    /// Counts one value in flat bucket `flat` of histogram `index` (not its count or largest value).
    @inline(__always)
    private func add(_ flat: UInt32, in index: Int) {
        let header = headers + index
        // One unsigned comparison: inside the dense block (a sparse histogram's block is empty).
        let offset = flat &- header.pointee.low
        if offset < header.pointee.span {
            header.pointee.dense.unsafelyUnwrapped[Int(offset)] &+= 1
        } else {
            recordSlowly(flat, in: index)
        }
    }

    /// One number for the bucket of any power of two that counts `value`: octave 0's 2,048 buckets are
    /// 0 ..< 2048, octave k's 1,024 are 1024 (k + 1) ..< 1024 (k + 2).
    @inline(__always)
    private static func flatBucket(of value: UInt64) -> UInt32 {
        guard value >= 2048 else { return UInt32(value) }
        // Octave k ≥ 1 holds 2^(k+10) ..< 2^(k+11) in buckets of 2^k: its flat buckets start at
        // 1024 (k + 1), and value >> k is 1024 + the bucket.
        let octave = UInt64(53 - value.leadingZeroBitCount)
        return UInt32(truncatingIfNeeded: octave << 10 + value >> octave)
    }

    private static func position(ofFlat flat: UInt32) -> (octave: Int, bucket: Int) {
        let value = Int(flat)
        if value < 2048 { return (0, value) }
        return (value / 1024 - 1, value % 1024)
    }

    /// The flat buckets of the power of two that holds `flat`.
    private static func octaveRange(of flat: UInt32) -> Range<UInt32> {
        flat < 2048 ? 0..<2048 : (flat / 1024 * 1024)..<(flat / 1024 * 1024 + 1024)
    }

    @inline(__always)
    private static func slot(of key: UInt64, capacity: UInt32) -> Int {
        // Fibonacci hashing: the top bits of the product, as many as the capacity needs.
        let shift = UInt64(64 - (UInt32.bitWidth - 1 - capacity.leadingZeroBitCount))
        return Int((key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    private func recordSlowly(_ flat: UInt32, in index: Int) {
        guard let entries = tables[index].entries else {
            // Dense, and outside its powers of two.
            addDense(flat, count: 1, in: index)
            return
        }
        let key = UInt64(flat) + 1
        let capacity = tables[index].capacity
        let mask = Int(capacity - 1)
        var position = Self.slot(of: key, capacity: capacity)
        while true {
            let entry = entries[position]
            if entry >> 32 == key {
                entries[position] = entry &+ 1
                return
            }
            if entry == 0 { break }
            position = (position + 1) & mask
        }
        // A bucket not seen before: room for it first (the table stays at most three quarters full).
        let used = tables[index].used + 1
        if used > Self.sparseLimit {
            makeDense(index)
            addDense(flat, count: 1, in: index)
        } else if used * 4 > capacity * 3 {
            grow(index)
            insertNew(key: key, count: 1, in: index)
        } else {
            entries[position] = key << 32 | 1
            tables[index].used = used
        }
    }

    /// Puts a key known to be absent into histogram `index`'s table, which has room for it.
    private func insertNew(key: UInt64, count: UInt64, in index: Int) {
        let entries = tables[index].entries.unsafelyUnwrapped
        let capacity = tables[index].capacity
        var position = Self.slot(of: key, capacity: capacity)
        while entries[position] != 0 { position = (position + 1) & Int(capacity - 1) }
        entries[position] = key << 32 | count
        tables[index].used += 1
    }

    private func grow(_ index: Int) {
        let old = tables[index]
        let capacity = old.capacity * 2
        let entries = UnsafeMutablePointer<UInt64>.allocate(capacity: Int(capacity))
        entries.initialize(repeating: 0, count: Int(capacity))
        tables[index].entries = entries
        tables[index].capacity = capacity
        tables[index].used = 0
        for position in 0..<Int(old.capacity) {
            let entry = old.entries.unsafelyUnwrapped[position]
            if entry != 0 { insertNew(key: entry >> 32, count: entry & 0xFFFF_FFFF, in: index) }
        }
        old.entries?.deallocate()
    }

    private func makeDense(_ index: Int) {
        let old = tables[index]
        tables[index] = SparseTable(entries: nil, capacity: 0, used: 0)
        for position in 0..<Int(old.capacity) {
            let entry = old.entries.unsafelyUnwrapped[position]
            if entry != 0 {
                addDense(UInt32(entry >> 32 - 1), count: UInt32(truncatingIfNeeded: entry), in: index)
            }
        }
        old.entries?.deallocate()
    }

    /// Adds to a dense histogram's bucket, first widening what it uses to the bucket's power of two
    /// (within its block's room, or in a new block).
    private func addDense(_ flat: UInt32, count: UInt32, in index: Int) {
        if flat < 2048 {
            // Below 2,048 ns (calls answered at once: a fail-fast service) in a block of its own, so
            // that the block of the powers of two above has no gap of untouched pages up to them.
            if rooms[index].small == nil { rooms[index].small = arena.pointee.take(2048) }
            rooms[index].small.unsafelyUnwrapped[Int(flat)] &+= count
            return
        }
        let header = headers[index]
        let octave = Self.octaveRange(of: flat)
        let used = header.dense == nil ? octave : header.low..<(header.low + header.span)
        let low = min(used.lowerBound, octave.lowerBound)
        let high = max(used.upperBound, octave.upperBound)
        var room = rooms[index]
        if room.base == nil || low < room.low || high > room.high {
            // A new block, with room for more powers of two than needed on both sides, so that a
            // histogram's counts move once or twice in a run, not for each new power of two; the room
            // costs address space only, as the arena's pages are zero until touched.
            let below = low >= Self.margin + 2048 ? low - Self.margin : 2048
            let above = min(high + Self.margin, Self.flatLimit)
            let base = arena.pointee.take(Int(above - below))
            if let old = header.dense {
                // The counts move, a power of two at a time and only those with counts, so that the
                // new block's pages for powers of two in between stay untouched; the old block's
                // memory is not reused (a histogram widens rarely).
                var flat = header.low
                while flat < header.low + header.span {
                    let counts = old + Int(flat - header.low)
                    if UnsafeBufferPointer(start: counts, count: 1024).contains(where: { $0 != 0 }) {
                        (base + Int(flat - below)).update(from: counts, count: 1024)
                    }
                    flat += 1024
                }
            }
            room = Room(base: base, low: below, high: above, small: room.small)
            rooms[index] = room
        }
        // Only the powers of two in use are in the header's span, so that reading the histogram never
        // touches the room's pages.
        let dense = room.base.unsafelyUnwrapped + Int(low - room.low)
        headers[index].dense = dense
        headers[index].low = low
        headers[index].span = high - low
        dense[Int(flat - low)] &+= count
    }

    /// Histogram `index` as a value (its batch added first).
    subscript(index: Int) -> LatencyHistogram {
        flush(index)
        var histogram = LatencyHistogram()
        func set(_ flat: UInt32, _ value: UInt64) {
            let (octave, bucket) = Self.position(ofFlat: flat)
            if octave >= histogram.octaves.count || histogram.octaves[octave].isEmpty {
                histogram.grow(to: octave)
            }
            histogram.octaves[octave][bucket] = value
        }
        let header = headers[index]
        if let entries = tables[index].entries {
            for position in 0..<Int(tables[index].capacity) where entries[position] != 0 {
                set(UInt32(entries[position] >> 32 - 1), entries[position] & 0xFFFF_FFFF)
            }
        } else {
            if let small = rooms[index].small {
                histogram.grow(to: 0)
                histogram.octaves[0] = UnsafeBufferPointer(start: small, count: 2048).map(UInt64.init)
            }
            if let dense = header.dense {
                // Whole powers of two at a time (of 1,024 buckets: the span starts above the first).
                var flat = header.low
                while flat < header.low + header.span {
                    let buckets = UnsafeBufferPointer(start: dense + Int(flat - header.low), count: 1024)
                    if buckets.contains(where: { $0 != 0 }) {
                        let octave = Self.position(ofFlat: flat).octave
                        histogram.grow(to: octave)
                        histogram.octaves[octave] = buckets.map(UInt64.init)
                    }
                    flat += 1024
                }
            }
        }
        histogram.count = header.count
        histogram.largest = header.largest
        return histogram
    }
}
