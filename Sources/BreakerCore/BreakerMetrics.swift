public import CoreMetrics

/// The breaker's metrics, made once at creation so that a call only increments.
///
/// - `circuit_breaker_calls` (`name`, `outcome`: `success`, `failure`, `ignored`, `rejected`)
/// - `circuit_breaker_state` (`name`): 0 closed, 1 half-open, 2 open
/// - `circuit_breaker_transitions` (`name`, `to`: `closed`, `open`, `half_open`)
/// - `circuit_breaker_slow_calls` (`name`): successes slower than the slow-call duration, which the
///   breaker counted as failures (`circuit_breaker_calls` counts them as successes: what they were)
@usableFromInline
struct BreakerMetrics: Sendable {
    @usableFromInline let succeeded: Counter
    @usableFromInline let failed: Counter
    @usableFromInline let ignored: Counter
    @usableFromInline let rejected: Counter
    @usableFromInline let slow: Counter
    let state: Gauge
    let toClosed: Counter
    let toOpen: Counter
    let toHalfOpen: Counter

    /// The metrics for breaker `name`, or `nil` when `factory` is swift-metrics' no-op factory (the
    /// default before an application bootstraps a backend): then a call pays one branch, not four
    /// dynamic calls that do nothing.
    init?(name: String, factory: any MetricsFactory) {
        guard !(factory is NOOPMetricsHandler) else { return nil }
        func calls(_ outcome: String) -> Counter {
            Counter(
                label: "circuit_breaker_calls", dimensions: [("name", name), ("outcome", outcome)],
                factory: factory)
        }
        func transitions(_ state: String) -> Counter {
            Counter(
                label: "circuit_breaker_transitions", dimensions: [("name", name), ("to", state)],
                factory: factory)
        }
        succeeded = calls("success")
        failed = calls("failure")
        ignored = calls("ignored")
        rejected = calls("rejected")
        slow = Counter(label: "circuit_breaker_slow_calls", dimensions: [("name", name)], factory: factory)
        state = Gauge(label: "circuit_breaker_state", dimensions: [("name", name)], factory: factory)
        toClosed = transitions("closed")
        toOpen = transitions("open")
        toHalfOpen = transitions("half_open")
        state.record(0)
    }

    /// Counts a finished call.
    @inlinable
    func record(_ outcome: CallOutcome) {
        switch outcome {
        case .success: succeeded.increment()
        case .failure: failed.increment()
        case .ignored: ignored.increment()
        }
    }

    /// Counts a transition and sets the state gauge.
    func transitioned(to state: CircuitState) {
        switch state {
        case .closed:
            toClosed.increment()
            self.state.record(0)
        case .halfOpen:
            toHalfOpen.increment()
            self.state.record(1)
        case .open:
            toOpen.increment()
            self.state.record(2)
        }
    }
}
