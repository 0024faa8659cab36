/// Thrown by `CircuitBreaker.run` instead of running the operation when the breaker does
/// not permit the call.
public struct CircuitOpenError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Name of the breaker that rejected the call.
    public var name: String
    /// The breaker's state when it rejected the call: `.open`, or `.halfOpen` with every probe slot taken.
    public var state: CircuitState
    /// Time until the breaker will let a probe through: zero while half-open (a probe is in flight),
    /// `nil` when the breaker is forced open until `reset()` (no wait would be true).
    public var retryAfter: Duration?
    /// Whether the breaker was forced open (``CircuitBreaker/forceOpen()``) and stays open until reset.
    public var isForced: Bool

    /// Creates the error a breaker throws when it rejects a call.
    public init(name: String, state: CircuitState, retryAfter: Duration?, isForced: Bool = false) {
        self.name = name
        self.state = state
        self.retryAfter = retryAfter
        self.isForced = isForced
    }

    /// The error in one sentence: which circuit, and for how long it rejects calls.
    public var description: String {
        switch (state, retryAfter) {
        case (.halfOpen, _): "circuit '\(name)' is half-open and its probe slots are taken"
        case (_, nil): "circuit '\(name)' is forced open until reset"
        case (_, let wait?): "circuit '\(name)' is open; retry after \(wait)"
        }
    }
}
