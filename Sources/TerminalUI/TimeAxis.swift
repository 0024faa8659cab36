import BreakerSimulation

/// The one time axis every series on screen shares: which samples each column shows.
///
/// Cells are aligned to the start of the run (cell `c` holds samples `c·k ..< (c+1)·k` for `k` samples
/// per cell), so a phase that starts at time `t` is in the same column in the service band, the caller
/// panel and every breaker timeline. Until the run fills the width the axis starts at the left edge
/// with the run's start; then the newest cell stays at the right edge and older cells scroll off.
struct TimeAxis {
    let samplesPerCell: Int
    let width: Int
    /// The cell shown in column 0.
    let firstCell: Int
    /// Samples observed so far.
    let samples: Int
    /// Virtual time between samples.
    let sampleEvery: Nanoseconds

    init(state: DashboardState, width: Int) {
        samplesPerCell = max(1, state.samplesPerCell)
        self.width = max(0, width)
        samples = state.samples
        sampleEvery = max(1, state.scenario.sampleEvery)
        let newest = samples == 0 ? 0 : (samples - 1) / samplesPerCell
        firstCell = max(0, newest - self.width + 1)
    }

    /// The samples shown in column `x` (empty when it is past the newest sample).
    func samples(column x: Int) -> Range<Int> {
        let start = (firstCell + x) * samplesPerCell
        return start..<max(start, min(samples, start + samplesPerCell))
    }

    /// The column that shows sample `index`, if it is on screen.
    func column(ofSample index: Int) -> Int? {
        let column = index / samplesPerCell - firstCell
        return (0..<width).contains(column) ? column : nil
    }

    /// The column whose cell holds virtual time `time` (the sample during which it happens).
    func column(ofTime time: Nanoseconds) -> Int? {
        guard time >= 0 else { return nil }
        return column(ofSample: Int(time / sampleEvery))
    }

    /// Virtual time one cell covers.
    var cellDuration: Nanoseconds { sampleEvery * Nanoseconds(samplesPerCell) }

    /// One merged mark per column of a series (`nil` for a column with no sample kept).
    func cells<Mark>(_ ring: Ring<Mark>, merge: (inout Mark, Mark) -> Void) -> [Mark?] {
        (0..<width).map { x in
            var merged: Mark?
            for index in samples(column: x) {
                guard let mark = ring[appended: index] else { continue }
                if merged == nil { merged = mark } else { merge(&merged!, mark) }
            }
            return merged
        }
    }
}
