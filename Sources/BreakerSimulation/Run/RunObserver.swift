/// What watches a run as it goes: every sample, and every breaker transition, in time order.
///
/// A transition is delivered before the sample that follows it, so an observer sees a breaker's
/// state change before the sample that shows it. The dashboard, the HTML report's history and the
/// timeline CSV are observers; so is anything a new face of the simulator needs to collect.
public protocol RunObserver {
    /// Takes one sample: called at every `sample_every` boundary, before the interval counters clear.
    mutating func observe(sample simulation: borrowing Simulation)
    /// Takes one breaker transition.
    mutating func observe(_ transition: BreakerTransition)
}

extension RunObserver {
    /// Ignores transitions: most observers read states from the samples.
    public mutating func observe(_ transition: BreakerTransition) {}
}

/// An observer that takes nothing, for runs where only the summary matters.
public struct NoRunObserver: RunObserver {
    /// Makes one.
    public init() {}
    /// Ignores the sample.
    public mutating func observe(sample simulation: borrowing Simulation) {}
}

/// Two observers fed in turn, for a run that several outputs watch.
public struct RunObservers<First: RunObserver, Second: RunObserver>: RunObserver {
    /// Fed first.
    public var first: First
    /// Fed second.
    public var second: Second

    /// Pairs two observers.
    public init(_ first: First, _ second: Second) {
        self.first = first
        self.second = second
    }

    /// Feeds the sample to both.
    public mutating func observe(sample simulation: borrowing Simulation) {
        first.observe(sample: simulation)
        second.observe(sample: simulation)
    }

    /// Feeds the transition to both.
    public mutating func observe(_ transition: BreakerTransition) {
        first.observe(transition)
        second.observe(transition)
    }
}

extension Optional: RunObserver where Wrapped: RunObserver {
    /// Feeds the sample to the observer, if there is one.
    public mutating func observe(sample simulation: borrowing Simulation) {
        self?.observe(sample: simulation)
    }

    /// Feeds the transition to the observer, if there is one.
    public mutating func observe(_ transition: BreakerTransition) {
        self?.observe(transition)
    }
}
