#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A latency distribution prepared for fast sampling.
struct LatencySampler: Sendable {
    private enum Kind: Sendable {
        case constant(Nanoseconds)
        case uniform(min: Nanoseconds, span: UInt64)
        case exponential(mean: Double)
        case lognormal(mu: Double, sigma: Double)
    }

    private let kind: Kind

    /// The 99th percentile of the standard normal distribution.
    private static let z99 = 2.326_347_874_040_841

    init(_ distribution: LatencyDistribution) {
        switch distribution {
        case .constant(let value):
            kind = .constant(value)
        case .uniform(let min, let max):
            kind = .uniform(min: min, span: UInt64(max - min) + 1)
        case .exponential(let mean):
            kind = .exponential(mean: Double(mean))
        case .lognormal(let p50, let p99):
            let mu = log(Double(p50))
            kind = .lognormal(mu: mu, sigma: (log(Double(p99)) - mu) / Self.z99)
        }
    }

    @inline(__always)
    func sample(_ random: inout RandomStream) -> Nanoseconds {
        switch kind {
        case .constant(let value):
            return value
        case .uniform(let min, let span):
            return min + Nanoseconds(random.below(span))
        case .exponential(let mean):
            return Self.clamp(random.exponential(mean: mean))
        case .lognormal(let mu, let sigma):
            let exponent = mu + sigma * random.standardNormal()
            // Beyond e^30 ns (3 hours) the clamp's hour applies anyway; below e^-40 it is zero.
            if exponent > 30 { return Self.clamp(.infinity) }
            return exponent < -40 ? 0 : Self.clamp(PortableExp.exp(exponent))
        }
    }

    private static func clamp(_ value: Double) -> Nanoseconds {
        // An hour is far beyond any timeout; it keeps the conversion safe for extreme tails.
        nanoseconds(min(max(value, 0), 3.6e12))
    }
}
