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
/// uniqueness or bounds checks, and allocates only the first time a power of two is reached.
struct HistogramBank: ~Copyable {
    /// Powers of two a latency can fall in (values up to 2^63 ns).
    private static let octaves = 54
    private let count: Int
    /// `chunks[h * octaves + k]`: histogram h's buckets for power of two k, or nil.
    ///
    /// Counts are 32-bit here (half the memory, so more of them stay in cache): one bucket would need
    /// more calls than the 2 × 10⁹ a scenario may simulate in all to overflow.
    private let chunks: UnsafeMutablePointer<UnsafeMutablePointer<UInt32>?>
    private let counts: UnsafeMutablePointer<Int>
    private let largest: UnsafeMutablePointer<Nanoseconds>
    /// Where chunks come from: zeroed blocks of ``blockBuckets`` counts from `calloc`, so that the
    /// system hands out zero pages only as they are touched and chunks of one histogram lie together.
    private let arena: UnsafeMutablePointer<Arena>

    private struct Arena {
        var blocks: [UnsafeMutableRawPointer] = []
        var next: UnsafeMutablePointer<UInt32>?
        var left = 0
    }

    private static let blockBuckets = 256 * 1024

    init(count: Int) {
        self.count = count
        chunks = .allocate(capacity: max(1, count * Self.octaves))
        chunks.initialize(repeating: nil, count: count * Self.octaves)
        counts = .allocate(capacity: max(1, count))
        counts.initialize(repeating: 0, count: count)
        largest = .allocate(capacity: max(1, count))
        largest.initialize(repeating: 0, count: count)
        arena = .allocate(capacity: 1)
        arena.initialize(to: Arena())
    }

    deinit {
        for block in arena.pointee.blocks { free(block) }
        arena.deinitialize(count: 1)
        arena.deallocate()
        chunks.deallocate()
        counts.deallocate()
        largest.deallocate()
    }

    /// Adds `latency` (a negative one counts as zero) to histogram `index`.
    @inline(__always)
    func record(_ latency: Nanoseconds, in index: Int) {
        let (octave, bucket) = LatencyHistogram.position(of: UInt64(max(0, latency)))
        let slot = chunks + index * Self.octaves + octave
        if slot.pointee == nil { allocate(slot, octave: octave) }
        slot.pointee.unsafelyUnwrapped[bucket] &+= 1
        counts[index] &+= 1
        if latency > largest[index] { largest[index] = latency }
    }

    private func allocate(_ slot: UnsafeMutablePointer<UnsafeMutablePointer<UInt32>?>, octave: Int) {
        let size = octave == 0 ? 2048 : 1024
        if arena.pointee.left < size {
            guard let block = calloc(Self.blockBuckets, MemoryLayout<UInt32>.stride) else {
                fatalError("out of memory for latency histograms")
            }
            arena.pointee.blocks.append(block)
            arena.pointee.next = block.bindMemory(to: UInt32.self, capacity: Self.blockBuckets)
            arena.pointee.left = Self.blockBuckets
        }
        slot.pointee = arena.pointee.next
        arena.pointee.next = arena.pointee.next.unsafelyUnwrapped + size
        arena.pointee.left -= size
    }

    /// Histogram `index` as a value.
    subscript(index: Int) -> LatencyHistogram {
        var histogram = LatencyHistogram()
        for octave in 0..<Self.octaves {
            guard let buckets = chunks[index * Self.octaves + octave] else { continue }
            histogram.grow(to: octave)
            let size = octave == 0 ? 2048 : 1024
            histogram.octaves[octave] = UnsafeBufferPointer(start: buckets, count: size).map(UInt64.init)
        }
        histogram.count = counts[index]
        histogram.largest = largest[index]
        return histogram
    }
}
