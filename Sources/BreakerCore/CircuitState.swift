/// The three states of a circuit breaker.
public enum CircuitState: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Calls pass through; failures are counted.
    case closed
    /// Calls are rejected without running until the retry timer elapses.
    case open
    /// The retry timer has elapsed: a limited number of probe calls decide between closed and open.
    case halfOpen

    /// The state in lower case, as logs and messages print it: "closed", "open", "half-open".
    public var description: String {
        switch self {
        case .closed: "closed"
        case .open: "open"
        case .halfOpen: "half-open"
        }
    }
}

/// How a finished call counts for the breaker.
public enum CallOutcome: Sendable, Hashable {
    /// The call worked: it resets the failure count, and a probe success closes the breaker.
    case success
    /// The call failed: it counts toward opening, and a probe failure reopens the breaker.
    case failure
    /// Neither (an allowed error, a cancellation): no count changes and a probe slot is freed.
    case ignored
}

/// Why the breaker changed state.
public enum TransitionReason: Sendable, Hashable, CustomStringConvertible {
    /// Enough failures while closed: consecutive ones, or the failed share of the policy's window.
    case failureThreshold
    /// The retry timer elapsed and a call arrived: it becomes the probe.
    case retryTimerElapsed
    /// A probe succeeded.
    case probeSucceeded
    /// A probe failed.
    case probeFailed
    /// A probe did not report within the probe timeout; a call found it so and the breaker reopened.
    case probeTimedOut
    /// `forceOpen()` was called.
    case forcedOpen
    /// `reset()` was called.
    case reset

    /// The reason in words, as logs print it.
    public var description: String {
        switch self {
        case .failureThreshold: "failure threshold reached"
        case .retryTimerElapsed: "retry timer elapsed"
        case .probeSucceeded: "probe succeeded"
        case .probeFailed: "probe failed"
        case .probeTimedOut: "probe timed out"
        case .forcedOpen: "forced open"
        case .reset: "reset"
        }
    }
}
