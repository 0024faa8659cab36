/// Latencies of one sampling interval, for a live view: a coarse log-scale histogram per series.
///
/// Each octave from 1 µs up is split into four buckets (the first stands for zero), so a percentile it reports is within 12% of the
/// true value (the whole-run figures come from ``LatencyHistogram``, which is exact to 3 digits).
/// Recording is a few instructions and allocates nothing; the bank is emptied after every sample.
struct IntervalLatencyBank: ~Copyable {
    /// Buckets per series: 4 per octave from 2¹⁰ ns (about 1 µs) to 2⁴² ns (about 73 minutes).
    static let bucketCount = 128
    private let counts: UnsafeMutableBufferPointer<UInt32>
    /// Number of series.
    let count: Int

    init(count: Int) {
        self.count = count
        counts = .allocate(capacity: max(1, count) * Self.bucketCount)
        counts.initialize(repeating: 0)
    }

    deinit { counts.deallocate() }

    @inline(__always)
    static func bucket(_ value: Nanoseconds) -> Int {
        // Bucket 0 holds everything under 1.25 µs, and stands for 0 (calls a breaker or a fail-fast
        // service ends at once).
        let v = UInt64(max(1024, value))
        let octave = 63 - v.leadingZeroBitCount
        let sub = Int((v >> UInt64(octave - 2)) & 3)
        return min(bucketCount - 1, (octave - 10) * 4 + sub)
    }

    /// The value a bucket stands for: its middle.
    static func value(ofBucket bucket: Int) -> Nanoseconds {
        if bucket == 0 { return 0 }
        let octave = bucket / 4 + 10
        let sub = bucket % 4
        let low = Int64(4 + sub) << Int64(octave - 2)
        return low + (Int64(1) << Int64(octave - 2)) / 2
    }

    @inline(__always)
    func record(_ value: Nanoseconds, in series: Int) {
        counts[series * Self.bucketCount + Self.bucket(value)] &+= 1
    }

    /// Empties every series.
    func reset() {
        counts.update(repeating: 0)
    }

    /// What series `index` recorded since the last reset.
    func summary(_ index: Int) -> IntervalLatency {
        let base = index * Self.bucketCount
        var total = 0
        for bucket in 0..<Self.bucketCount { total += Int(counts[base + bucket]) }
        guard total > 0 else { return IntervalLatency() }
        let p50Rank = (total + 1) / 2
        let p99Rank = max(1, Int((Double(total) * 0.99).rounded(.up)))
        var seen = 0
        var result = IntervalLatency(count: total)
        for bucket in 0..<Self.bucketCount where counts[base + bucket] > 0 {
            let before = seen
            seen += Int(counts[base + bucket])
            let value = Self.value(ofBucket: bucket)
            if before < p50Rank && seen >= p50Rank { result.p50 = value }
            if before < p99Rank && seen >= p99Rank { result.p99 = value }
            result.max = value
        }
        return result
    }
}

/// Latencies of one sampling interval: how many, and about how long (within 12%).
public struct IntervalLatency: Sendable, Equatable {
    /// Values recorded in the interval.
    public var count = 0
    /// The median, in nanoseconds; `nil` when nothing was recorded.
    public var p50: Nanoseconds?
    /// The 99th percentile, in nanoseconds; `nil` when nothing was recorded.
    public var p99: Nanoseconds?
    /// The largest value, in nanoseconds; `nil` when nothing was recorded.
    public var max: Nanoseconds?

    /// Nothing recorded.
    public init(count: Int = 0) { self.count = count }
}
