import BreakerSimulation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A one-line progress indicator on stderr, shown only on a terminal and only for runs that take a while.
final class Progress: @unchecked Sendable {
    // Checked by hand: `update` and `finish` are only called from one thread at a time (the run loop,
    // or a sweep's worker holding the lock on the results), never concurrently.
    private let enabled: Bool
    private let total: Nanoseconds
    private let unit: String
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var lastDrawn: ContinuousClock.Instant
    private var drawn = false

    init(enabled: Bool, total: Nanoseconds, unit: String = "") {
        self.enabled = enabled
        self.total = total
        self.unit = unit
        started = clock.now
        lastDrawn = started
    }

    func update(simulated: Nanoseconds, calls: Int) {
        guard enabled else { return }
        let now = clock.now
        // Quiet for short runs; then at most five redraws a second.
        guard started.duration(to: now) > .milliseconds(300), lastDrawn.duration(to: now) > .milliseconds(200)
        else { return }
        lastDrawn = now
        drawn = true
        let percent = total > 0 ? Int(Double(simulated) / Double(total) * 100) : 100
        writeStandardError(
            "\r\u{1B}[Ksimulating… \(percent)% (\(formatDuration(simulated)) of \(formatDuration(total)), \(calls) calls)"
        )
    }

    /// Counts of finished work (a sweep's runs), with an estimate of the time left.
    func update(done: Int, of total: Int) {
        guard enabled else { return }
        let now = clock.now
        guard lastDrawn.duration(to: now) > .milliseconds(200) || done == total else { return }
        lastDrawn = now
        drawn = true
        let elapsed = started.duration(to: now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let left = done > 0 ? seconds / Double(done) * Double(total - done) : 0
        writeStandardError("\r\u{1B}[Ksweep: \(done)/\(total) \(unit), about \(Int(left.rounded()))s left")
    }

    func finish() {
        if drawn { writeStandardError("\r\u{1B}[K") }
    }
}
