#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The simulator's random numbers: xoshiro256** seeded through SplitMix64.
///
/// Every sample is derived from raw `UInt64`s by formulas in this file, never by the standard
/// library's `random(in:using:)`, whose algorithm may change between releases: the same scenario
/// and seed give the same run on every toolchain.
public struct RandomStream: Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// Derives an independent stream from the run's seed, a stream kind and an index.
    ///
    /// Each service and each client instance owns one stream, so adding a client does not change the
    /// random draws of another.
    public init(seed: UInt64, kind: UInt64, index: UInt64) {
        var mixer = SplitMix64(seed: seed)
        var key = SplitMix64(
            seed: mixer.next() ^ (kind &* 0xD1B5_4A32_D192_ED03) ^ (index &* 0x8CB9_2BA7_2F3D_8DD7))
        s0 = key.next()
        s1 = key.next()
        s2 = key.next()
        s3 = key.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    /// The next 64 random bits (xoshiro256**).
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// `x` rotated left by `k` bits (`k` in 1 … 63): masking shifts, which compile to one `rol`, where
    /// the checked `<<` and `>>` handle every shift count in branches.
    @inlinable @inline(__always) func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x &<< k) | (x &>> (64 &- k))
    }

    /// A uniform double in [0, 1) from the top 53 bits.
    @inlinable @inline(__always)
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// `true` with probability `p`.
    @inlinable @inline(__always)
    public mutating func chance(_ p: Double) -> Bool {
        if p <= 0 { return false }
        if p >= 1 { return true }
        return unit() < p
    }

    /// An exponential sample with the given mean.
    @inlinable
    public mutating func exponential(mean: Double) -> Double {
        standardExponential() * mean
    }

    /// A uniform integer in `0..<bound` (Lemire's method, unbiased).
    @inlinable
    public mutating func below(_ bound: UInt64) -> UInt64 {
        precondition(bound > 0)
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return m.high
    }

    /// A standard normal sample.
    @inlinable
    public mutating func standardNormal() -> Double {
        standardNormalZiggurat()
    }
}
