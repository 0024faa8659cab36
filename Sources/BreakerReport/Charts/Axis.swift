import BreakerSimulation

/// Maps a data interval onto a drawing interval, linearly (`r0` may be greater than `r1`: y grows down).
struct LinearScale: Sendable {
    var d0: Double
    var d1: Double
    var r0: Double
    var r1: Double

    func callAsFunction(_ value: Double) -> Double {
        guard d1 != d0 else { return r0 }
        return r0 + (value - d0) / (d1 - d0) * (r1 - r0)
    }
}

/// Round tick values for an axis: steps of 1, 2, 2.5 or 5 × 10ⁿ, from 0 (or a round number below the
/// smallest value) to a round number at or above the largest.
struct NiceTicks: Sendable, Equatable {
    /// The axis' start (≤ the minimum, a multiple of `step`).
    var bottom: Double
    /// The axis' end (≥ the maximum, a multiple of `step`).
    var top: Double
    var step: Double

    init(upTo maximum: Double, count: Int = 5) {
        self.init(from: 0, to: maximum, count: count)
    }

    init(from minimum: Double, to maximum: Double, count: Int = 5) {
        let low = minimum.isFinite ? minimum : 0
        var high = maximum.isFinite ? maximum : 1
        if high <= low { high = low + (low == 0 ? 1 : abs(low) * 0.1) }
        let rough = (high - low) / Double(max(1, count))
        var magnitude = 1.0
        while magnitude * 10 <= rough { magnitude *= 10 }
        while magnitude > rough { magnitude /= 10 }
        let step = [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        self.step = step
        var bottom = 0.0
        if low < 0 {
            while bottom > low + step * 1e-9 { bottom -= step }
        } else {
            while bottom + step <= low + step * 1e-9 { bottom += step }
        }
        self.bottom = bottom
        var top = bottom + step
        while top < high - step * 1e-9 { top += step }
        self.top = top
    }

    var values: [Double] {
        var values: [Double] = []
        var index = 0.0
        while bottom + index * step <= top + step * 1e-9 {
            values.append(bottom + index * step)
            index += 1
        }
        return values
    }

    /// Decimals that tell the ticks apart.
    var decimals: Int {
        var decimals = 0
        var scaled = step
        while decimals < 6 && (scaled - scaled.rounded()).magnitude > 1e-9 {
            scaled *= 10
            decimals += 1
        }
        return decimals
    }

    /// A tick's label: `0`, `250`, `1.5`, `12k`, `2.5M`.
    func label(_ value: Double) -> String {
        if value == 0 { return "0" }
        if top >= 10_000 {
            let thousands = NiceTicks(upTo: top / 1000, count: 1)
            if top >= 10_000_000 { return formatFixed(value / 1e6, decimals: max(0, decimals - 6)) + "M" }
            return formatFixed(value / 1000, decimals: max(thousands.decimals, decimals - 3)) + "k"
        }
        return formatFixed(value, decimals: decimals)
    }
}

/// Ticks for a time axis from 0 to `span`: whole seconds, minutes or hours, at most about 10 of them.
func timeTicks(span: Nanoseconds) -> [Nanoseconds] {
    let second: Nanoseconds = 1_000_000_000
    let steps: [Nanoseconds] = [
        1_000_000, 2_000_000, 5_000_000, 10_000_000, 20_000_000, 50_000_000, 100_000_000, 200_000_000,
        500_000_000, second, 2 * second, 5 * second, 10 * second, 15 * second, 30 * second, 60 * second,
        120 * second, 300 * second, 600 * second, 900 * second, 1800 * second, 3600 * second,
        7200 * second, 10_800 * second, 21_600 * second, 43_200 * second, 86_400 * second,
    ]
    let step = steps.first { span / $0 <= 10 } ?? max(1, span / 10)
    return Array(stride(from: Nanoseconds(0), through: span, by: Int(step)))
}
