/// Virtual time and durations inside the simulator, in integer nanoseconds.
///
/// Integers keep every run exact and reproducible; `Int64` nanoseconds cover about 292 years.
public typealias Nanoseconds = Int64

/// A validated scenario: synthetic services with failure profiles, and clients that call them.
///
/// Values of this type come from ``ScenarioLoader``, which has already checked every range and
/// reference, so the engine can trust them.
public struct Scenario: Sendable, Equatable {
    /// Human-readable title, shown in the dashboard header and summaries.
    public var name: String
    /// Text a speaker can read aloud: what happens in this scenario and what to watch.
    public var description: String
    /// Seed of every random stream in the run.
    public var seed: UInt64
    /// Simulated length of the run.
    public var duration: Nanoseconds
    /// Interval between snapshots (dashboard frames, timeline rows).
    public var sampleEvery: Nanoseconds
    /// The synthetic services, in file order.
    public var services: [ServiceProfile]
    /// The calling clients, in file order.
    public var clients: [ClientProfile]

    /// Creates a scenario; omitted arguments take the defaults a scenario file gets.
    public init(
        name: String, description: String = "", seed: UInt64 = 1, duration: Nanoseconds,
        sampleEvery: Nanoseconds = 1_000_000_000, services: [ServiceProfile], clients: [ClientProfile]
    ) {
        self.name = name
        self.description = description
        self.seed = seed
        self.duration = duration
        self.sampleEvery = sampleEvery
        self.services = services
        self.clients = clients
    }
}
