import Histogram

/// Latencies in nanoseconds, kept to 3 significant digits from 1 ns up (HdrHistogram).
///
/// Its memory grows with the largest latency recorded (about 170 KB for a second), never with the
/// number of values, and only while it warms up: once the largest latency has been seen, recording
/// allocates nothing.
public struct LatencyHistogram: Sendable {
    private var histogram = Histogram<UInt64>(numberOfSignificantValueDigits: .three)

    /// Empty.
    public init() {}

    /// Values recorded.
    public var count: Int { Int(histogram.totalCount) }

    /// Adds one latency; a negative one counts as zero.
    @inline(__always)
    public mutating func record(_ latency: Nanoseconds) {
        histogram.record(UInt64(max(0, latency)))
    }

    /// Adds every value of `other`.
    public mutating func add(_ other: LatencyHistogram) {
        histogram.add(other.histogram)
    }

    /// The latency at or below which `percentile` per cent of the values fall (the highest value
    /// equivalent to it at the histogram's precision, never above the largest value recorded).
    public func value(atPercentile percentile: Double) -> Nanoseconds {
        Nanoseconds(histogram.valueAtPercentile(percentile))
    }

    /// The percentiles the outputs show, or `nil` when nothing was recorded.
    public var summary: LatencySummary? {
        guard histogram.totalCount > 0 else { return nil }
        return LatencySummary(
            count: count, p50: value(atPercentile: 50), p90: value(atPercentile: 90),
            p99: value(atPercentile: 99), p999: value(atPercentile: 99.9),
            max: Nanoseconds(histogram.maxRecorded))
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
    /// The largest latency recorded (to the histogram's precision).
    public var max: Nanoseconds
}
