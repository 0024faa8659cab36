/// Thrown by ``CircuitBreaker/run(_:)-(()->T)`` instead of running the operation when the breaker does
/// not permit the call.
public struct CircuitOpenError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Name of the breaker that rejected the call.
    public var name: String
    /// The breaker's state when it rejected the call: `.open`, or `.halfOpen` with every probe slot taken.
    public var state: CircuitState
    /// Time until the breaker will let a probe through; zero while half-open (a probe is in flight).
    public var retryAfter: Duration

    public init(name: String, state: CircuitState, retryAfter: Duration) {
        self.name = name
        self.state = state
        self.retryAfter = retryAfter
    }

    public var description: String {
        switch state {
        case .halfOpen: "circuit '\(name)' is half-open and its probe slots are taken"
        default: "circuit '\(name)' is open; retry after \(retryAfter)"
        }
    }
}
